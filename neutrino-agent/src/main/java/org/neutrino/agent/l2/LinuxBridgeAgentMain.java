package org.neutrino.agent.l2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.linux.ProcessExecutor;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigException;
import org.neutrino.lib.config.Opt;
import org.neutrino.lib.config.UnknownOption;
import org.neutrino.rpc.BusUnavailableException;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.MessageBuses;
import org.neutrino.rpc.TransportUrl;
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
    private static final Duration BROKER_RETRY = Duration.ofSeconds(5);

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
        LinuxBridgeSettings settings;
        try {
            config = parseArgs(args);
            settings = LinuxBridgeSettings.from(config);
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
        MessageBus bus = connect(config.get(AgentOptions.TRANSPORT_URL));
        LinuxBridgeAgent agent = new LinuxBridgeAgent(settings, bus,
                ProcessExecutor.forRootHelper(config.get(AgentOptions.ROOT_HELPER)));
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

    /** Connects to the broker, trying again every few seconds until it answers. */
    private static MessageBus connect(String transportUrl) throws InterruptedException {
        while (true) {
            try {
                return MessageBuses.fromTransportUrl(transportUrl);
            } catch (BusUnavailableException e) {
                LOG.warn("message bus {} unavailable ({}); trying again in {} s", TransportUrl.redacted(transportUrl),
                        e.getMessage(), BROKER_RETRY.toSeconds());
                Thread.sleep(BROKER_RETRY);
            }
        }
    }

    /** Reads {@code --config-file FILE} (repeated) and {@code --config-dir DIR} arguments. */
    static Config parseArgs(String[] args) {
        Config.Builder builder = Config.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            } else if (i + 1 < args.length) {
                value = args[++i];
            }
            if (value == null) {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            switch (arg) {
                case "--config-file" -> {
                    Path file = Path.of(value);
                    if (!Files.isReadable(file)) {
                        throw new IllegalArgumentException("cannot read config file " + file);
                    }
                    builder.file(file);
                }
                case "--config-dir" -> builder.configDir(Path.of(value));
                default -> throw new IllegalArgumentException("unknown argument " + arg
                        + " (usage: --config-file FILE [--config-file FILE ...] [--config-dir DIR])");
            }
        }
        return builder.declare(options()).build();
    }
}
