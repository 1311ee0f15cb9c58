package org.neutrino.server.services.availabilityzones;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.extensions.AttributeExtension;

/**
 * {@code availability_zone_hints} of networks (set on create; each must be the zone of a DHCP
 * agent, {@code AvailabilityZoneNotFound} otherwise) and their read-only
 * {@code availability_zones}: the zones of the DHCP agents that host them. Two queries per list.
 */
final class NetworkAvailabilityZones implements AttributeExtension {

    @Override
    public String collection() {
        return "networks";
    }

    @Override
    public void processCreate(Handle h, RequestContext context, Map<String, Object> request, Map<String, Object> created) {
        List<?> hints = (List<?>) request.get("availability_zone_hints");
        if (hints == null || hints.isEmpty()) {
            return;
        }
        Set<String> known = new TreeSet<>(h.createQuery("SELECT DISTINCT availability_zone FROM agents WHERE agent_type = :t "
                + "AND availability_zone IS NOT NULL").bind("t", AgentTopics.DHCP_AGENT_TYPE).mapTo(String.class).list());
        for (Object hint : hints) {
            if (!known.contains(hint)) {
                throw NeutronException.notFound("AvailabilityZoneNotFound", "AvailabilityZone " + hint + " could not be found.");
            }
        }
        h.createUpdate("INSERT INTO network_availability_zone_hints (network_id, hints) VALUES (:n, :h)")
                .bind("n", created.get("id")).bind("h", String.join(",", hints.stream().map(String::valueOf).toList())).execute();
    }

    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        Map<String, List<String>> hints = new HashMap<>();
        h.createQuery("SELECT network_id, hints FROM network_availability_zone_hints WHERE network_id IN (<ids>)").bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString(1), List.of(rs.getString(2).split(","))))
                .forEach(e -> hints.put(e.getKey(), e.getValue()));
        Map<String, Set<String>> zones = new HashMap<>();
        h.createQuery("SELECT DISTINCT b.network_id, a.availability_zone FROM network_dhcp_agents b JOIN agents a ON a.id = b.agent_id "
                        + "WHERE a.availability_zone IS NOT NULL AND a.availability_zone <> '' AND b.network_id IN (<ids>) "
                        + "ORDER BY a.availability_zone")
                .bindList("ids", ids).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> zones.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue()));
        for (Map<String, Object> row : rows) {
            String id = (String) row.get("id");
            row.put("availability_zone_hints", hints.getOrDefault(id, List.of()));
            row.put("availability_zones", new ArrayList<>(zones.getOrDefault(id, Set.of())));
        }
    }
}
