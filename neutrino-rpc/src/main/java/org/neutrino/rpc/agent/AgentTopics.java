package org.neutrino.rpc.agent;

/**
 * Topics and method names between the server and the agents, after Neutron's. Notifications
 * are thin: they say <em>what</em> changed (ids); agents then pull the state with the calls
 * of {@link #PLUGIN} and reconcile.
 *
 * <h2>Agent → server: calls on {@link #PLUGIN}</h2>
 * <ul>
 *   <li>{@code report_state {agent_state: AgentState}} → {@code null}; heartbeat and registration.
 *   <li>{@code get_devices_details_list {devices: [tap...], agent_id, host}} →
 *       {@code [DeviceDetails]}; an unknown device, or one bound to another host, comes back
 *       as {@code {"device": name}} only.
 *   <li>{@code update_device_list {devices_up: [...], devices_down: [...], agent_id, host}} →
 *       {@code {devices_up, devices_down, failed_devices_up, failed_devices_down}}; sets ports
 *       ACTIVE / DOWN.
 *   <li>{@code get_network_fdb {network_ids: [...], host}} → {@code {network_id: NetworkFdb}}
 *       (l2population: where each MAC of the network lives, other hosts only).
 *   <li>{@code get_active_networks {host}} → {@code [network_id]}: networks scheduled to the
 *       DHCP agent of that host.
 *   <li>{@code get_network_info {network_id, host}} → {@code DhcpNetwork} or {@code null} when
 *       the network is gone.
 *   <li>{@code get_dhcp_port {network_id, host}} → the DHCP port of that host on the network,
 *       created or brought in line with the network's DHCP-enabled subnets (one address on each,
 *       IPv4 and IPv6; none on a subnet without DHCP but automatic IPv6 addresses, which the
 *       server keeps) and bound to the host,
 *       as {@code DhcpNetwork.Port}.
 *   <li>{@code release_dhcp_port {network_id, host}} → {@code null}.
 *   <li>{@code sync_routers {host, router_ids}} → {@code [RouterInfo]}: the routers scheduled to
 *       the L3 agent of that host, all of them when {@code router_ids} is {@code null}, else
 *       those of the ids still scheduled there (an id missing from the answer is a router the
 *       agent must remove).
 *   <li>{@code update_floatingip_statuses {router_id, fip_statuses: {fip_id: status}}} →
 *       {@code null}; {@code ACTIVE} once the agent has configured a floating IP.
 *   <li>{@code security_group_info_for_devices {devices: [tap...], host}} →
 *       {@code SecurityGroupInfo}.
 *   <li>{@code get_metadata_instance {host, router_id | network_id, ip_address}} →
 *       {@code MetadataLookup.Instance} or {@code null}: the one port holding that address on the
 *       networks with an interface of that router (or on that network); the metadata agent's
 *       question for each request its proxies forward ({@link MetadataLookup}).
 * </ul>
 *
 * <h2>Server → agents: calls</h2>
 * <ul>
 *   <li>to {@code Target(L2_AGENT, host)} and {@code Target(DHCP_AGENT, host)} (later also
 *       {@code Target(L3_AGENT, host)}): {@code trace_port {port_id, network_id, mac_address,
 *       segmentation_id, network_type}} → {@code PortTrace}: what the agent sees in its host's
 *       kernel for that port (its devices, bridge, VXLAN device and FDB, filter rules and chains;
 *       for the DHCP agent the {@code qdhcp-} namespace, its {@code ns-} interface and the
 *       dnsmasq host entries of the port's MAC). Read-only; the server gives the verdicts
 *       ({@code GET /v2.0/ports/{id}/trace}).
 *   <li>to {@code Target(L3_AGENT, host)}: {@code trace_router {router_id, floating_ip_address}} →
 *       {@code PortTrace}: the {@code qrouter-} namespace if it exists, its {@code qr-}/{@code qg-}
 *       devices with their addresses, and the nat-table rules naming the floating address with
 *       their packet counters ({@code GET /v2.0/floatingips/{id}/trace}).
 * </ul>
 *
 * <h2>Server → agents: casts</h2>
 * <ul>
 *   <li>fanout {@link #PORT_UPDATE}: {@code port_update {port_id, network_id}}
 *   <li>fanout {@link #PORT_DELETE}: {@code port_delete {port_id, network_id}}
 *   <li>fanout {@link #NETWORK_UPDATE}: {@code network_update {network_id}}
 *   <li>fanout {@link #NETWORK_DELETE}: {@code network_delete {network_id}}
 *   <li>fanout {@link #L2POPULATION}: {@code fdb_changed {network_ids: [...]}}
 *   <li>to {@code Target(DHCP_AGENT, host)}: {@code network_changed {network_id}} (any change
 *       of the network, its subnets or ports) and {@code network_removed {network_id}} (deleted,
 *       or unscheduled from that agent).
 *   <li>to {@code Target(L3_AGENT, host)}: {@code routers_updated {router_ids}}: any change of
 *       those routers (interfaces, gateway, floating IPs, routes, scheduling); the agent pulls
 *       them with {@code sync_routers} and removes those not returned.
 *   <li>fanout {@link #SECURITY_GROUP_UPDATE}: {@code security_groups_rule_updated
 *       {security_groups: [...]}} (rules or statefulness changed) and
 *       {@code security_groups_member_updated {security_groups: [...]}} (the member addresses
 *       changed); a port's own group list or addresses changing is a {@code port_update}.
 *       Firewall drivers pull {@code security_group_info_for_devices} for their affected devices.
 * </ul>
 */
