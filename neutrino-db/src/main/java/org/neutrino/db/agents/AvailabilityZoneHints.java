package org.neutrino.db.agents;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The {@code availability_zone_hints} of networks or routers (one comma-separated row per
 * resource with hints, as Neutron stores them; see {@code V4__subnet_pools.sql} and
 * {@code V7__router_availability_zones.sql}), and the zones agents report.
 */
public final class AvailabilityZoneHints {
    private final String table;
    private final String idColumn;
    private final String bindings;
    private final String bindingAgentColumn;

    private AvailabilityZoneHints(String table, String idColumn, String bindings, String bindingAgentColumn) {
        this.table = table;
        this.idColumn = idColumn;
        this.bindings = bindings;
        this.bindingAgentColumn = bindingAgentColumn;
    }

    /** The hints of networks; their DHCP agents host them. */
    public static AvailabilityZoneHints ofNetworks() {
        return new AvailabilityZoneHints("network_availability_zone_hints", "network_id", "network_dhcp_agents", "agent_id");
    }

    /** The hints of routers; their L3 agents host them. */
    public static AvailabilityZoneHints ofRouters() {
        return new AvailabilityZoneHints("router_availability_zone_hints", "router_id", "routerl3agentbindings", "l3_agent_id");
    }

    /** The zones of the agents hosting each resource among {@code ids}, in name order; resources without any are absent. */
    public Map<String, Set<String>> zonesOfHostingAgents(Handle h, Collection<String> ids) {
        Map<String, Set<String>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT DISTINCT b." + idColumn + ", a.availability_zone FROM " + bindings + " b JOIN agents a ON a.id = b."
                        + bindingAgentColumn + " WHERE a.availability_zone IS NOT NULL AND a.availability_zone <> '' AND b." + idColumn
                        + " IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
        return out;
    }

    /** Whether an agent of {@code zone} may host a resource with these hints (any agent when there are none). */
    public static boolean admits(List<String> hints, String zone) {
        return hints.isEmpty() || hints.contains(zone);
    }

    /** The zones agents of {@code agentType} report. */
    public static Set<String> zonesOfAgents(Handle h, String agentType) {
        return new TreeSet<>(h.createQuery("SELECT DISTINCT availability_zone FROM agents WHERE agent_type = :t "
                + "AND availability_zone IS NOT NULL AND availability_zone <> ''").bind("t", agentType).mapTo(String.class).list());
    }

    /** Records the hints of a new resource (nothing when there are none). */
    public void set(Handle h, String id, List<String> hints) {
        if (hints.isEmpty()) {
            return;
        }
        h.createUpdate("INSERT INTO " + table + " (" + idColumn + ", hints) VALUES (:id, :h)")
                .bind("id", id).bind("h", String.join(",", hints)).execute();
    }

    /** The hints of each resource among {@code ids} that has some. */
    public Map<String, List<String>> of(Handle h, Collection<String> ids) {
        Map<String, List<String>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT " + idColumn + ", hints FROM " + table + " WHERE " + idColumn + " IN (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> Map.entry(rs.getString(1), List.of(rs.getString(2).split(","))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The hints of one resource, empty when it has none. */
    public List<String> of(Handle h, String id) {
        return of(h, List.of(id)).getOrDefault(id, List.of());
    }
}
