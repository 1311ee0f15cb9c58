package org.neutrino.agent.cmd;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.neutrino.agent.common.AgentBus;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.dhcp.DhcpAgent;
import org.neutrino.agent.dhcp.DhcpAgentConfig;
import org.neutrino.agent.dhcp.DhcpAgentOptions;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigArguments;
import org.neutrino.lib.config.ConfigException;
import org.neutrino.lib.config.UnknownOption;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.rpc.MessageBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code neutrino-dhcp-agent --config-file neutrino.conf --config-file dhcp_agent.ini}: later
 * files override earlier ones, as in Neutron. Connects to the broker of {@code [DEFAULT]
 * transport_url} (retrying until it is up), runs the {@link DhcpAgent} until SIGTERM.
 *
 * <p>Unknown options are warned about in {@code [AGENT]}, and in {@code [DEFAULT]} of the
 * agent's own files: every file when one is given, all but the first when several are (the
 * first, {@code neutrino.conf}, is shared with the server, whose options are not the agent's
 * to judge).
 */
public final class DhcpAgentMain {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpAgentMain.class);

    private DhcpAgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Config config;
        DhcpAgentConfig settings;
        try {
            config = parseArgs(args);
            settings = DhcpAgentConfig.from(config);
            if (config.get(AgentOptions.TRANSPORT_URL).isBlank()) {
                throw new IllegalArgumentException("[DEFAULT] transport_url is empty: a DHCP agent of its own needs "
                        + "the broker the server uses (rabbit://user:pass@host:5672/)");
            }
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("neutrino-dhcp-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        for (UnknownOption unknown : unknownOptionsToWarn(config)) {
            LOG.warn("Unknown option [{}] {} in {} is ignored", unknown.group(), unknown.name(),
                    unknown.value().location());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        MessageBus bus = AgentBus.connect(config.get(AgentOptions.TRANSPORT_URL));
        DhcpAgent agent = new DhcpAgent(settings, bus,
                ProcessExecutor.forRootHelper(config.get(AgentOptions.ROOT_HELPER)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                agent.close();
                bus.close();
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        agent.start();
        stopped.await();
    }

    /** The unknown options worth a warning (see the class comment). */
    static List<UnknownOption> unknownOptionsToWarn(Config config) {
        List<String> shared = config.files().size() > 1 ? List.of(config.files().getFirst().toString()) : List.of();
        return config.unknownOptions(DhcpAgentOptions.all()).stream()
                .filter(u -> u.group().equalsIgnoreCase("AGENT")
                        || (u.group().equals("DEFAULT") && !shared.contains(u.value().source())))
                .toList();
    }

    /** Reads {@code --config-file FILE} (repeatable) and {@code --config-dir DIR} into a configuration. */
    static Config parseArgs(String[] args) {
        return ConfigArguments.parse(args, DhcpAgentOptions.all());
    }
}
