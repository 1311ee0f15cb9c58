package org.neutrino.agent.cmd;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.neutrino.agent.common.AgentBus;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigArguments;
import org.neutrino.lib.config.ConfigException;
import org.neutrino.lib.config.Opt;
import org.neutrino.lib.config.UnknownOption;
import org.neutrino.rpc.MessageBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the mains of the agents that run as their own process share: {@code --config-file FILE}
 * (repeatable, later files override earlier ones, as in Neutron) and {@code --config-dir DIR};
 * the settings checked before anything starts (a bad one exits with status 2 and a message);
 * the broker of {@code [DEFAULT] transport_url} connected (retrying until it is up); the agent
 * run until SIGTERM.
 *
 * <p>Unknown options are warned about in {@code [AGENT]}, and in {@code [DEFAULT]} of the
 * agent's own files: every file when one is given, all but the first when several are (the
 * first, {@code neutrino.conf}, is shared with the server, whose options are not the agent's
 * to judge).
 */
final class AgentCommandLine {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCommandLine.class);

    /** Starts an agent of checked settings on a connected bus. */
    interface Starter {
        AutoCloseable start(MessageBus bus);
    }

    private AgentCommandLine() {
    }

    /**
     * Runs an agent: {@code prepare} reads and checks its settings (throwing {@link ConfigException}
     * or {@link IllegalArgumentException}) and returns how to start it.
     */
    static void run(String program, String[] args, List<Opt<?>> options, Function<Config, Starter> prepare)
            throws InterruptedException {
        Config config;
        Starter starter;
        try {
            config = ConfigArguments.parse(args, options);
            starter = prepare.apply(config);
            if (config.get(AgentOptions.TRANSPORT_URL).isBlank()) {
                throw new IllegalArgumentException("[DEFAULT] transport_url is empty: an agent of its own needs "
                        + "the broker the server uses (rabbit://user:pass@host:5672/)");
            }
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        for (UnknownOption unknown : unknownOptionsToWarn(config, options)) {
            LOG.warn("Unknown option [{}] {} in {} is ignored", unknown.group(), unknown.name(),
                    unknown.value().location());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        MessageBus bus = AgentBus.connect(config.get(AgentOptions.TRANSPORT_URL));
        AutoCloseable agent = starter.start(bus);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                agent.close();
            } catch (Exception e) {
                LOG.warn("error stopping {}: {}", program, e.toString());
            } finally {
                bus.close();
                stopped.countDown();
            }
        }, "shutdown"));
        stopped.await();
    }

    /** The unknown options worth a warning (see the class comment). */
    static List<UnknownOption> unknownOptionsToWarn(Config config, List<Opt<?>> options) {
        List<String> shared = config.files().size() > 1 ? List.of(config.files().getFirst().toString()) : List.of();
        return config.unknownOptions(options).stream()
                .filter(u -> u.group().equalsIgnoreCase("AGENT")
                        || (u.group().equals("DEFAULT") && !shared.contains(u.value().source())))
                .toList();
    }
}
