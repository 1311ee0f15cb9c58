package org.neutrino.linux;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ping} from a network namespace, for a trace's probe: a few echo requests, a short
 * interval, and how many were sent and answered. Never throws for an unanswered ping (exit 1);
 * a ping that cannot be sent at all (exit 2: no route, bad address) counts as none sent.
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
        CommandResult result = executor.execute(Command.of("ping", "-n", "-q", "-c", String.valueOf(count), "-i", "0.2",
                "-W", "1", destination).inNamespace(namespace).allowingExitCodes(1, 2));
        Matcher m = SUMMARY.matcher(result.stdout());
        return m.find() ? new Result(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : new Result(0, 0);
    }
}
