package org.neutrino.allinone;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.dhcp.DhcpAgent;
import org.neutrino.agent.dhcp.DhcpAgentConfig;
import org.neutrino.agent.dhcp.DhcpAgentOptions;
import org.neutrino.agent.l2.LinuxBridgeAgent;
import org.neutrino.agent.l3.L3Agent;
import org.neutrino.agent.l3.L3AgentConfig;
import org.neutrino.agent.l3.L3AgentOptions;
import org.neutrino.agent.metadata.MetadataAgent;
import org.neutrino.agent.metadata.MetadataAgentConfig;
import org.neutrino.agent.metadata.MetadataOptions;
import org.neutrino.agent.l2.LinuxBridgeAgentMain;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigArguments;
import org.neutrino.lib.config.ConfigException;
import org.neutrino.lib.config.Opt;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.inprocess.InProcessBus;
import org.neutrino.server.NeutrinoServer;
import org.neutrino.server.config.ServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code neutrino-all-in-one --config-file FILE ...}: the API server, the Linux bridge agent, the
 * DHCP agent and, when {@code [DEFAULT] service_plugins} contains {@code router}, the L3 agent and
 * the metadata agent (which answers the routers' metadata proxies) of this host in one process, on the in-process bus and (by default) the
 * embedded database. Run as root; with {@code [AGENT] root_helper = ip netns exec <ns>} the
 * "host" is a network namespace.
 */
public final class AllInOneMain {
    private static final Logger LOG = LoggerFactory.getLogger(AllInOneMain.class);

    private AllInOneMain() {
    }

    /** Every option the three parts read. */
    public static List<Opt<?>> options() {
        LinkedHashSet<Opt<?>> all = new LinkedHashSet<>(NeutrinoServer.options());
        all.addAll(LinuxBridgeAgentMain.options());
        all.addAll(DhcpAgentOptions.all());
        all.addAll(L3AgentOptions.all());
        all.addAll(MetadataOptions.all());
        return new ArrayList<>(all);
    }

    /**
     * Whether the L3 agent runs: only with the {@code router} service plugin, which serves the
     * routers it makes ({@code sync_routers}).
     */
    static boolean runsL3Agent(Config config) {
        return config.get(ServerOptions.SERVICE_PLUGINS).contains("router");
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = ConfigArguments.parse(args, options());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("neutrino-all-in-one: " + e.getMessage());
            System.exit(2);
            return;
        }
        config.warnUnknown(options());
        MessageBus bus = new InProcessBus();
        NeutrinoServer server = new NeutrinoServer(config, bus).start();
        LinuxBridgeAgent l2 = LinuxBridgeAgent.fromConfig(config, bus).start();
        DhcpAgent dhcp = new DhcpAgent(DhcpAgentConfig.from(config), bus,
                ProcessExecutor.forRootHelper(config.get(AgentOptions.ROOT_HELPER))).start();
        L3Agent l3 = runsL3Agent(config) ? new L3Agent(L3AgentConfig.from(config), bus,
                ProcessExecutor.forRootHelper(config.get(AgentOptions.ROOT_HELPER))).start() : null;
        MetadataAgent metadata = l3 == null ? null : new MetadataAgent(MetadataAgentConfig.from(config), bus).start();
        LOG.info("all-in-one running: API on port {}, Linux bridge, DHCP{} agents for host {}", server.port(),
                l3 == null ? "" : ", L3 and metadata", dhcp.host());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (metadata != null) {
                metadata.close();
            }
            if (l3 != null) {
                l3.close();
            }
            dhcp.close();
            l2.close();
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("error stopping the server: {}", e.toString());
            }
            bus.close();
        }, "shutdown"));
        Thread.currentThread().join();
    }
}
