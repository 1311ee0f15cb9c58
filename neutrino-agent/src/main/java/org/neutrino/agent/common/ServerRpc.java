package org.neutrino.agent.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DeviceDetails;
import org.neutrino.rpc.agent.DhcpNetwork;
import org.neutrino.rpc.agent.MetadataLookup;
import org.neutrino.rpc.agent.NetworkFdb;
import org.neutrino.rpc.agent.RouterInfo;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/** The agents' side of the calls to the server ({@link AgentTopics#PLUGIN}), typed. */
public final class ServerRpc {
    private final MessageBus bus;
    private final String host;
    private final Duration timeout;
    private final Target server = Target.topic(AgentTopics.PLUGIN);

    public ServerRpc(MessageBus bus, String host, Duration timeout) {
        this.bus = bus;
        this.host = host;
        this.timeout = timeout;
    }

    public String host() {
        return host;
    }

    private JsonNode call(String method, ObjectNode args) {
        return bus.call(server, new Message(method, args), timeout);
    }

    private ObjectNode args() {
        ObjectNode args = AgentJson.object();
        args.put("host", host);
        return args;
    }

    public void reportState(AgentState state) {
        ObjectNode args = args();
        args.set("agent_state", AgentJson.tree(state));
        call(AgentTopics.REPORT_STATE, args);
    }

    /** Details of each device, in the order asked. */
    public List<DeviceDetails> devicesDetails(Collection<String> devices, String agentId) {
        ObjectNode args = args();
        args.set("devices", AgentJson.tree(devices));
        args.put("agent_id", agentId);
        List<DeviceDetails> out = new ArrayList<>();
        call(AgentTopics.GET_DEVICES_DETAILS_LIST, args).forEach(node -> out.add(AgentJson.read(node, DeviceDetails.class)));
        return out;
    }

    /** Reports devices wired (up) and unwired (down); returns the server's answer. */
    public JsonNode updateDeviceList(Collection<String> up, Collection<String> down, String agentId) {
        ObjectNode args = args();
        args.set("devices_up", AgentJson.tree(up));
        args.set("devices_down", AgentJson.tree(down));
        args.put("agent_id", agentId);
        return call(AgentTopics.UPDATE_DEVICE_LIST, args);
    }

    /** l2population entries of the networks (remote VTEPs only). */
    public Map<String, NetworkFdb> networkFdb(Collection<String> networkIds) {
        ObjectNode args = args();
        args.set("network_ids", AgentJson.tree(networkIds));
        Map<String, NetworkFdb> out = new LinkedHashMap<>();
        call(AgentTopics.GET_NETWORK_FDB, args).fields()
                .forEachRemaining(e -> out.put(e.getKey(), AgentJson.read(e.getValue(), NetworkFdb.class)));
        return out;
    }

    /** Networks scheduled to this host's DHCP agent. */
    public List<String> activeNetworks() {
        List<String> out = new ArrayList<>();
        call(AgentTopics.GET_ACTIVE_NETWORKS, args()).forEach(node -> out.add(node.asText()));
        return out;
    }

    /** The network as DHCP sees it, or {@code null} when it is gone. */
    public DhcpNetwork networkInfo(String networkId) {
        ObjectNode args = args();
        args.put("network_id", networkId);
        JsonNode answer = call(AgentTopics.GET_NETWORK_INFO, args);
        return answer == null || answer.isNull() ? null : AgentJson.read(answer, DhcpNetwork.class);
    }

    /** This host's DHCP port on the network, created or completed by the server. */
    public DhcpNetwork.Port dhcpPort(String networkId) {
        ObjectNode args = args();
        args.put("network_id", networkId);
        return AgentJson.read(call(AgentTopics.GET_DHCP_PORT, args), DhcpNetwork.Port.class);
    }

    public void releaseDhcpPort(String networkId) {
        ObjectNode args = args();
        args.put("network_id", networkId);
        call(AgentTopics.RELEASE_DHCP_PORT, args);
    }

    /**
     * The routers scheduled to this host's L3 agent ({@code sync_routers}): all of them when
     * {@code routerIds} is empty, else those of the ids still scheduled here.
     */
    public List<RouterInfo> syncRouters(Optional<Collection<String>> routerIds) {
        ObjectNode args = args();
        if (routerIds.isPresent()) {
            args.set("router_ids", AgentJson.tree(routerIds.get()));
        } else {
            args.putNull("router_ids");
        }
        List<RouterInfo> out = new ArrayList<>();
        call(AgentTopics.SYNC_ROUTERS, args).forEach(node -> out.add(AgentJson.read(node, RouterInfo.class)));
        return out;
    }

    /** Reports the status of floating IPs of {@code routerId} ({@code ACTIVE}, {@code DOWN}, {@code ERROR}). */
    public void updateFloatingIpStatuses(String routerId, Map<String, String> statuses) {
        ObjectNode args = args();
        args.put("router_id", routerId);
        args.set("fip_statuses", AgentJson.tree(statuses));
        call(AgentTopics.UPDATE_FLOATINGIP_STATUSES, args);
    }

    /** What the firewall needs for {@code devices} ({@code security_group_info_for_devices}). */
    public SecurityGroupInfo securityGroupInfo(Collection<String> devices) {
        ObjectNode args = args();
        args.set("devices", AgentJson.tree(devices));
        return AgentJson.read(call(AgentTopics.SECURITY_GROUP_INFO_FOR_DEVICES, args), SecurityGroupInfo.class);
    }

    /** The port holding the address of {@code lookup}, or {@code null} when none (or several) does. */
    public MetadataLookup.Instance metadataInstance(MetadataLookup lookup) {
        ObjectNode args = (ObjectNode) AgentJson.tree(lookup);
        args.put("host", host);
        JsonNode answer = call(AgentTopics.GET_METADATA_INSTANCE, args);
        return answer == null || answer.isNull() ? null : AgentJson.read(answer, MetadataLookup.Instance.class);
    }
}
