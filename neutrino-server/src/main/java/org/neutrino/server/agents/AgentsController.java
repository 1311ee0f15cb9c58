package org.neutrino.server.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neutrino.db.Database;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.lib.api.Converters;
import org.neutrino.lib.api.Validators;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.api.ApiRequest;
import org.neutrino.server.api.ApiResponse;
import org.neutrino.server.api.Controller;
import org.neutrino.server.api.JsonCodec;
import org.neutrino.server.api.ResourceHandler;
import org.neutrino.db.ListQuery;
import org.neutrino.server.policy.PolicyEngine;
import org.neutrino.server.rpc.AgentNotifier;

/**
 * The {@code agent} and {@code dhcp_agent_scheduler} extensions: {@code GET/PUT/DELETE
 * /v2.0/agents[/{id}]}, {@code GET/POST /v2.0/agents/{id}/dhcp-networks},
 * {@code DELETE /v2.0/agents/{id}/dhcp-networks/{network_id}}, and (via {@link #networkDhcpAgents})
 * {@code GET /v2.0/networks/{id}/dhcp-agents}.
 *
 * <p>Policy as in Neutron: a list holds the agents the caller may see ({@code get_agent}), so a
 * member gets an empty list; an agent the caller may not see answers 404 {@code AgentNotFound}
 * exactly like one that does not exist; the scheduler sub-resources check their rule before
 * looking anything up, so they answer a member 403 whatever the id.
 */
public final class AgentsController implements Controller {
    private static final List<String> FILTERS = List.of("id", "agent_type", "binary", "topic", "host", "admin_state_up", "alive",
            "availability_zone", "description");

    private final Agents agents;
    private final Database database;
    private final PolicyEngine policy;
    private final AgentNotifier notifier;
    private final ResourceHandler networks;

    public AgentsController(Agents agents, Database database, PolicyEngine policy, AgentNotifier notifier, ResourceHandler networks) {
        this.networks = networks;
        this.agents = agents;
        this.database = database;
        this.policy = policy;
        this.notifier = notifier;
    }

    private AgentRow find(String id) {
        return database.read(h -> agents.store().find(h, id)).orElseThrow(() -> notFound(id));
    }

    /** The agent as shown if the caller may see it ({@code get_agent}); 404 as for a nonexistent one otherwise. */
    private Map<String, Object> findVisible(RequestContext context, String id) {
        Map<String, Object> agent = agents.render(find(id));
        if (!policy.check("get_agent", context, agent)) {
            throw notFound(id);
        }
        return agent;
    }

    private static NeutronException notFound(String id) {
        return NeutronException.notFound("AgentNotFound", "Agent " + id + " could not be found.");
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        List<String> path = request.path();
        String method = request.method();
        if (path.size() == 1 && method.equals("GET")) {
            return ApiResponse.ok(Map.of("agents", list(request)));
        }
        if (path.size() < 2) {
            throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        }
        String id = path.get(1);
        if (path.size() == 2) {
            return switch (method) {
                case "GET" -> ApiResponse.ok(Map.of("agent", findVisible(request.context(), id)));
                case "PUT" -> update(request, id);
                case "DELETE" -> {
                    policy.enforce("delete_agent", request.context(), findVisible(request.context(), id));
                    database.inTransaction(h -> agents.store().delete(h, id));
                    yield ApiResponse.noContent();
                }
                default -> throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
            };
        }
        if (path.get(2).equals("dhcp-networks") && path.size() <= 4) {
            return dhcpNetworks(request, id, path.size() == 4 ? path.get(3) : null);
        }
        throw Controller.notFound();
    }

