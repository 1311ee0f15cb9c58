package org.neutrino.server.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neutrino.db.Database;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.lib.api.Converters;
import org.neutrino.lib.api.Validators;
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
        return database.read(h -> agents.store().find(h, id))
                .orElseThrow(() -> NeutronException.notFound("AgentNotFound", "Agent " + id + " could not be found."));
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        List<String> path = request.path();
        String method = request.method();
        if (path.size() == 1 && method.equals("GET")) {
            policy.enforce("get_agent", request.context(), Map.of());
            return ApiResponse.ok(Map.of("agents", list(request)));
        }
        if (path.size() < 2) {
            throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        }
        String id = path.get(1);
        if (path.size() == 2) {
            return switch (method) {
                case "GET" -> {
                    policy.enforce("get_agent", request.context(), Map.of());
                    yield ApiResponse.ok(Map.of("agent", agents.render(find(id))));
                }
                case "PUT" -> update(request, id);
                case "DELETE" -> {
                    policy.enforce("delete_agent", request.context(), Map.of());
                    find(id);
                    database.inTransaction(h -> agents.store().delete(h, id));
                    yield ApiResponse.noContent();
                }
                default -> throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
            };
        }
        if (path.get(2).equals("dhcp-networks") && path.size() <= 4) {
            return dhcpNetworks(request, find(id), path.size() == 4 ? path.get(3) : null);
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
            if (matches) {
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
        policy.enforce("update_agent", request.context(), Map.of());
        find(id);
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

    private ApiResponse dhcpNetworks(ApiRequest request, AgentRow agent, String networkId) {
        if (!agent.agentType().equals(AgentTopics.DHCP_AGENT_TYPE)) {
            throw NeutronException.notFound("InvalidDHCPAgent", "Agent " + agent.id() + " is not a valid DHCP Agent or has been disabled");
        }
        switch (request.method()) {
            case "GET" -> {
                policy.enforce("get_dhcp-networks", request.context(), Map.of());
                List<String> ids = database.read(h -> agents.store().networksOfDhcpAgent(h, agent.id()));
                return ApiResponse.ok(Map.of("networks", ids.isEmpty() ? List.of()
                        : networks.list(request.context(), ListQuery.all().and(networks.table().in("id", ids, "id")))));
            }
            case "POST" -> {
                policy.enforce("create_dhcp-network", request.context(), Map.of());
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
            case "DELETE" -> {
                policy.enforce("delete_dhcp-network", request.context(), Map.of());
                if (networkId == null || !database.inTransaction(h -> agents.store().removeNetwork(h, agent.id(), networkId))) {
                    throw NeutronException.conflict("NetworkNotHostedByDhcpAgent", "The network " + networkId
                            + " is not hosted by the DHCP agent " + agent.id() + ".");
                }
                notifier.dhcpCast(agent.host(), AgentTopics.NETWORK_REMOVED, networkId);
                return ApiResponse.noContent();
            }
            default -> throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        }
    }

    /** {@code GET /v2.0/networks/{id}/dhcp-agents}. */
    public ApiResponse networkDhcpAgents(ApiRequest request, String networkId) {
        if (!request.method().equals("GET")) {
            throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        }
        policy.enforce("get_dhcp-agents", request.context(), Map.of());
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
