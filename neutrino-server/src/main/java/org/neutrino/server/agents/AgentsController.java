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
import org.neutrino.server.api.ApiRequest;
import org.neutrino.server.api.ApiResponse;
import org.neutrino.server.api.Controller;
import org.neutrino.server.api.JsonCodec;
import org.neutrino.server.api.SubResource;
import org.neutrino.server.api.SubResourceParent;
import org.neutrino.server.policy.PolicyEngine;

/**
 * The {@code agent} extension: {@code GET/PUT/DELETE /v2.0/agents[/{id}]}, and the sub-resources
 * schedulers register under an agent ({@code dhcp-networks}, {@code l3-routers}).
 *
 * <p>Policy as in Neutron: a list holds the agents the caller may see ({@code get_agent}), so a
 * member gets an empty list; an agent the caller may not see answers 404 {@code AgentNotFound}
 * exactly like one that does not exist; sub-resources check their rule before looking anything
 * up, so they answer a member 403 whatever the id.
 */
public final class AgentsController implements Controller, SubResourceParent {
    private static final List<String> FILTERS = List.of("id", "agent_type", "binary", "topic", "host", "admin_state_up", "alive",
            "availability_zone", "description");

    private final Agents agents;
    private final Database database;
    private final PolicyEngine policy;
    private final Map<String, SubResource> subResources = new LinkedHashMap<>();

    public AgentsController(Agents agents, Database database, PolicyEngine policy) {
        this.agents = agents;
        this.database = database;
        this.policy = policy;
    }

    @Override
    public void withSubResource(String name, SubResource sub) {
        if (subResources.putIfAbsent(name, sub) != null) {
            throw new IllegalStateException("sub-resource " + name + " of agents is registered twice");
        }
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
        SubResource sub = subResources.get(path.get(2));
        if (sub != null && path.size() <= 4) {
            return sub.handle(request, id, () -> findVisible(request.context(), id));
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
}
