package org.neutrino.agent.l3;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.neutrino.rpc.agent.RouterInfo;

/**
 * The server's side of the L3 agent protocol, in memory: answers {@code sync_routers} from the
 * routers the test puts in it, records {@code update_floatingip_statuses} and {@code report_state},
 * and can be told to fail the next calls of a method.
 */
final class FakeL3Server implements AutoCloseable {
    private final Map<String, RouterInfo> routers = new ConcurrentHashMap<>();
    private final List<Message> calls = new CopyOnWriteArrayList<>();
    private final List<AgentState> reports = new CopyOnWriteArrayList<>();
    private final Map<String, String> floatingIpStatuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Subscription subscription;

    FakeL3Server(MessageBus bus) {
        subscription = bus.subscribe(Target.topic(AgentTopics.PLUGIN), this::handle);
    }

    /** Puts or replaces {@code router}, scheduled to the agent. */
    void put(RouterInfo router) {
        routers.put(router.id(), router);
    }

    void remove(String routerId) {
        routers.remove(routerId);
    }

    /** The next {@code times} calls of {@code method} fail with an error. */
    void failNext(String method, int times) {
        failures.put(method, new AtomicInteger(times));
    }

    List<Message> calls(String method) {
        return calls.stream().filter(m -> m.method().equals(method)).toList();
    }

    List<AgentState> reports() {
        return List.copyOf(reports);
    }

    /** The last status reported per floating IP id. */
    Map<String, String> floatingIpStatuses() {
        return Map.copyOf(floatingIpStatuses);
    }

    private JsonNode handle(Message message) {
        calls.add(message);
        AtomicInteger failing = failures.get(message.method());
        if (failing != null && failing.getAndDecrement() > 0) {
            throw new IllegalStateException("injected failure of " + message.method());
        }
        return switch (message.method()) {
            case AgentTopics.REPORT_STATE -> {
                reports.add(AgentJson.read(message.args().get("agent_state"), AgentState.class));
                yield null;
            }
            case AgentTopics.SYNC_ROUTERS -> {
                JsonNode ids = message.args().path("router_ids");
                List<RouterInfo> answer = new ArrayList<>();
                if (ids.isArray()) {
                    ids.forEach(id -> {
                        if (routers.containsKey(id.asText())) {
                            answer.add(routers.get(id.asText()));
                        }
                    });
                } else {
                    answer.addAll(routers.values());
                }
                yield AgentJson.tree(answer);
            }
            case AgentTopics.UPDATE_FLOATINGIP_STATUSES -> {
                Map<String, String> statuses = new LinkedHashMap<>();
                message.args().path("fip_statuses").fields()
                        .forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asText()));
                floatingIpStatuses.putAll(statuses);
                yield null;
            }
            default -> throw new IllegalArgumentException("no method " + message.method());
        };
    }

    @Override
    public void close() {
        subscription.close();
    }
}
