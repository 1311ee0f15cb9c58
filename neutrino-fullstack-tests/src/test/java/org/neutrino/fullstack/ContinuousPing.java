package org.neutrino.fullstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ping that runs while the test does something else: {@code count} echo requests every
 * {@code interval} from a namespace, its output in a file; {@link #await()} reads the summary.
 */
final class ContinuousPing {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");

    private final Process process;
    private final Path output;
    private final Duration expectedRuntime;

    /** How many requests went out and how many were answered. */
    record Summary(int transmitted, int received) {
        int lost() {
            return transmitted - received;
        }
    }

    private ContinuousPing(Process process, Path output, Duration expectedRuntime) {
        this.process = process;
        this.output = output;
        this.expectedRuntime = expectedRuntime;
    }

    /** Starts pinging {@code address} from {@code namespace}; the output goes to {@code <work dir>/<name>.ping}. */
    static ContinuousPing start(FullstackLab lab, String name, String namespace, String address, int count,
                                Duration interval) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(Prerequisites.ping());
        String seconds = String.format(Locale.ROOT, "%.1f", interval.toMillis() / 1000.0);
        argv.addAll(List.of("-c", Integer.toString(count), "-i", seconds, "-W", "1", address));
        Path output = lab.workDir().resolve(name + ".ping");
        try {
            Process process = lab.track(new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start());
            return new ContinuousPing(process, output, interval.multipliedBy(count));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the end of the ping and returns its summary. */
    Summary await() {
        try {
            if (!process.waitFor(expectedRuntime.toSeconds() + 15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the ping did not end; output:\n" + Files.readString(output));
            }
            String text = Files.readString(output);
            Matcher summary = SUMMARY.matcher(text);
            if (!summary.find()) {
                throw new IllegalStateException("no summary in the ping's output:\n" + text);
            }
            return new Summary(Integer.parseInt(summary.group(1)), Integer.parseInt(summary.group(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
