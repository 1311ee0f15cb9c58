package org.neutrino.agent.l2;

import java.util.List;
import org.neutrino.lib.config.Opt;

/**
 * The options of the Linux bridge agent, with Neutron's names and sections
 * ({@code linuxbridge_agent.ini}). Read them as typed values with {@link LinuxBridgeSettings#from}.
 */
public final class LinuxBridgeOptions {
    private LinuxBridgeOptions() {
    }

    public static final Opt<List<String>> PHYSICAL_INTERFACE_MAPPINGS = Opt.list("linux_bridge",
            "physical_interface_mappings", List.of(),
            "physnet:interface pairs: flat networks of the physnet use the interface, VLAN networks its "
                    + "<interface>.<vid> sub-interface.");
    public static final Opt<List<String>> BRIDGE_MAPPINGS = Opt.list("linux_bridge", "bridge_mappings", List.of(),
            "physnet:bridge pairs: flat networks of the physnet use this existing bridge as it is.");
    public static final Opt<Boolean> ENABLE_VXLAN = Opt.bool("vxlan", "enable_vxlan", true,
            "Whether VXLAN networks are wired (vxlan-<VNI> devices on the interface owning local_ip).");
    public static final Opt<String> LOCAL_IP = Opt.string("vxlan", "local_ip", null,
            "This host's VTEP address; an interface of the host must carry it. Required when enable_vxlan is true.");
    public static final Opt<Boolean> L2_POPULATION = Opt.bool("vxlan", "l2_population", true,
            "Flood and forward by the FDB entries the server sends (unicast VXLAN). Only true is supported: "
                    + "multicast VXLAN (vxlan_group) is not implemented.");
    public static final Opt<Integer> POLLING_INTERVAL = Opt.integer("AGENT", "polling_interval", 2, 1, null,
            "Seconds between two scans of the host's devices; new and removed taps are normally seen at once "
                    + "through link events, the scan is the safety net.");
    public static final Opt<String> FIREWALL_DRIVER = Opt.string("securitygroup", "firewall_driver", "noop",
            "Security-group driver: iptables (neutron.agent.linux.iptables_firewall.IptablesFirewallDriver: ports "
                    + "filtered by iptables, ipset and conntrack through br_netfilter, chains prefixed neutrino-) or noop "
                    + "(ports are not filtered, and are bound with port_filter false). The agent refuses any other, "
                    + "since security groups would not be enforced.");

    /** The agent's own options (see {@link org.neutrino.agent.common.AgentOptions} for the common ones). */
    public static List<Opt<?>> all() {
        return List.of(PHYSICAL_INTERFACE_MAPPINGS, BRIDGE_MAPPINGS, ENABLE_VXLAN, LOCAL_IP, L2_POPULATION,
                POLLING_INTERVAL, FIREWALL_DRIVER);
    }
}
