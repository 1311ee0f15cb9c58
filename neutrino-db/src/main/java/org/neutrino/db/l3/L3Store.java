package org.neutrino.db.l3;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The L3 rows that are not resources of their own: which networks are external, which ports
 * belong to which router, which L3 agent hosts which router.
 */
public final class L3Store {
    public static final String INTERFACE = "network:router_interface";
    public static final String GATEWAY = "network:router_gateway";
    public static final String FLOATING_IP = "network:floatingip";

    // ---- external networks ----

    public void setExternal(Handle h, String networkId, boolean external) {
        h.createUpdate("DELETE FROM externalnetworks WHERE network_id = :n").bind("n", networkId).execute();
        if (external) {
            h.createUpdate("INSERT INTO externalnetworks (network_id) VALUES (:n)").bind("n", networkId).execute();
        }
    }

    public boolean isExternal(Handle h, String networkId) {
        return h.createQuery("SELECT COUNT(*) FROM externalnetworks WHERE network_id = :n").bind("n", networkId)
                .mapTo(Integer.class).one() > 0;
    }

    /** Which of {@code networkIds} are external, in one query. */
    public Set<String> externalAmong(Handle h, Collection<String> networkIds) {
        if (networkIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(h.createQuery("SELECT network_id FROM externalnetworks WHERE network_id IN (<ids>)")
                .bindList("ids", List.copyOf(networkIds)).mapTo(String.class).list());
    }

    /** Ports that make the network's external role needed: router gateways and floating IPs. */
    public int externalUsers(Handle h, String networkId) {
        return h.createQuery("SELECT COUNT(*) FROM ports WHERE network_id = :n AND device_owner IN (:gw, :fip)")
                .bind("n", networkId).bind("gw", GATEWAY).bind("fip", FLOATING_IP).mapTo(Integer.class).one();
    }

    // ---- router ports ----

    /** A router's port on one subnet: the port id and the address. */
    public record InterfaceAddress(String portId, String subnetId, String ipAddress, String cidr, String networkId) {
    }

    public void addRouterPort(Handle h, String routerId, String portId, String portType) {
        h.createUpdate("INSERT INTO routerports (port_id, router_id, port_type) VALUES (:p, :r, :t)")
                .bind("p", portId).bind("r", routerId).bind("t", portType).execute();
    }

    public void removeRouterPort(Handle h, String portId) {
        h.createUpdate("DELETE FROM routerports WHERE port_id = :p").bind("p", portId).execute();
    }

    /** The router owning a port, if any. */
    public Optional<String> routerOfPort(Handle h, String portId) {
        return h.createQuery("SELECT router_id FROM routerports WHERE port_id = :p").bind("p", portId).mapTo(String.class).findOne();
    }

    /** The ids of a router's ports of a type, in creation order of the ports. */
    public List<String> routerPorts(Handle h, String routerId, String portType) {
        return h.createQuery("SELECT rp.port_id FROM routerports rp JOIN ports p ON p.id = rp.port_id "
                        + "WHERE rp.router_id = :r AND rp.port_type = :t ORDER BY p.created_at, p.id")
                .bind("r", routerId).bind("t", portType).mapTo(String.class).list();
    }

    /** The addresses of a router's interfaces, with their subnets' CIDRs. */
    public List<InterfaceAddress> interfaceAddresses(Handle h, String routerId) {
        return h.createQuery("SELECT ia.port_id, ia.subnet_id, ia.ip_address, s.cidr, ia.network_id FROM routerports rp "
                        + "JOIN ipallocations ia ON ia.port_id = rp.port_id JOIN subnets s ON s.id = ia.subnet_id "
                        + "WHERE rp.router_id = :r AND rp.port_type = :t ORDER BY ia.port_id, ia.ip_address")
                .bind("r", routerId).bind("t", INTERFACE)
                .map((rs, ctx) -> new InterfaceAddress(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    /** The CIDRs of the subnets a router reaches directly: its interfaces' and its gateway's. */
    public List<String> connectedCidrs(Handle h, String routerId) {
        return h.createQuery("SELECT DISTINCT s.cidr FROM routerports rp JOIN ipallocations ia ON ia.port_id = rp.port_id "
                        + "JOIN subnets s ON s.id = ia.subnet_id WHERE rp.router_id = :r")
                .bind("r", routerId).mapTo(String.class).list();
    }

    /**
     * The routers with a gateway on {@code externalNetworkId} and an interface on
     * {@code subnetId}: those that can carry a floating IP of that network to that subnet.
     */
    public List<String> routersBetween(Handle h, String externalNetworkId, String subnetId) {
        return h.createQuery("SELECT DISTINCT r.id FROM routers r JOIN routerports rp ON rp.router_id = r.id "
                        + "JOIN ipallocations ia ON ia.port_id = rp.port_id "
                        + "WHERE r.gw_network_id = :n AND rp.port_type = :t AND ia.subnet_id = :s ORDER BY r.id")
                .bind("n", externalNetworkId).bind("t", INTERFACE).bind("s", subnetId).mapTo(String.class).list();
    }

    /** Interface counts per router, for routers with at least one interface. */
    public Map<String, Integer> interfaceCounts(Handle h, Collection<String> routerIds) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (routerIds.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT router_id, COUNT(*) FROM routerports WHERE port_type = :t AND router_id IN (<ids>) GROUP BY router_id")
                .bind("t", INTERFACE).bindList("ids", List.copyOf(routerIds))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    // ---- L3 agent scheduling ----

    /** The agent hosting a router, if it is scheduled. */
    public Optional<String> agentOfRouter(Handle h, String routerId) {
        return h.createQuery("SELECT l3_agent_id FROM routerl3agentbindings WHERE router_id = :r").bind("r", routerId)
                .mapTo(String.class).findOne();
    }

    /** The routers an agent hosts. */
    public List<String> routersOfAgent(Handle h, String agentId) {
        return h.createQuery("SELECT router_id FROM routerl3agentbindings WHERE l3_agent_id = :a ORDER BY router_id")
                .bind("a", agentId).mapTo(String.class).list();
    }

    /** Router counts of the agents (agents without routers are absent). */
    public Map<String, Integer> routerCounts(Handle h, Collection<String> agentIds) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (agentIds.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT l3_agent_id, COUNT(*) FROM routerl3agentbindings WHERE l3_agent_id IN (<ids>) GROUP BY l3_agent_id")
                .bindList("ids", List.copyOf(agentIds))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public void bind(Handle h, String routerId, String agentId) {
        h.createUpdate("INSERT INTO routerl3agentbindings (router_id, l3_agent_id) VALUES (:r, :a)")
                .bind("r", routerId).bind("a", agentId).execute();
    }

    /** Removes a router's binding; whether there was one. */
    public boolean unbind(Handle h, String routerId) {
        return h.createUpdate("DELETE FROM routerl3agentbindings WHERE router_id = :r").bind("r", routerId).execute() > 0;
    }

    /** Routers that need an agent (a gateway or an interface) and have none. */
    public List<String> unscheduledRouters(Handle h) {
        return h.createQuery("SELECT r.id FROM routers r WHERE (r.gw_port_id IS NOT NULL OR EXISTS "
                        + "(SELECT 1 FROM routerports rp WHERE rp.router_id = r.id)) "
                        + "AND NOT EXISTS (SELECT 1 FROM routerl3agentbindings b WHERE b.router_id = r.id) ORDER BY r.id")
                .mapTo(String.class).list();
    }

    /** The ports of routers, for binding them to their agent's host. */
    public List<String> portsOfRouters(Handle h, Collection<String> routerIds) {
        if (routerIds.isEmpty()) {
            return new ArrayList<>();
        }
        return h.createQuery("SELECT port_id FROM routerports WHERE router_id IN (<ids>) ORDER BY port_id")
                .bindList("ids", List.copyOf(routerIds)).mapTo(String.class).list();
    }
}
