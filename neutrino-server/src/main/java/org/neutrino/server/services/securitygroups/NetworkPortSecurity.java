package org.neutrino.server.services.securitygroups;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.server.extensions.AttributeExtension;

/** {@code port_security_enabled} of networks ({@code port-security}): the default of their new ports. */
final class NetworkPortSecurity implements AttributeExtension {

    @Override
    public String collection() {
        return "networks";
    }

    @Override
    public void processCreate(Handle h, RequestContext context, Map<String, Object> request, Map<String, Object> created) {
        h.createUpdate("INSERT INTO networksecuritybindings (network_id, port_security_enabled) VALUES (:n, :e)")
                .bind("n", (String) created.get("id")).bind("e", !Boolean.FALSE.equals(request.get(PortSecurity.ATTRIBUTE))).execute();
    }

    @Override
    public void processUpdate(Handle h, RequestContext context, Map<String, Object> changes, Map<String, Object> current) {
        if (changes.containsKey(PortSecurity.ATTRIBUTE)) {
            String id = (String) current.get("id");
            h.createUpdate("DELETE FROM networksecuritybindings WHERE network_id = :n").bind("n", id).execute();
            h.createUpdate("INSERT INTO networksecuritybindings (network_id, port_security_enabled) VALUES (:n, :e)")
                    .bind("n", id).bind("e", (boolean) changes.get(PortSecurity.ATTRIBUTE)).execute();
        }
    }

    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
        Map<String, Boolean> values = new HashMap<>();
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        h.createQuery("SELECT network_id, port_security_enabled FROM networksecuritybindings WHERE network_id IN (<ids>)")
                .bindList("ids", ids).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .forEach(e -> values.put(e.getKey(), e.getValue()));
        rows.forEach(row -> row.put(PortSecurity.ATTRIBUTE, values.getOrDefault((String) row.get("id"), true)));
    }

    /** Whether a network's new ports have port security (networks made before the extension: yes). */
    static boolean enabled(Handle h, String networkId) {
        return h.createQuery("SELECT port_security_enabled FROM networksecuritybindings WHERE network_id = :n")
                .bind("n", networkId).mapTo(Boolean.class).findOne().orElse(true);
    }

    @Override
    public Optional<ListQuery.Condition> filter(String attribute, List<Object> values) {
        return PortSecurity.filter(attribute, values, "networksecuritybindings", "network_id");
    }
}
