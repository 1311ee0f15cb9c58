package org.neutrino.functional.l2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DeviceDetails;
import org.neutrino.rpc.agent.NetworkFdb;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/**
 * The server side of the L2 agents' protocol, as the test wants it: ports bound to hosts,
 * details for the host a port is bound to, ACTIVE on {@code update_device_list} (recording
 * when), and l2population as the real server does it: a port that becomes ACTIVE or DOWN
 * sends {@code fdb_changed} to every agent, and {@code get_network_fdb} answers the ACTIVE
 * ports of the other hosts behind their {@code tunneling_ip}. Security groups are answered
 * ({@code security_group_info_for_devices}) and cast from what the test sets.
 */
final class FakeL2Server implements AutoCloseable {
    private final MessageBus bus;
    private final Subscription subscription;
    private final Map<String, Bound> ports = new ConcurrentHashMap<>();
    private final Map<String, String> tunnelIps = new ConcurrentHashMap<>();
    private final Map<String, Long> activeSince = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, SecurityGroupInfo.PortFilter> portFilters = new ConcurrentHashMap<>();
    private final Map<String, SecurityGroupInfo.Group> groups = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<String>>> members = new ConcurrentHashMap<>();

    /** A port bound to a host. */
    record Bound(String host, DeviceDetails details) {
    }

    FakeL2Server(MessageBus bus) {
        this.bus = bus;
        this.subscription = bus.subscribe(Target.topic(AgentTopics.PLUGIN), this::handle);
    }

    void bind(String host, DeviceDetails details) {
        ports.put(details.device(), new Bound(host, details));
    }

    /**
     * Binds to {@code host} an admin-up VM port on VXLAN network {@code networkId} (VNI
     * {@code vni}) with the one address {@code ip} on {@code subnet-1}.
     */
    void bindVxlanPort(String host, String tap, String portId, String networkId, String mac, String ip, int vni,
            int mtu) {
        bind(host, new DeviceDetails(tap, portId, networkId, mac, true, "vxlan", null, vni, mtu,
                List.of(new DeviceDetails.FixedIp("subnet-1", ip)), "compute:nova"));
    }

    /** Changes the port's admin state and notifies the agents, as a PUT /v2.0/ports/{id} does. */
    void setAdminStateUp(String tap, boolean up) {
        Bound b = ports.get(tap);
        DeviceDetails d = b.details();
        ports.put(tap, new Bound(b.host(), new DeviceDetails(d.device(), d.portId(), d.networkId(), d.macAddress(), up,
                d.networkType(), d.physicalNetwork(), d.segmentationId(), d.mtu(), d.fixedIps(), d.deviceOwner())));
        ObjectNode args = AgentJson.object();
        args.put("port_id", d.portId());
        args.put("network_id", d.networkId());
        bus.fanoutCast(AgentTopics.PORT_UPDATE, new Message(AgentTopics.PORT_UPDATE_METHOD, args));
    }

    /** Sets what {@code security_group_info_for_devices} answers for a port (by its tap). */
    void setPortFilter(SecurityGroupInfo.PortFilter filter) {
        portFilters.put(filter.device(), filter);
    }

    /** Sets a group's rules and members of a group, then casts both security-group notifications, as the server does. */
    void setSecurityGroup(String groupId, SecurityGroupInfo.Group group, Map<String, List<String>> memberIps) {
        groups.put(groupId, group);
        members.put(groupId, memberIps);
        ObjectNode args = AgentJson.object();
        args.putArray("security_groups").add(groupId);
        bus.fanoutCast(AgentTopics.SECURITY_GROUP_UPDATE, new Message(AgentTopics.SECURITY_GROUPS_RULE_UPDATED, args));
        bus.fanoutCast(AgentTopics.SECURITY_GROUP_UPDATE, new Message(AgentTopics.SECURITY_GROUPS_MEMBER_UPDATED, args));
    }

    /** When the port last became ACTIVE (System.nanoTime), if it is ACTIVE. */
    Long activeSince(String tap) {
        return activeSince.get(tap);
    }

