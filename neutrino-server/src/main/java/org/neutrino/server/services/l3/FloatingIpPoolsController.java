package org.neutrino.server.services.l3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neutrino.db.Database;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.ApiRequest;
import org.neutrino.server.api.ApiResponse;
import org.neutrino.server.api.Controller;
import org.neutrino.server.policy.PolicyEngine;

/**
 * {@code GET /v2.0/floatingip_pools} (floatingip-pools): the IPv4 subnets of external networks,
 * where floating IPs come from, as every project may see them.
 */
final class FloatingIpPoolsController implements Controller {
    private final Database database;
    private final PolicyEngine policy;

    FloatingIpPoolsController(Database database, PolicyEngine policy) {
        this.database = database;
        this.policy = policy;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (request.path().size() > 1) {
            throw Controller.notFound();
        }
        if (!request.method().equals("GET")) {
            throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        }
        policy.enforce("get_floatingip_pool", request.context(), Map.of());
        List<Map<String, Object>> pools = database.read(h -> h.createQuery("SELECT s.id, s.name, s.cidr, s.network_id, s.project_id "
                        + "FROM subnets s JOIN externalnetworks e ON e.network_id = s.network_id WHERE s.ip_version = 4 "
                        + "ORDER BY s.network_id, s.id")
                .map((rs, ctx) -> {
                    Map<String, Object> pool = new LinkedHashMap<>();
                    pool.put("subnet_id", rs.getString(1));
                    pool.put("subnet_name", rs.getString(2));
                    pool.put("subnet_ip_cidr", rs.getString(3));
                    pool.put("network_id", rs.getString(4));
                    pool.put("project_id", rs.getString(5));
                    pool.put("tenant_id", rs.getString(5));
                    return pool;
                }).list());
        return ApiResponse.ok(Map.of("floatingip_pools", pools));
    }
}
