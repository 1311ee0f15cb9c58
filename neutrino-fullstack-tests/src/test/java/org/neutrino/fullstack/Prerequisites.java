package org.neutrino.fullstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.linux.RootHelper;

/**
 * The {@link Prerequisite}s of the fullstack tests. A {@link FullstackLab} checks those of its
 * class before the class runs and skips every test of it, with the message, when one is missing.
 */
final class Prerequisites {
    /** The variable {@code scripts/test.sh} exports with the URL of its private RabbitMQ node. */
    static final String RABBIT_URL_VARIABLE = "NEUTRINO_TEST_RABBIT_URL";

    private static final ProcessExecutor MACHINE = new ProcessExecutor(RootHelper.none());

    private Prerequisites() {
    }

    /** Root, {@code ip netns}, and a ping (iputils or BusyBox): what every fullstack test needs. */
    static final Prerequisite ROOT_WITH_NAMESPACES = () -> {
        CommandResult id = MACHINE.execute(Command.of("id", "-u"));
        if (id.exitCode() != 0 || !id.stdout().strip().equals("0")) {
            return Optional.of("fullstack tests need root: skipped");
        }
        if (MACHINE.execute(Command.of("ip", "netns", "list")).exitCode() != 0) {
            return Optional.of("'ip netns' does not work here: skipped");
        }
        if (!installed("ping") && !installed("busybox")) {
            return Optional.of("neither ping nor busybox is installed: skipped");
        }
        return Optional.empty();
    };

    /** A RabbitMQ broker named by {@value #RABBIT_URL_VARIABLE}. */
    static final Prerequisite RABBITMQ = () -> rabbitUrlVariable().isPresent() ? Optional.empty()
            : Optional.of(RABBIT_URL_VARIABLE + " is not set (start a broker with scripts/lib/rabbitmq.sh start DIR, "
                    + "or run scripts/test.sh): skipped");

    /** The all-in-one main on the class path (neutrino-dist). */
    static final Prerequisite ALL_IN_ONE = () -> NeutrinoDeployment.allInOneAvailable() ? Optional.empty()
            : Optional.of(NeutrinoDeployment.ALL_IN_ONE_MAIN + " is not on the class path: skipped");

    /** The L3 agent's main on the class path (neutrino-agent with the L3 agent). */
    static final Prerequisite L3_AGENT = () ->
            ClassLoader.getSystemResource(NeutrinoDeployment.L3_AGENT_MAIN.replace('.', '/') + ".class") != null
                    ? Optional.empty()
                    : Optional.of(NeutrinoDeployment.L3_AGENT_MAIN + " is not on the class path: skipped");

    /** Every one of {@code names} installed (on the PATH). */
    static Prerequisite programs(String... names) {
        return () -> {
            List<String> missing = new ArrayList<>();
            for (String name : names) {
                if (!installed(name)) {
                    missing.add(name);
                }
            }
            return missing.isEmpty() ? Optional.empty()
                    : Optional.of("not installed: " + String.join(", ", missing) + ": skipped");
        };
    }

    /** The RabbitMQ URL of the test broker (checked by {@link #RABBITMQ}). */
    static String rabbitUrl() {
        return rabbitUrlVariable().orElseThrow(() -> new IllegalStateException(RABBIT_URL_VARIABLE + " is not set"));
    }

    /** The argv prefix of a ping: iputils {@code ping} when installed, else BusyBox's. */
    static List<String> ping() {
        return installed("ping") ? List.of("ping") : List.of("busybox", "ping");
    }

    private static Optional<String> rabbitUrlVariable() {
        return Optional.ofNullable(System.getenv(RABBIT_URL_VARIABLE)).map(String::strip).filter(url -> !url.isEmpty());
    }

    private static boolean installed(String program) {
        return MACHINE.execute(Command.of("sh", "-c", "command -v " + program)).exitCode() == 0;
    }
}
