package org.neutrino.allinone;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.dhcp.DhcpAgent;
import org.neutrino.agent.dhcp.DhcpAgentConfig;
import org.neutrino.agent.dhcp.DhcpAgentOptions;
import org.neutrino.agent.l2.LinuxBridgeAgent;
import org.neutrino.agent.l2.LinuxBridgeAgentMain;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigArguments;
import org.neutrino.lib.config.ConfigException;
import org.neutrino.lib.config.Opt;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.inprocess.InProcessBus;
import org.neutrino.server.NeutrinoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code neutrino-all-in-one --config-file FILE ...}: the API server, the Linux bridge agent and
 * the DHCP agent of this host in one process, on the in-process bus and (by default) the
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
        return new ArrayList<>(all);
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
        LOG.info("all-in-one running: API on port {}, Linux bridge and DHCP agents for host {}", server.port(), dhcp.host());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
