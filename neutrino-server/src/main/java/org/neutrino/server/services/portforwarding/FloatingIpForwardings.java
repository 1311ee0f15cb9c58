package org.neutrino.server.services.portforwarding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.extensions.AttributeExtension;

/**
 * {@code port_forwardings} of floating IPs ({@code expose-port-forwarding-in-fip}): each forwarding's
 * id, protocol, sockets and internal port. A floating IP with forwardings cannot be associated with
 * a port (409 {@code FipInUseByPortForwarding}, Neutron's {@code _check_floatingip_request}).
 */
final class FloatingIpForwardings implements AttributeExtension {
    @Override
    public String collection() {
        return "floatingips";
    }

    @Override
    public void processUpdate(Handle h, RequestContext context, Map<String, Object> changes, Map<String, Object> current) {
        if (changes.get("port_id") != null && !((List<?>) current.get(PortForwardingExtensions.COLLECTION)).isEmpty()) {
            throw NeutronException.conflict("FipInUseByPortForwarding", "Floating IP " + current.get("id")
                    + " in use by Port Forwarding resources.");
        }
    }

    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> byFloatingIp = new HashMap<>();
        if (!rows.isEmpty()) {
            h.createQuery("SELECT floatingip_id, id, internal_ip_address, protocol, internal_port, external_port, "
                            + "internal_neutron_port_id FROM portforwardings WHERE floatingip_id IN (<ids>) ORDER BY external_port, protocol")
                    .bindList("ids", rows.stream().map(r -> r.get("id")).toList())
                    .map((rs, ctx) -> {
                        Map<String, Object> forwarding = new LinkedHashMap<>();
                        forwarding.put("id", rs.getString(2));
                        forwarding.put("internal_ip_address", rs.getString(3));
                        forwarding.put("protocol", rs.getString(4));
                        forwarding.put("internal_port", rs.getInt(5));
                        forwarding.put("external_port", rs.getInt(6));
                        forwarding.put("internal_port_id", rs.getString(7));
                        return Map.entry(rs.getString(1), forwarding);
                    })
                    .forEach(e -> byFloatingIp.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        for (Map<String, Object> row : rows) {
            row.put(PortForwardingExtensions.COLLECTION, byFloatingIp.getOrDefault((String) row.get("id"), List.of()));
        }
    }
}
