package org.neutrino.functional.l3;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.RouterInfo;

/**
 * The server's side of the L3 agent protocol on {@code q-plugin}, answering {@code sync_routers}
 * from hand-built {@link RouterInfo} records and keeping the floating IP statuses reported.
 */
final class FakeRouterServer implements AutoCloseable {
    private final Map<String, RouterInfo> routers = new ConcurrentHashMap<>();
    private final Map<String, String> floatingIpStatuses = new ConcurrentHashMap<>();
    private final AtomicInteger syncs = new AtomicInteger();
    private final Subscription subscription;

    FakeRouterServer(MessageBus bus) {
        subscription = bus.subscribe(Target.topic(AgentTopics.PLUGIN), this::handle);
    }

    void put(RouterInfo router) {
        routers.put(router.id(), router);
    }

    void remove(String routerId) {
        routers.remove(routerId);
    }

    String floatingIpStatus(String id) {
        return floatingIpStatuses.get(id);
    }

    /** How many {@code sync_routers} calls were answered. */
    int syncs() {
        return syncs.get();
    }

    private JsonNode handle(Message message) {
        return switch (message.method()) {
            case AgentTopics.REPORT_STATE -> null;
            case AgentTopics.SYNC_ROUTERS -> {
                JsonNode ids = message.args().path("router_ids");
                List<RouterInfo> answer = new ArrayList<>();
                for (RouterInfo router : routers.values()) {
                    boolean asked = !ids.isArray();
                    for (JsonNode id : ids) {
                        asked |= id.asText().equals(router.id());
                    }
                    if (asked) {
                        answer.add(router);
                    }
                }
                syncs.incrementAndGet();
                yield AgentJson.tree(answer);
            }
            case AgentTopics.UPDATE_FLOATINGIP_STATUSES -> {
                message.args().path("fip_statuses").fields()
                        .forEachRemaining(e -> floatingIpStatuses.put(e.getKey(), e.getValue().asText()));
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
