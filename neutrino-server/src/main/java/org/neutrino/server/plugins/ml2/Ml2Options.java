package org.neutrino.server.plugins.ml2;

import java.util.List;
import org.neutrino.lib.config.Opt;

/** ML2's options, with Neutron's sections and names. */
public final class Ml2Options {
    private Ml2Options() {
    }

    public static final Opt<List<String>> TYPE_DRIVERS = Opt.list("ml2", "type_drivers",
            List.of("local", "flat", "vlan", "vxlan", "geneve", "gre"),
            "Network types to load, in order: local, flat, vlan, vxlan, geneve, gre.");
    public static final Opt<List<String>> TENANT_NETWORK_TYPES = Opt.list("ml2", "tenant_network_types", List.of("local"),
            "Network types for project networks, in order of preference.");
    public static final Opt<List<String>> MECHANISM_DRIVERS = Opt.list("ml2", "mechanism_drivers", List.of("linuxbridge"),
            "Mechanism drivers that bind ports, in order: linuxbridge, openvswitch (binds to hosts whose Open vSwitch agent reports in; Neutrino has no such agent yet). l2population is accepted and always on.");
    public static final Opt<List<String>> EXTENSION_DRIVERS = Opt.list("ml2", "extension_drivers", List.of(),
            "ML2 extension drivers: port_security (the port_security_enabled attribute of networks and ports). Other names are ignored with a warning.");
    /** The extension drivers provided (by the security-group plugin, which reads this option). */
    public static final java.util.Set<String> PROVIDED_EXTENSION_DRIVERS = java.util.Set.of("port_security");
    public static final Opt<Integer> PATH_MTU = Opt.integer("ml2", "path_mtu", 0, 0, 65535,
            "Maximum size of an IP packet on the overlay's underlay; 0 uses [DEFAULT] global_physnet_mtu.");
    public static final Opt<List<String>> FLAT_NETWORKS = Opt.list("ml2_type_flat", "flat_networks", List.of("*"),
            "Physical networks usable by flat networks; * for any, empty for none.");
    public static final Opt<List<String>> NETWORK_VLAN_RANGES = Opt.list("ml2_type_vlan", "network_vlan_ranges", List.of(),
            "physnet:first:last VLAN ranges for project networks, or physnet alone for provider networks only.");
    public static final Opt<List<String>> VXLAN_VNI_RANGES = Opt.list("ml2_type_vxlan", "vni_ranges", List.of(),
            "first:last VNI ranges for project VXLAN networks.");
    public static final Opt<List<String>> GENEVE_VNI_RANGES = Opt.list("ml2_type_geneve", "vni_ranges", List.of(),
            "first:last VNI ranges for project Geneve networks (allocation only; no agent provides Geneve yet).");
    public static final Opt<List<String>> GRE_TUNNEL_ID_RANGES = Opt.list("ml2_type_gre", "tunnel_id_ranges", List.of(),
            "first:last tunnel id ranges for project GRE networks (allocation only; no agent provides GRE yet).");
    public static final Opt<Integer> AGENT_DOWN_TIME = Opt.integer("DEFAULT", "agent_down_time", 75, 1, null,
            "Seconds without a heartbeat after which an agent is considered down.");
    public static final Opt<Integer> DHCP_AGENTS_PER_NETWORK = Opt.integer("DEFAULT", "dhcp_agents_per_network", 1, 1, null,
            "Number of DHCP agents scheduled to host a network.");
    public static final Opt<Boolean> NETWORK_AUTO_SCHEDULE = Opt.bool("DEFAULT", "network_auto_schedule", true,
            "Schedule networks with DHCP-enabled subnets to DHCP agents automatically.");

    public static List<Opt<?>> all() {
        return List.of(TYPE_DRIVERS, TENANT_NETWORK_TYPES, MECHANISM_DRIVERS, EXTENSION_DRIVERS, PATH_MTU, FLAT_NETWORKS,
                NETWORK_VLAN_RANGES, VXLAN_VNI_RANGES, GENEVE_VNI_RANGES, GRE_TUNNEL_ID_RANGES, AGENT_DOWN_TIME,
                DHCP_AGENTS_PER_NETWORK, NETWORK_AUTO_SCHEDULE);
    }
}
