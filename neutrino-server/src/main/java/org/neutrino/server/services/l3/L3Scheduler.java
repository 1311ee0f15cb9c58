package org.neutrino.server.services.l3;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.db.agents.AvailabilityZoneHints;
import org.neutrino.db.l3.L3Store;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.plugins.CorePlugin;

/**
 * Chooses the L3 agent of each router, as Neutron's least-routers scheduler: a router that needs
 * one (it has a gateway or an interface) goes to the live, enabled L3 agent hosting the fewest
 * routers — among the agents of its {@code availability_zone_hints} when it has some, as
 * Neutron's {@code AZLeastRoutersScheduler} — and its ports are then bound to that agent's host,
 * so that the L2 agent there plugs them.
 */
final class L3Scheduler {
    private static final RequestContext INTERNAL = RequestContext.admin("req-l3-scheduler");

    private final Agents agents;
    private final L3Store store;
    private final CorePlugin core;
    private final boolean autoSchedule;
    private final AvailabilityZoneHints hints = AvailabilityZoneHints.ofRouters();

    L3Scheduler(Agents agents, L3Store store, CorePlugin core, boolean autoSchedule) {
        this.agents = agents;
        this.store = store;
        this.core = core;
        this.autoSchedule = autoSchedule;
    }

    /** The host of the agent hosting the router, if it is scheduled. */
    Optional<String> hostOf(Handle h, String routerId) {
        return store.agentOfRouter(h, routerId).flatMap(id -> agents.store().find(h, id)).map(AgentRow::host);
    }

    /**
     * Schedules a router that needs an agent and has none (the router row is locked by the
     * caller); returns the host it is now on, or empty when it stays unscheduled.
     */
    Optional<String> schedule(Handle h, String routerId) {
        if (!autoSchedule || store.agentOfRouter(h, routerId).isPresent() || store.portsOfRouters(h, List.of(routerId)).isEmpty()) {
            return Optional.empty();
        }
        List<String> zones = hints.of(h, routerId);
        List<AgentRow> candidates = agents.store().ofType(h, AgentTopics.L3_AGENT_TYPE).stream()
                .filter(a -> a.adminStateUp() && agents.isAlive(a) && AvailabilityZoneHints.admits(zones, a.availabilityZone()))
                .toList();
        Map<String, Integer> load = store.routerCounts(h, candidates.stream().map(AgentRow::id).toList());
        Optional<AgentRow> chosen = candidates.stream()
                .min(Comparator.comparingInt((AgentRow a) -> load.getOrDefault(a.id(), 0)).thenComparing(AgentRow::host));
        chosen.ifPresent(agent -> bindTo(h, routerId, agent));
        return chosen.map(AgentRow::host);
    }

    /** Puts the router on {@code agent} and binds its ports to the agent's host. */
    void bindTo(Handle h, String routerId, AgentRow agent) {
        store.bind(h, routerId, agent.id());
        bindPorts(h, routerId, agent.host());
    }

    /** Binds the router's ports to {@code host} ({@code ""} unbinds them). */
    void bindPorts(Handle h, String routerId, String host) {
        for (String portId : store.portsOfRouters(h, List.of(routerId))) {
            core.updatePort(h, INTERNAL, portId, Map.of("binding:host_id", host));
        }
    }
}
