package org.neutrino.server.services.l3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.db.l3.L3Store;
import org.neutrino.db.l3.L3Tables;
import org.neutrino.lib.api.Validators;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.api.ApiRequest;
import org.neutrino.server.api.ApiResponse;
import org.neutrino.server.api.JsonCodec;
import org.neutrino.server.callbacks.ResourceEvent;
import org.neutrino.server.policy.PolicyEngine;

/**
 * The {@code l3_agent_scheduler} extension ({@code /v2.0/agents/{id}/l3-routers[/{router_id}]},
 * {@code /v2.0/routers/{id}/l3-agents}, admin only) and the scheduling that follows the L3
 * agents' life: a new L3 agent gets the routers no agent hosts; with
 * {@code allow_automatic_l3agent_failover}, every L3 agent heartbeat moves the routers of L3
 * agents that stopped reporting to live ones (checked on heartbeats, so no extra thread runs).
 */
final class L3AgentScheduling {
    private final Database database;
    private final Agents agents;
    private final PolicyEngine policy;
    private final L3Store store;
    private final L3Scheduler scheduler;
    private final L3Notifier notifier;
    private final RouterHandler routers;
    private final boolean failover;

    L3AgentScheduling(Database database, Agents agents, PolicyEngine policy, L3Store store, L3Scheduler scheduler, L3Notifier notifier,
                      RouterHandler routers, boolean failover) {
        this.database = database;
        this.agents = agents;
        this.policy = policy;
        this.store = store;
        this.scheduler = scheduler;
        this.notifier = notifier;
        this.routers = routers;
        this.failover = failover;
    }

    /** {@code /v2.0/agents/{id}/l3-routers[/{router_id}]}. */
    ApiResponse l3Routers(ApiRequest request, String agentId, Runnable checkAgentVisible) {
        String action = switch (request.method()) {
            case "GET" -> "get_l3-routers";
            case "POST" -> "create_l3-router";
            case "DELETE" -> "delete_l3-router";
            default -> throw methodNotAllowed();
        };
        policy.enforce(action, request.context(), Map.of());
        checkAgentVisible.run();
        AgentRow agent = database.read(h -> agents.store().find(h, agentId)).orElseThrow();
        if (!agent.agentType().equals(AgentTopics.L3_AGENT_TYPE)) {
            throw NeutronException.notFound("InvalidL3Agent", "Agent " + agentId + " is not a L3 Agent or has been disabled");
        }
        return switch (request.method()) {
            case "GET" -> ApiResponse.ok(Map.of("routers", database.read(h -> {
                List<String> ids = store.routersOfAgent(h, agentId);
                return ids.isEmpty() ? List.of() : routers.loadAll(h, ListQuery.all().and(L3Tables.ROUTERS.in("id", ids, "id")));
            })));
            case "POST" -> addRouter(request, agent);
            default -> removeRouter(agent, request.path().size() == 4 ? request.path().get(3) : null);
        };
    }

    private ApiResponse addRouter(ApiRequest request, AgentRow agent) {
        Object body = JsonCodec.parse(request.body());
        if (!(body instanceof Map<?, ?> map) || !Validators.isUuid(map.get("router_id"))) {
            throw NeutronException.badRequest("HTTPBadRequest", "Invalid input: router_id is required");
        }
        String routerId = (String) map.get("router_id");
        database.inTransaction(h -> {
            routers.lock(h, routerId);
            store.agentOfRouter(h, routerId).ifPresent(current -> {
                throw NeutronException.conflict("RouterHostedByL3Agent", "The router " + routerId
                        + " has been already hosted by the L3 Agent " + current + ".");
            });
            scheduler.bindTo(h, routerId, agent);
            notifier.toHostAfterCommit(h, agent.host(), List.of(routerId));
            return null;
        });
        return ApiResponse.created(null);
    }

    private ApiResponse removeRouter(AgentRow agent, String routerId) {
        database.inTransaction(h -> {
            if (routerId == null || !store.agentOfRouter(h, routerId).map(agent.id()::equals).orElse(false)) {
                throw NeutronException.conflict("RouterNotHostedByL3Agent", "The router " + routerId
                        + " is not hosted by L3 agent " + agent.id() + ".");
            }
            routers.lock(h, routerId);
            store.unbind(h, routerId);
            scheduler.bindPorts(h, routerId, "");
            notifier.toHostAfterCommit(h, agent.host(), List.of(routerId));
            return null;
        });
        return ApiResponse.noContent();
    }

    /** {@code GET /v2.0/routers/{id}/l3-agents}. */
    ApiResponse routerL3Agents(ApiRequest request, String routerId, Runnable checkRouterVisible) {
        if (!request.method().equals("GET") || request.path().size() != 3) {
            throw methodNotAllowed();
        }
        policy.enforce("get_l3-agents", request.context(), Map.of());
        checkRouterVisible.run();
        List<Map<String, Object>> out = new ArrayList<>();
        database.read(h -> {
            store.agentOfRouter(h, routerId).flatMap(id -> agents.store().find(h, id)).ifPresent(a -> out.add(agents.render(a)));
            return null;
        });
        return ApiResponse.ok(Map.of("agents", out));
    }

    /** An L3 agent registered or reported: give a new one the unscheduled routers; fail over dead agents' routers. */
    void agentReported(ResourceEvent event) {
        if (!AgentTopics.L3_AGENT_TYPE.equals(event.latest().get("agent_type"))) {
            return;
        }
        database.inTransaction(h -> {
            AgentRow agent = agents.store().find(h, event.resourceId()).orElse(null);
            if (agent == null || !agent.adminStateUp()) {
                return null;
            }
            List<String> moved = new ArrayList<>(store.unscheduledRouters(h));
            if (failover) {
                for (AgentRow dead : agents.store().ofType(h, AgentTopics.L3_AGENT_TYPE)) {
                    if (!agents.isAlive(dead)) {
                        for (String routerId : store.routersOfAgent(h, dead.id())) {
                            store.unbind(h, routerId);
                            moved.add(routerId);
                        }
                    }
                }
            }
            for (String routerId : moved) {
                routers.lock(h, routerId);
                scheduler.schedule(h, routerId);
            }
            notifier.routersUpdated(h, moved);
            return null;
        });
    }

    private static NeutronException methodNotAllowed() {
        return new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
    }
}
