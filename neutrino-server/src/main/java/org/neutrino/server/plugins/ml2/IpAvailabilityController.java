package org.neutrino.server.plugins.ml2;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ipam.IpamStore;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.ApiRequest;
import org.neutrino.server.api.ApiResponse;
import org.neutrino.server.api.Controller;
import org.neutrino.server.policy.PolicyEngine;

/**
 * The {@code network-ip-availability} extension: total and used addresses per network and
 * subnet, in a fixed number of queries whatever the number of networks.
 */
public final class IpAvailabilityController implements Controller {
    private final Database database;
    private final IpamStore ipam = new IpamStore();
    private final PolicyEngine policy;

    public IpAvailabilityController(Database database, PolicyEngine policy) {
        this.database = database;
        this.policy = policy;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!request.method().equals("GET") || request.path().size() > 2) {
            throw Controller.notFound();
        }
        policy.enforce("get_network_ip_availability", request.context(), Map.of());
        if (request.path().size() == 2) {
            String id = request.path().get(1);
            List<Map<String, Object>> found = database.read(h -> availability(h,
                    ListQuery.all().and(CoreTables.NETWORKS.in("id", List.of(id), "id")), null));
            if (found.isEmpty()) {
                throw NeutronException.notFound("NetworkNotFound", "Network " + id + " could not be found.");
            }
            return ApiResponse.ok(Map.of("network_ip_availability", found.get(0)));
        }
        Map<String, List<Object>> filters = new LinkedHashMap<>();
        for (String key : List.of("network_id", "network_name", "tenant_id", "project_id")) {
            List<String> values = request.params().get(key);
            if (values != null) {
                String attribute = switch (key) {
                    case "network_id" -> "id";
                    case "network_name" -> "name";
                    default -> "project_id";
                };
                filters.put(attribute, new ArrayList<>(values));
            }
        }
        List<String> versions = request.params().get("ip_version");
        ListQuery query = new ListQuery(filters, List.of(), List.of(), 0, null, false);
        return ApiResponse.ok(Map.of("network_ip_availabilities", database.read(h -> availability(h, query, versions))));
    }

    private List<Map<String, Object>> availability(Handle h, ListQuery query, List<String> versions) {
        List<Map<String, Object>> networks = CoreTables.NETWORKS.list(h, query);
        if (networks.isEmpty()) {
            return List.of();
        }
        List<String> networkIds = networks.stream().map(n -> (String) n.get("id")).toList();
        List<Map<String, Object>> subnets = CoreTables.SUBNETS.list(h, ListQuery.all().and(CoreTables.SUBNETS.in("network_id", networkIds, "n")));
        List<String> subnetIds = subnets.stream().map(s -> (String) s.get("id")).toList();
        Map<String, Integer> used = ipam.allocationCounts(h, subnetIds);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> network : networks) {
            List<Map<String, Object>> perSubnet = new ArrayList<>();
            BigInteger total = BigInteger.ZERO;
            long usedTotal = 0;
            for (Map<String, Object> subnet : subnets) {
                if (!subnet.get("network_id").equals(network.get("id"))
                        || versions != null && !versions.contains(String.valueOf(subnet.get("ip_version")))) {
                    continue;
                }
                BigInteger size = AllocationPools.fromJson(subnet.get("allocation_pools")).stream()
                        .map(AllocationPools.Pool::size).reduce(BigInteger.ZERO, BigInteger::add);
                int usedIps = used.getOrDefault((String) subnet.get("id"), 0);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("subnet_id", subnet.get("id"));
                entry.put("subnet_name", subnet.get("name"));
                entry.put("cidr", subnet.get("cidr"));
                entry.put("ip_version", subnet.get("ip_version"));
                entry.put("total_ips", size);
                entry.put("used_ips", usedIps);
                perSubnet.add(entry);
                total = total.add(size);
                usedTotal += usedIps;
            }
            if (versions != null && perSubnet.isEmpty()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("network_id", network.get("id"));
            entry.put("network_name", network.get("name"));
            entry.put("tenant_id", network.get("project_id"));
            entry.put("project_id", network.get("project_id"));
            entry.put("total_ips", total);
            entry.put("used_ips", usedTotal);
            entry.put("subnet_ip_availability", perSubnet);
            out.add(entry);
        }
        return out;
    }
}