    private List<Map<String, Object>> list(ApiRequest request) {
        for (String key : request.params().keySet()) {
            if (!FILTERS.contains(key) && !key.equals("fields")) {
                throw NeutronException.badRequest("HTTPBadRequest", "[" + key + "] is invalid attribute for filtering");
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (AgentRow agent : database.read(h -> agents.store().all(h))) {
            Map<String, Object> rendered = agents.render(agent);
            boolean matches = request.params().entrySet().stream().filter(e -> !e.getKey().equals("fields"))
                    .allMatch(e -> e.getValue().contains(String.valueOf(rendered.get(e.getKey())))
                            || e.getValue().stream().anyMatch(v -> v.equalsIgnoreCase(String.valueOf(rendered.get(e.getKey())))));
            if (matches && policy.check("get_agent", request.context(), rendered)) {
                out.add(selectFields(rendered, request.params().get("fields")));
            }
        }
        return out;
    }

    private static Map<String, Object> selectFields(Map<String, Object> agent, List<String> fields) {
        if (fields == null || fields.isEmpty()) {
            return agent;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach(f -> {
            if (agent.containsKey(f)) {
                out.put(f, agent.get(f));
            }
        });
        return out;
    }

    private ApiResponse update(ApiRequest request, String id) {
        policy.enforce("update_agent", request.context(), findVisible(request.context(), id));
        Object body = JsonCodec.parse(request.body());
        if (!(body instanceof Map<?, ?> root) || !(root.get("agent") instanceof Map<?, ?> changes) || root.size() != 1) {
            throw NeutronException.badRequest("HTTPBadRequest", "Unable to find 'agent' in request body");
        }
        Boolean adminStateUp = null;
        String description = null;
        for (Map.Entry<?, ?> change : changes.entrySet()) {
            switch (String.valueOf(change.getKey())) {
                case "admin_state_up" -> adminStateUp = (Boolean) Converters.BOOLEAN.convert("admin_state_up", change.getValue());
                case "description" -> {
                    String error = Validators.string(255).validate(change.getValue());
                    if (error != null) {
                        throw NeutronException.badRequest("HTTPBadRequest", "Invalid input for description. Reason: " + error + ".");
                    }
                    description = (String) change.getValue();
                }
                default -> throw NeutronException.badRequest("HTTPBadRequest", "Cannot update read-only attribute " + change.getKey());
            }
        }
        Boolean up = adminStateUp;
        String text = description;
        database.inTransaction(h -> {
            agents.store().update(h, id, up, text);
            return null;
        });
        return ApiResponse.ok(Map.of("agent", agents.render(find(id))));
    }

    private ApiResponse dhcpNetworks(ApiRequest request, String agentId, String networkId) {
        RequestContext context = request.context();
        String action = switch (request.method()) {
            case "GET" -> "get_dhcp-networks";
            case "POST" -> "create_dhcp-network";
            case "DELETE" -> "delete_dhcp-network";
            default -> throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        };
        policy.enforce(action, context, Map.of());
        AgentRow agent = find(agentId);
        if (!agent.agentType().equals(AgentTopics.DHCP_AGENT_TYPE)) {
            throw NeutronException.notFound("InvalidDHCPAgent", "Agent " + agent.id() + " is not a valid DHCP Agent or has been disabled");
        }
        switch (request.method()) {
            case "GET" -> {
                List<String> ids = database.read(h -> agents.store().networksOfDhcpAgent(h, agent.id()));
                if (ids.isEmpty()) {
                    return ApiResponse.ok(Map.of("networks", List.of()));
                }
                ListQuery hosted = ListQuery.all().and(networks.table().in("id", ids, "id"));
                return ApiResponse.ok(Map.of("networks", networks.list(context, networks.scopedFor(context, hosted))));
            }
            case "POST" -> {
                Object body = JsonCodec.parse(request.body());
                if (!(body instanceof Map<?, ?> map) || !Validators.isUuid(map.get("network_id"))) {
                    throw NeutronException.badRequest("HTTPBadRequest", "Invalid input: network_id is required");
                }
                String network = (String) map.get("network_id");
                boolean added = database.inTransaction(h -> {
                    if (h.createQuery("SELECT COUNT(*) FROM networks WHERE id = :n").bind("n", network).mapTo(Integer.class).one() == 0) {
                        throw NeutronException.notFound("NetworkNotFound", "Network " + network + " could not be found.");
                    }
                    return agents.store().addNetwork(h, agent.id(), network);
                });
                if (!added) {
                    throw NeutronException.conflict("NetworkHostedByDHCPAgent", "The network " + network
                            + " has been already hosted by the DHCP Agent " + agent.id() + ".");
                }
                notifier.dhcpCast(agent.host(), AgentTopics.NETWORK_CHANGED, network);
                return ApiResponse.created(null);
            }
            default -> { // DELETE, the only other method let through above
                if (networkId == null || !database.inTransaction(h -> agents.store().removeNetwork(h, agent.id(), networkId))) {
                    throw NeutronException.conflict("NetworkNotHostedByDhcpAgent", "The network " + networkId
                            + " is not hosted by the DHCP agent " + agent.id() + ".");
                }
                notifier.dhcpCast(agent.host(), AgentTopics.NETWORK_REMOVED, networkId);
                return ApiResponse.noContent();
            }
        }
    }

    /**
     * {@code GET /v2.0/networks/{id}/dhcp-agents}: the rule first, then the network, which must
     * exist and be visible to the caller.
     */
    public ApiResponse networkDhcpAgents(ApiRequest request, String networkId, Runnable checkNetworkVisible) {
        if (!request.method().equals("GET")) {
            throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        }
        policy.enforce("get_dhcp-agents", request.context(), Map.of());
        checkNetworkVisible.run();
        List<Map<String, Object>> out = new ArrayList<>();
        database.read(h -> {
            for (String agentId : agents.store().dhcpAgentsOfNetwork(h, networkId)) {
                agents.store().find(h, agentId).ifPresent(a -> out.add(agents.render(a)));
            }
            return null;
        });
        return ApiResponse.ok(Map.of("agents", out));
    }
}