public final class AgentTopics {
    private AgentTopics() {
    }

    /** The server's topic. */
    public static final String PLUGIN = "q-plugin";
    public static final String PORT_UPDATE = "q-agent-notifier-port-update";
    public static final String PORT_DELETE = "q-agent-notifier-port-delete";
    public static final String NETWORK_UPDATE = "q-agent-notifier-network-update";
    public static final String NETWORK_DELETE = "q-agent-notifier-network-delete";
    public static final String L2POPULATION = "q-agent-notifier-l2population-update";
    public static final String SECURITY_GROUP_UPDATE = "q-agent-notifier-security_group-update";
    /** DHCP agents subscribe to {@code Target(DHCP_AGENT, host)}. */
    public static final String DHCP_AGENT = "dhcp_agent";
    /** L3 agents subscribe to {@code Target(L3_AGENT, host)}. */
    public static final String L3_AGENT = "l3_agent";
    /** L2 agents answer calls on {@code Target(L2_AGENT, host)} ({@link #TRACE_PORT}). */
    public static final String L2_AGENT = "l2_agent";

    public static final String REPORT_STATE = "report_state";
    public static final String GET_DEVICES_DETAILS_LIST = "get_devices_details_list";
    public static final String UPDATE_DEVICE_LIST = "update_device_list";
    public static final String GET_NETWORK_FDB = "get_network_fdb";
    public static final String GET_ACTIVE_NETWORKS = "get_active_networks";
    public static final String GET_NETWORK_INFO = "get_network_info";
    public static final String GET_DHCP_PORT = "get_dhcp_port";
    public static final String RELEASE_DHCP_PORT = "release_dhcp_port";
    public static final String SYNC_ROUTERS = "sync_routers";
    public static final String UPDATE_FLOATINGIP_STATUSES = "update_floatingip_statuses";
    public static final String SECURITY_GROUP_INFO_FOR_DEVICES = "security_group_info_for_devices";
    /** Metadata agent → server: the instance behind an address ({@link MetadataLookup}). */
    public static final String GET_METADATA_INSTANCE = "get_metadata_instance";
    /** Server → agent call: what the agent's host has for one port ({@link PortTrace}). */
    public static final String TRACE_PORT = "trace_port";
    /** Server → L3 agent call: what the agent's host has for a router and a floating IP ({@link PortTrace}). */
    public static final String TRACE_ROUTER = "trace_router";
    /** Server → L3 agent call: ping from a router's namespace, for a trace's probe ({@link PortTrace#probe()}). */
    public static final String PROBE_ROUTER = "probe_router";

    public static final String PORT_UPDATE_METHOD = "port_update";
    public static final String PORT_DELETE_METHOD = "port_delete";
    public static final String NETWORK_UPDATE_METHOD = "network_update";
    public static final String NETWORK_DELETE_METHOD = "network_delete";
    public static final String FDB_CHANGED = "fdb_changed";
    public static final String NETWORK_CHANGED = "network_changed";
    public static final String NETWORK_REMOVED = "network_removed";
    public static final String ROUTERS_UPDATED = "routers_updated";
    public static final String SECURITY_GROUPS_RULE_UPDATED = "security_groups_rule_updated";
    public static final String SECURITY_GROUPS_MEMBER_UPDATED = "security_groups_member_updated";

    /** Agent types, as Neutron names them in {@code GET /v2.0/agents}. */
    public static final String LINUXBRIDGE_AGENT_TYPE = "Linux bridge agent";
    public static final String OPENVSWITCH_AGENT_TYPE = "Open vSwitch agent";
    public static final String DHCP_AGENT_TYPE = "DHCP agent";
    public static final String L3_AGENT_TYPE = "L3 agent";
    public static final String METADATA_AGENT_TYPE = "Metadata agent";
}
