package org.neutrino.server.services.subnetpools;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.server.extensions.AttributeExtension;

/**
 * {@code ipv4_address_scope} and {@code ipv6_address_scope} of networks (read-only): the address
 * scope of the pools their subnets of that IP version come from, or {@code null}; one query per list.
 */
final class NetworkAddressScopes implements AttributeExtension {

    @Override
    public String collection() {
        return "networks";
    }

    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
        for (Map<String, Object> row : rows) {
            row.put("ipv4_address_scope", null);
            row.put("ipv6_address_scope", null);
            byId.put((String) row.get("id"), row);
        }
        for (Map<String, Object> scoped : h.createQuery("SELECT DISTINCT s.network_id AS network_id, s.ip_version AS ip_version, "
                        + "p.address_scope_id AS scope_id FROM subnets s JOIN subnetpools p ON p.id = s.subnetpool_id "
                        + "WHERE p.address_scope_id IS NOT NULL AND s.network_id IN (<ids>)")
                .bindList("ids", ids).mapToMap().list()) {
            String key = ((Number) scoped.get("ip_version")).intValue() == 4 ? "ipv4_address_scope" : "ipv6_address_scope";
            byId.get((String) scoped.get("network_id")).put(key, scoped.get("scope_id"));
        }
    }
}