    boolean isActive(String tap) {
        return activeSince.containsKey(tap);
    }

    private JsonNode handle(Message message) {
        JsonNode args = message.args();
        String host = args.path("host").asText();
        calls.add(message.method() + " from " + host);
        switch (message.method()) {
            case AgentTopics.REPORT_STATE -> {
                AgentState state = AgentJson.read(args.path("agent_state"), AgentState.class);
                Object ip = state.configurations().get("tunneling_ip");
                if (ip != null) {
                    tunnelIps.put(host, ip.toString());
                }
                return null;
            }
            case AgentTopics.GET_DEVICES_DETAILS_LIST -> {
                ArrayNode out = AgentJson.mapper().createArrayNode();
                args.path("devices").forEach(n -> {
                    Bound b = ports.get(n.asText());
                    out.add(AgentJson.tree(b != null && b.host().equals(host) ? b.details()
                            : DeviceDetails.unknown(n.asText())));
                });
                return out;
            }
            case AgentTopics.UPDATE_DEVICE_LIST -> {
                long now = System.nanoTime();
                List<String> networks = new ArrayList<>();
                args.path("devices_up").forEach(n -> {
                    if (activeSince.putIfAbsent(n.asText(), now) == null && ports.containsKey(n.asText())) {
                        networks.add(ports.get(n.asText()).details().networkId());
                    }
                });
                args.path("devices_down").forEach(n -> {
                    if (activeSince.remove(n.asText()) != null && ports.containsKey(n.asText())) {
                        networks.add(ports.get(n.asText()).details().networkId());
                    }
                });
                if (!networks.isEmpty()) {
                    ObjectNode fdb = AgentJson.object();
                    ArrayNode ids = fdb.putArray("network_ids");
                    networks.stream().distinct().forEach(ids::add);
                    bus.fanoutCast(AgentTopics.L2POPULATION, new Message(AgentTopics.FDB_CHANGED, fdb));
                }
                ObjectNode out = AgentJson.object();
                out.set("devices_up", args.path("devices_up"));
                out.set("devices_down", args.path("devices_down"));
                out.putArray("failed_devices_up");
                out.putArray("failed_devices_down");
                return out;
            }
            case AgentTopics.GET_NETWORK_FDB -> {
                ObjectNode out = AgentJson.object();
                args.path("network_ids").forEach(n -> out.set(n.asText(), AgentJson.tree(fdbOf(n.asText(), host))));
                return out;
            }
            case AgentTopics.SECURITY_GROUP_INFO_FOR_DEVICES -> {
                Map<String, SecurityGroupInfo.PortFilter> devices = new LinkedHashMap<>();
                args.path("devices").forEach(n -> {
                    Bound b = ports.get(n.asText());
                    SecurityGroupInfo.PortFilter f = portFilters.get(n.asText());
                    if (b != null && b.host().equals(host) && f != null) {
                        devices.put(f.device(), f);
                    }
                });
                return AgentJson.tree(new SecurityGroupInfo(devices, Map.copyOf(groups), Map.copyOf(members)));
            }
            default -> throw new IllegalArgumentException("unexpected call " + message.method());
        }
    }

    private NetworkFdb fdbOf(String networkId, String askingHost) {
        Map<String, List<NetworkFdb.Entry>> vteps = new LinkedHashMap<>();
        Integer vni = null;
        for (Map.Entry<String, Bound> e : ports.entrySet()) {
            DeviceDetails d = e.getValue().details();
            if (!d.networkId().equals(networkId)) {
                continue;
            }
            vni = d.segmentationId();
            String host = e.getValue().host();
            if (host.equals(askingHost) || !isActive(e.getKey()) || !tunnelIps.containsKey(host)) {
                continue;
            }
            vteps.computeIfAbsent(tunnelIps.get(host), k -> new ArrayList<>())
                    .add(new NetworkFdb.Entry(d.macAddress(), d.fixedIps().getFirst().ipAddress()));
        }
        return new NetworkFdb("vxlan", vni, vteps);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
