package org.neutrino.server.plugins.ml2;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.lib.context.RequestContext;

/**
 * Who may use a network, and the keys policy rules read about the network of a subnet or port
 * ({@code network:tenant_id}, {@code network:project_id}, {@code networks:shared}).
 */
final class NetworkAccess {
    private static final int BATCH = 500;

    private final Database database;

    NetworkAccess(Database database) {
        this.database = database;
    }

    /**
     * 404 {@code NetworkNotFound} when the network does not exist, or when a caller who is neither
     * admin nor advsvc creates on a network of another project that is not shared (its existence
     * is not revealed).
     */
    void checkCanUse(RequestContext context, String networkId, String projectId) {
        Map<String, Object> network = database.read(h -> CoreTables.NETWORKS.find(h, networkId))
                .orElseThrow(() -> Ml2ResourceHandler.networkNotFound(networkId));
        if (context.isAdvsvc() || Boolean.TRUE.equals(network.get("shared"))) {
            return;
        }
        if (!String.valueOf(network.get("project_id")).equals(projectId)) {
            throw Ml2ResourceHandler.networkNotFound(networkId);
        }
    }

    /**
     * The resource with its network's policy keys; rows loaded with {@link #addOwners} carry them
     * already (clients cannot set these keys: unknown attributes are refused).
     */
    Map<String, Object> withOwner(Map<String, Object> resource) {
        Map<String, Object> target = new HashMap<>(resource);
        Object networkId = resource.get("network_id");
        if (networkId instanceof String id && !resource.containsKey("network:project_id")) {
            database.read(h -> CoreTables.NETWORKS.find(h, id)).ifPresent(network -> putOwner(target, network));
        }
        return target;
    }

    /** Puts the policy keys into rows of a list, reading their networks in one query per 500. */
    void addOwners(Handle h, List<Map<String, Object>> rows) {
        List<String> networkIds = rows.stream().map(r -> (String) r.get("network_id")).distinct().toList();
        Map<String, Map<String, Object>> networks = new HashMap<>();
        for (int from = 0; from < networkIds.size(); from += BATCH) {
            List<String> batch = networkIds.subList(from, Math.min(networkIds.size(), from + BATCH));
            CoreTables.NETWORKS.list(h, ListQuery.all().and(CoreTables.NETWORKS.in("id", batch, "owner")))
                    .forEach(network -> networks.put((String) network.get("id"), network));
        }
        for (Map<String, Object> row : rows) {
            Map<String, Object> network = networks.get(row.get("network_id"));
            if (network != null) {
                putOwner(row, network);
            }
        }
    }

    private static void putOwner(Map<String, Object> target, Map<String, Object> network) {
        target.put("network:tenant_id", network.get("project_id"));
        target.put("network:project_id", network.get("project_id"));
        target.put("networks:shared", network.get("shared"));
    }
}
