package org.neutrino.agent.l3;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.common.InterfaceDrivers;
import org.neutrino.agent.metadata.MetadataOptions;
import org.neutrino.lib.config.Opt;

/** The L3 agent's options ({@code l3_agent.ini}), with Neutron's names and defaults. */
public final class L3AgentOptions {
    private L3AgentOptions() {
    }

    public static final Opt<Integer> PERIODIC_INTERVAL = Opt.integer("DEFAULT", "periodic_interval", 40, 1, null,
            "Seconds between two full synchronisations of every router scheduled to this agent (sync_routers "
                    + "without ids); routers whose last synchronisation failed are retried every 5 seconds "
                    + "(or this interval when shorter).");
    public static final Opt<String> INTERFACE_DRIVER = InterfaceDrivers.OPTION;
    public static final Opt<String> AGENT_MODE = Opt.choice("DEFAULT", "agent_mode", "legacy", Set.of("legacy"),
            "The router mode: legacy (every router of this agent in its own qrouter- namespace, centralised "
                    + "SNAT and floating IPs). DVR modes are not implemented.");

    public static final Opt<Boolean> ENABLE_METADATA_PROXY = Opt.bool("DEFAULT", "enable_metadata_proxy", true,
            "Run a metadata proxy (haproxy) in every router namespace: the instances' requests to "
                    + "169.254.169.254:80 are redirected to it and forwarded to the metadata agent's socket.");
    public static final Opt<Integer> METADATA_PORT = Opt.port("DEFAULT", "metadata_port", 9697,
            "The TCP port the metadata proxy of a router listens on inside the router's namespace.");

    /** The L3 agent's own options. */
    public static List<Opt<?>> own() {
        return List.of(PERIODIC_INTERVAL, INTERFACE_DRIVER, AGENT_MODE, ENABLE_METADATA_PROXY, METADATA_PORT,
                MetadataOptions.METADATA_PROXY_SOCKET);
    }

    /** Every option the L3 agent reads: the common agent options and its own. */
    public static List<Opt<?>> all() {
        List<Opt<?>> all = new ArrayList<>(AgentOptions.all());
        all.add(AgentOptions.AVAILABILITY_ZONE);
        all.addAll(own());
        return List.copyOf(all);
    }
}
