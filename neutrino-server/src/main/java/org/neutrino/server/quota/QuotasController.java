package org.neutrino.server.quota;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neutrino.db.Database;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.ApiRequest;
import org.neutrino.server.api.ApiResponse;
import org.neutrino.server.api.Controller;
import org.neutrino.server.api.JsonCodec;
import org.neutrino.server.policy.PolicyEngine;

/**
 * The {@code quotas} and {@code quota_details} extensions: {@code GET /v2.0/quotas},
 * {@code GET/PUT/DELETE /v2.0/quotas/{project_id}}, {@code .../default}, {@code .../details}.
 */
public final class QuotasController implements Controller {
    private final QuotaEngine quotas;
    private final Database database;
    private final PolicyEngine policy;

    public QuotasController(QuotaEngine quotas, Database database, PolicyEngine policy) {
        this.quotas = quotas;
        this.database = database;
        this.policy = policy;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        RequestContext context = request.context();
        List<String> path = request.path();
        if (path.size() == 1 && request.method().equals("GET")) {
            policy.enforce("get_quota", context, Map.of("project_id", "", "tenant_id", ""));
            return ApiResponse.ok(Map.of("quotas", database.read(h -> quotas.store().projectsWithLimits(h).stream().map(p -> {
                Map<String, Object> q = new LinkedHashMap<>(quotas.limits(h, p));
                q.put("project_id", p);
                q.put("tenant_id", p);
                return q;
            }).toList())));
        }
        if (path.size() < 2 || path.size() > 3) {
            throw Controller.notFound();
        }
        String projectId = path.get(1);
        if (projectId.equals("tenant") || projectId.equals("project")) {
            if (context.projectId() == null) {
                throw NeutronException.badRequest("QuotaMissingTenant", "Tenant-id was missing from quota request.");
            }
            projectId = context.projectId();
        }
        if (projectId.length() > CoreResources.PROJECT_ID_MAX) {
            throw NeutronException.badRequest("HTTPBadRequest", "Invalid input for project_id. Reason: '" + projectId
                    + "' exceeds maximum length of " + CoreResources.PROJECT_ID_MAX + ".");
        }
        String pid = projectId;
        Map<String, Object> target = Map.of("project_id", pid, "tenant_id", pid);
        if (path.size() == 3) {
            String sub = path.get(2);
            if (!request.method().equals("GET") || !sub.equals("details") && !sub.equals("default")) {
                throw Controller.notFound();
            }
            checkRead(context, target, pid);
            if (sub.equals("default")) {
                return ApiResponse.ok(Map.of("quota", new LinkedHashMap<>(quotas.defaults())));
            }
            return ApiResponse.ok(Map.of("quota", database.read(h -> {
                Map<String, Integer> limits = quotas.limits(h, pid);
                Map<String, Integer> usage = quotas.usage(h, pid);
                Map<String, Object> details = new LinkedHashMap<>();
                limits.forEach((resource, limit) -> details.put(resource,
                        Map.of("limit", limit, "used", usage.getOrDefault(resource, 0), "reserved", 0)));
                return details;
            })));
        }
        return switch (request.method()) {
            case "GET" -> {
                checkRead(context, target, pid);
                yield ApiResponse.ok(Map.of("quota", database.read(h -> quotas.limits(h, pid))));
            }
            case "PUT" -> {
                policy.enforce("update_quota", context, target);
                Map<String, Integer> changes = parseUpdate(request.body());
                yield ApiResponse.ok(Map.of("quota", database.inTransaction(h -> {
                    changes.forEach((resource, limit) -> quotas.store().setLimit(h, pid, resource, limit));
                    return quotas.limits(h, pid);
                })));
            }
            case "DELETE" -> {
                policy.enforce("delete_quota", context, target);
                database.inTransaction(h -> {
                    quotas.store().deleteLimits(h, pid);
                    return null;
                });
                yield ApiResponse.noContent();
            }
            default -> throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        };
    }

    private void checkRead(RequestContext context, Map<String, Object> target, String projectId) {
        if (!policy.check("get_quota", context, target)) {
            throw NeutronException.forbidden("Non-admin is not authorised to access quotas for another project");
        }
    }

    private Map<String, Integer> parseUpdate(byte[] body) {
        Object root = JsonCodec.parse(body);
        if (!(root instanceof Map<?, ?> map) || !(map.get("quota") instanceof Map<?, ?> quota) || map.size() != 1) {
            throw NeutronException.badRequest("HTTPBadRequest", "Unable to find 'quota' in request body");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : quota.entrySet()) {
            String resource = String.valueOf(entry.getKey());
            if (!quotas.knows(resource)) {
                throw NeutronException.badRequest("HTTPBadRequest", "Unrecognized attribute(s) '" + resource + "'");
            }
            Object value = entry.getValue();
            int limit;
            if (value instanceof Integer i) {
                limit = i;
            } else if (value instanceof String s && s.matches("-?\\d{1,9}")) {
                limit = Integer.parseInt(s);
            } else {
                throw NeutronException.badRequest("HTTPBadRequest", "Invalid input for " + resource + ". Reason: '" + value
                        + "' is not an integer.");
            }
            if (limit < -1) {
                throw NeutronException.badRequest("HTTPBadRequest", "Invalid input for " + resource + ". Reason: '" + limit
                        + "' is too small - must be at least '-1'.");
            }
            out.put(resource, limit);
        }
        return out;
    }
}
