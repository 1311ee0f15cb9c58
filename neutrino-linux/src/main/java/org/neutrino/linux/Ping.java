package org.neutrino.linux;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ping} from a network namespace, for a trace's probe: a few echo requests, a short
 * interval, and how many were sent and answered. Never throws for an unanswered ping (exit 1);
 * a ping that cannot be sent at all (exit 2: no route, bad address) counts as none sent. Uses
 * iputils {@code ping} when it is on the {@code PATH}, else BusyBox's (the options used are
 * common to both).
 */
public final class Ping {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");
    private final Executor executor;

    public Ping(Executor executor) {
        this.executor = executor;
    }

    /** What one ping gave. */
    public record Result(int sent, int received) {
    }

    /** Sends {@code count} echo requests to {@code destination} from {@code namespace}, 0.2 s apart, waiting 1 s for the last. */
    public Result send(String namespace, String destination, int count) {
        if (count < 1 || count > 10) {
            throw new IllegalArgumentException("a probe sends 1 to 10 packets, not " + count);
        }
        if (!destination.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP address: " + destination);
        }
        List<String> argv = new ArrayList<>(onPath("ping") ? List.of("ping") : List.of("busybox", "ping"));
        argv.addAll(List.of("-q", "-c", String.valueOf(count), "-i", "0.2", "-W", "1", destination));
        CommandResult result = executor.execute(Command.of(argv).inNamespace(namespace).allowingExitCodes(1, 2));
        Matcher m = SUMMARY.matcher(result.stdout());
        return m.find() ? new Result(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : new Result(0, 0);
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
