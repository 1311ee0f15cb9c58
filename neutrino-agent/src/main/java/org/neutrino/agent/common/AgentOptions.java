package org.neutrino.agent.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.neutrino.lib.config.CommonOptions;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigException;
import org.neutrino.lib.config.Opt;
import org.neutrino.linux.RootHelper;
import org.neutrino.rpc.BusOptions;

/** Options every agent reads, with Neutron's names. */
public final class AgentOptions {
    private AgentOptions() {
    }

    public static final Opt<String> HOST = CommonOptions.HOST;
    public static final Opt<String> TRANSPORT_URL = BusOptions.TRANSPORT_URL;
    public static final Opt<Integer> RPC_RESPONSE_TIMEOUT = BusOptions.RPC_RESPONSE_TIMEOUT;
    public static final Opt<String> STATE_PATH = CommonOptions.STATE_PATH;
    public static final Opt<String> ROOT_HELPER = RootHelper.OPTION;
    /** Read by the DHCP and L3 agents only, as in Neutron; the zone their schedulers match hints against. */
    public static final Opt<String> AVAILABILITY_ZONE = Opt.string("AGENT", "availability_zone", "nova",
            "The availability zone this agent reports; networks and routers with availability_zone_hints are "
                    + "scheduled only to agents of the hinted zones.");
    public static final Opt<Integer> REPORT_INTERVAL = Opt.integer("AGENT", "report_interval", 30, 1, null,
            "Seconds between two state reports (heartbeats) to the server.");

    /** {@code [DEFAULT] host}, or the machine's host name when it is unset or blank. */
    public static String host(Config config) {
        return config.find(HOST).filter(h -> !h.isBlank()).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                throw new ConfigException("[DEFAULT] host is not set and the machine's host name is unknown: "
                        + e.getMessage());
            }
        });
    }

    public static List<Opt<?>> all() {
        return List.of(HOST, TRANSPORT_URL, RPC_RESPONSE_TIMEOUT, STATE_PATH, ROOT_HELPER, REPORT_INTERVAL);
    }
}
