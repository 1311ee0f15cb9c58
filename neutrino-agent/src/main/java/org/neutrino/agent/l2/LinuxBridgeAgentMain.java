package org.neutrino.agent.l2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * {@code neutrino-linuxbridge-agent --config-file neutrino.conf --config-file linuxbridge_agent.ini}:
 * the agent as its own process, talking to the server over the RabbitMQ bus of
 * {@code [DEFAULT] transport_url} (waiting for the broker until it is up), until SIGTERM.
 * Later files override earlier ones, as in Neutron.
 *
 * <p>Unknown options are warned about in the agent's own sections ({@code [linux_bridge]},
 * {@code [vxlan]}, {@code [AGENT]}, {@code [securitygroup]}); the other sections of a shared
 * {@code neutrino.conf} belong to the server and are not the agent's to judge.
 */
public final class LinuxBridgeAgentMain {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxBridgeAgentMain.class);
    private static final Set<String> OWN_SECTIONS = Set.of("linux_bridge", "vxlan", "agent", "securitygroup");

    private LinuxBridgeAgentMain() {
    }

    /** Every option the agent reads. */
    public static List<Opt<?>> options() {
        List<Opt<?>> all = new ArrayList<>(AgentOptions.all());
        all.addAll(LinuxBridgeOptions.all());
        return List.copyOf(all);
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = parseArgs(args);
            LinuxBridgeSettings.from(config); // a bad option ends the agent here, with status 2
            String url = config.get(AgentOptions.TRANSPORT_URL);
            if (url == null || url.isBlank() || url.strip().startsWith("in-process")) {
                throw new ConfigException("[DEFAULT] transport_url must name a RabbitMQ broker (rabbit://...) for "
                        + "an agent in its own process; the in-process bus is for the all-in-one neutrino-server");
            }
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("neutrino-linuxbridge-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        for (UnknownOption unknown : unknownAgentOptions(config)) {
            LOG.warn("Unknown option [{}] {} in {} is ignored", unknown.group(), unknown.name(),
                    unknown.value().location());
        }
        MessageBus bus = AgentBus.connect(config.get(AgentOptions.TRANSPORT_URL));
        LinuxBridgeAgent agent = LinuxBridgeAgent.fromConfig(config, bus);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            bus.close();
        }, "shutdown"));
        try {
            agent.start();
        } catch (RuntimeException e) {
            LOG.error("neutrino-linuxbridge-agent cannot start: {}", e.getMessage(), e);
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    /** The options set in the agent's own sections that the agent does not know. */
    static List<UnknownOption> unknownAgentOptions(Config config) {
        return config.unknownOptions(options()).stream()
                .filter(u -> OWN_SECTIONS.contains(u.group().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** Reads {@code --config-file FILE} (repeated) and {@code --config-dir DIR} arguments. */
    static Config parseArgs(String[] args) {
        return ConfigArguments.parse(args, options());
    }
}
