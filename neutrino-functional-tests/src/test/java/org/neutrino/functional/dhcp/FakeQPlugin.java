package org.neutrino.functional.dhcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DhcpNetwork;
import org.neutrino.rpc.agent.MetadataLookup;

/**
 * The server's side of the DHCP agent protocol on {@code q-plugin}, answering from networks the
 * test puts in it: {@code get_active_networks}, {@code get_network_info}, {@code get_dhcp_port},
 * {@code release_dhcp_port}, {@code report_state}, and the metadata agent's {@code get_metadata_instance}. Records the methods called.
 */
final class FakeQPlugin implements AutoCloseable {
    private final Map<String, DhcpNetwork> networks = new ConcurrentHashMap<>();
    private final Map<String, DhcpNetwork.Port> dhcpPorts = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Subscription subscription;

    FakeQPlugin(MessageBus bus) {
        subscription = bus.subscribe(Target.topic(AgentTopics.PLUGIN), this::handle);
    }

    /** Puts or replaces the network, scheduled to the agent, with its DHCP port. */
    void put(DhcpNetwork network, DhcpNetwork.Port dhcpPort) {
        networks.put(network.id(), network);
        dhcpPorts.put(network.id(), dhcpPort);
    }

    void remove(String networkId) {
        networks.remove(networkId);
    }

    /** The calls received, as {@code method network_id}. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    private JsonNode handle(Message message) {
        String networkId = message.args().path("network_id").asText();
        calls.add((message.method() + " " + networkId).strip());
        return switch (message.method()) {
            case AgentTopics.REPORT_STATE, AgentTopics.RELEASE_DHCP_PORT -> null;
            case AgentTopics.GET_ACTIVE_NETWORKS -> AgentJson.tree(new ArrayList<>(networks.keySet()));
            case AgentTopics.GET_NETWORK_INFO -> networks.containsKey(networkId)
                    ? AgentJson.tree(networks.get(networkId)) : null;
            case AgentTopics.GET_DHCP_PORT -> AgentJson.tree(dhcpPorts.get(networkId));
            case AgentTopics.GET_METADATA_INSTANCE -> instance(networkId, message.args().path("ip_address").asText());
            default -> throw new IllegalArgumentException("no method " + message.method());
        };
    }

    /** The port of the network holding {@code address}, as the server answers the metadata agent. */
    private JsonNode instance(String networkId, String address) {
        DhcpNetwork network = networks.get(networkId);
        return network == null ? null : network.ports().stream()
                .filter(port -> port.fixedIps().stream().anyMatch(ip -> ip.ipAddress().equals(address)))
                .map(port -> AgentJson.tree(new MetadataLookup.Instance(port.id(), port.deviceId(), "project", networkId)))
                .findFirst().orElse(null);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
