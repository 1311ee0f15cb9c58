package org.neutrino.agent.dhcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DhcpNetwork;

/**
 * The server's side of the DHCP agent protocol, in memory: subscribes to {@code q-plugin} and
 * answers {@code get_active_networks}, {@code get_network_info}, {@code get_dhcp_port},
 * {@code release_dhcp_port} and {@code report_state} from the networks the test puts in it;
 * records every call, and can be told to fail the next calls of a method.
 */
final class FakeDhcpServer implements AutoCloseable {
    private final Map<String, DhcpNetwork> networks = new ConcurrentHashMap<>();
    private final Map<String, DhcpNetwork.Port> dhcpPorts = new ConcurrentHashMap<>();
    private final List<String> active = new CopyOnWriteArrayList<>();
    private final List<Message> calls = new CopyOnWriteArrayList<>();
    private final List<AgentState> reports = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Subscription subscription;

    FakeDhcpServer(MessageBus bus) {
        subscription = bus.subscribe(Target.topic(AgentTopics.PLUGIN), this::handle);
    }

    /** Puts {@code network} (with its DHCP port among its ports) and schedules it to the agent. */
    void put(DhcpNetwork network, DhcpNetwork.Port dhcpPort) {
        networks.put(network.id(), network);
        dhcpPorts.put(network.id(), dhcpPort);
        if (!active.contains(network.id())) {
            active.add(network.id());
        }
    }

    /** Replaces the network's description (same DHCP port). */
    void update(DhcpNetwork network) {
        networks.put(network.id(), network);
    }

    /** Forgets the network, as after its deletion. */
    void remove(String networkId) {
        networks.remove(networkId);
        active.remove(networkId);
    }

    /** The next {@code times} calls of {@code method} fail with an error. */
    void failNext(String method, int times) {
        failures.put(method, new AtomicInteger(times));
    }

    List<String> methodsCalled() {
        return calls.stream().map(Message::method).toList();
    }

    long callsOf(String method, String networkId) {
        return calls.stream().filter(m -> m.method().equals(method))
                .filter(m -> m.args().path("network_id").asText().equals(networkId)).count();
    }

    List<AgentState> reports() {
        return List.copyOf(reports);
    }

    private JsonNode handle(Message message) {
        calls.add(message);
        AtomicInteger failing = failures.get(message.method());
        if (failing != null && failing.getAndDecrement() > 0) {
            throw new IllegalStateException("injected failure of " + message.method());
        }
        String networkId = message.args().path("network_id").asText();
        return switch (message.method()) {
            case AgentTopics.REPORT_STATE -> {
                reports.add(AgentJson.read(message.args().get("agent_state"), AgentState.class));
                yield null;
            }
            case AgentTopics.GET_ACTIVE_NETWORKS -> AgentJson.tree(new ArrayList<>(active));
            case AgentTopics.GET_NETWORK_INFO -> networks.containsKey(networkId)
                    ? AgentJson.tree(networks.get(networkId)) : null;
            case AgentTopics.GET_DHCP_PORT -> AgentJson.tree(dhcpPorts.get(networkId));
            case AgentTopics.RELEASE_DHCP_PORT -> null;
            default -> throw new IllegalArgumentException("no method " + message.method());
        };
    }

    @Override
    public void close() {
        subscription.close();
    }
}
