package org.neutrino.server.services.availabilityzones;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neutrino.db.Database;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.api.ApiRequest;
import org.neutrino.server.api.ApiResponse;
import org.neutrino.server.api.Controller;
import org.neutrino.server.policy.PolicyEngine;

/**
 * {@code GET /v2.0/availability_zones}: one zone per availability zone and resource of the DHCP
 * agents ({@code network}) and L3 agents ({@code router}) that name one; {@code available} when
 * one of its agents is administratively up, as in Neutron. Filters: {@code name},
 * {@code resource}, {@code state}; {@code fields}.
 */
final class AvailabilityZonesController implements Controller {
    private static final Set<String> FILTERS = Set.of("name", "resource", "state");
    private final Database database;
    private final PolicyEngine policy;

    AvailabilityZonesController(Database database, PolicyEngine policy) {
        this.database = database;
        this.policy = policy;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (request.path().size() != 1) {
            throw Controller.notFound();
        }
        if (!request.method().equals("GET")) {
            throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        }
        for (String key : request.params().keySet()) {
            if (!FILTERS.contains(key) && !key.equals("fields")) {
                throw NeutronException.badRequest("HTTPBadRequest", "[" + key + "] is invalid attribute for filtering");
            }
        }
        policy.enforce("get_availability_zone", request.context(), Map.of());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> zone : zones()) {
            boolean matches = FILTERS.stream().allMatch(key -> !request.params().containsKey(key)
                    || request.params().get(key).contains(String.valueOf(zone.get(key))));
            if (matches) {
                out.add(selectFields(zone, request.params().get("fields")));
            }
        }
        return ApiResponse.ok(Map.of("availability_zones", out));
    }

    private List<Map<String, Object>> zones() {
        Map<List<String>, Boolean> available = new LinkedHashMap<>();
        for (Map<String, Object> agent : database.read(h -> h.createQuery("SELECT availability_zone, agent_type, admin_state_up "
                + "FROM agents WHERE availability_zone IS NOT NULL AND availability_zone <> '' "
                + "AND agent_type IN (:dhcp, :l3) ORDER BY availability_zone, agent_type")
                .bind("dhcp", AgentTopics.DHCP_AGENT_TYPE).bind("l3", AgentTopics.L3_AGENT_TYPE).mapToMap().list())) {
            String resource = AgentTopics.DHCP_AGENT_TYPE.equals(agent.get("agent_type")) ? "network" : "router";
            available.merge(List.of((String) agent.get("availability_zone"), resource), Boolean.TRUE.equals(agent.get("admin_state_up")),
                    Boolean::logicalOr);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        available.forEach((key, up) -> {
            Map<String, Object> zone = new LinkedHashMap<>();
            zone.put("name", key.get(0));
            zone.put("resource", key.get(1));
            zone.put("state", up ? "available" : "unavailable");
            out.add(zone);
        });
        return out;
    }

    private static Map<String, Object> selectFields(Map<String, Object> zone, List<String> fields) {
        if (fields == null || fields.isEmpty()) {
            return zone;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach(f -> {
            if (zone.containsKey(f)) {
                out.put(f, zone.get(f));
            }
        });
        return out;
    }
}
