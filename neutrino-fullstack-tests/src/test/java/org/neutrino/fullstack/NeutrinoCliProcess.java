package org.neutrino.fullstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the {@code neutrino} command line as a process of a {@link FullstackLab}, against a server without authentication. */
final class NeutrinoCliProcess {
    private static final String CLI_MAIN = "org.neutrino.cli.NeutrinoCli";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private NeutrinoCliProcess() {
    }

    /** What a run printed (stdout and stderr) and its exit status. */
    record Result(int status, String output) {
    }

    /** Runs {@code neutrino ARGS --os-endpoint ENDPOINT}. */
    static Result run(FullstackLab lab, URI endpoint, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--os-endpoint", endpoint.toString()));
        Path output = lab.workDir().resolve("neutrino-cli-" + RUNS.incrementAndGet() + ".out");
        try {
            Process process = lab.track(new ProcessBuilder(lab.java().command(CLI_MAIN, args)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("neutrino " + String.join(" ", args) + " did not end");
            }
            return new Result(process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
