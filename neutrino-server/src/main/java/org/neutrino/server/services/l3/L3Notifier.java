package org.neutrino.server.services.l3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.agents.AgentStore;
import org.neutrino.db.l3.L3Store;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The L3 agents' notification: {@code routers_updated {router_ids}} cast to
 * {@code Target(l3_agent, host)} of the agent hosting each router, registered in the transaction
 * that makes the change and sent only once it commits.
 */
final class L3Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(L3Notifier.class);

    private final MessageBus bus;
    private final L3Store store;
    private final AgentStore agents;

    L3Notifier(MessageBus bus, L3Store store, AgentStore agents) {
        this.bus = bus;
        this.store = store;
        this.agents = agents;
    }

    /** Tells the agents hosting {@code routerIds} (as scheduled now, in {@code h}) once {@code h} commits. */
    void routersUpdated(Handle h, Collection<String> routerIds) {
        Map<String, Set<String>> byHost = new LinkedHashMap<>();
        for (String routerId : new TreeSet<>(routerIds)) {
            store.agentOfRouter(h, routerId).flatMap(agentId -> agents.find(h, agentId))
                    .ifPresent(agent -> byHost.computeIfAbsent(agent.host(), k -> new TreeSet<>()).add(routerId));
        }
        byHost.forEach((host, ids) -> toHostAfterCommit(h, host, ids));
    }

    /** Tells the agent of {@code host} about {@code routerIds} once {@code h} commits (a router leaving it, too). */
    void toHostAfterCommit(Handle h, String host, Collection<String> routerIds) {
        List<String> ids = new ArrayList<>(routerIds);
        h.afterCommit(() -> cast(host, ids));
    }

    private void cast(String host, List<String> routerIds) {
        try {
            ObjectNode args = (ObjectNode) AgentJson.tree(Map.of("router_ids", routerIds));
            bus.cast(Target.server(AgentTopics.L3_AGENT, host), new Message(AgentTopics.ROUTERS_UPDATED, args));
        } catch (RuntimeException e) {
            LOG.warn("routers_updated to {} for {} not sent; the agent's periodic resync will catch up", host, routerIds, e);
        }
    }
}
