package org.neutrino.fullstack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.neutrino.agent.linux.Command;
import org.neutrino.agent.linux.CommandResult;
import org.neutrino.agent.linux.ProcessExecutor;
import org.neutrino.agent.linux.RootHelper;

/**
 * What a fullstack test needs from the machine, each check a JUnit assumption that skips the
 * test with a message saying what is missing.
 */
final class Prerequisites {
    /** The variable {@code scripts/test.sh} exports with the URL of its private RabbitMQ node. */
    static final String RABBIT_URL_VARIABLE = "NEUTRINO_TEST_RABBIT_URL";

    private static final ProcessExecutor MACHINE = new ProcessExecutor(RootHelper.none());

    private Prerequisites() {
    }

    /** Skips unless the test runs as root with {@code ip netns} and every one of {@code programs}. */
    static void assumeRootAndPrograms(String... programs) {
        CommandResult id = MACHINE.execute(Command.of("id", "-u"));
        assumeTrue(id.exitCode() == 0 && id.stdout().strip().equals("0"), "fullstack tests need root: skipped");
        assumeTrue(MACHINE.execute(Command.of("ip", "netns", "list")).exitCode() == 0,
                "'ip netns' does not work here: skipped");
        for (String program : programs) {
            assumeTrue(installed(program), program + " is not installed: skipped");
        }
        assumeTrue(installed("ping") || installed("busybox"), "neither ping nor busybox is installed: skipped");
    }

    /** The RabbitMQ URL of the test broker; skips when {@value #RABBIT_URL_VARIABLE} is not set. */
    static String rabbitUrl() {
        String url = System.getenv(RABBIT_URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), RABBIT_URL_VARIABLE + " is not set (start a broker with "
                + "scripts/lib/rabbitmq.sh start DIR, or run scripts/test.sh): skipped");
        return url.strip();
    }

    /** The argv prefix of a ping: iputils {@code ping} when installed, else BusyBox's. */
    static List<String> ping() {
        return installed("ping") ? List.of("ping") : List.of("busybox", "ping");
    }

    private static boolean installed(String program) {
        return MACHINE.execute(Command.of("sh", "-c", "command -v " + program)).exitCode() == 0;
    }
}
