package org.neutrino.server.services.l3;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.agents.AgentStore;
import org.neutrino.db.l3.L3Store;
import org.neutrino.db.l3.L3Tables;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.RouterInfo;

/**
 * The L3 agents' calls on the server topic: {@code sync_routers} (the routers scheduled to the
 * agent of a host, each as a {@link RouterInfo}, read with six queries whatever their number) and
 * {@code update_floatingip_statuses}.
 */
final class L3Rpc {
    private final Database database;
    private final AgentStore agents;
    private final L3Store store;
    private final FloatingIpHandler floatingIps;

    L3Rpc(Database database, AgentStore agents, L3Store store, FloatingIpHandler floatingIps) {
        this.database = database;
        this.agents = agents;
        this.store = store;
        this.floatingIps = floatingIps;
    }

    /** {@code sync_routers {host, router_ids}} → {@code [RouterInfo]}. */
    JsonNode syncRouters(Message message) {
        String host = message.args().path("host").asText();
        JsonNode wanted = message.args().path("router_ids");
        List<RouterInfo> routers = database.read(h -> {
            List<String> ids = agents.byTypeAndHost(h, AgentTopics.L3_AGENT_TYPE, host)
                    .map(agent -> store.routersOfAgent(h, agent.id())).orElse(List.of());
            if (wanted.isArray()) {
                List<String> asked = new ArrayList<>();
                wanted.forEach(id -> asked.add(id.asText()));
                ids = ids.stream().filter(asked::contains).toList();
            }
            return ids.isEmpty() ? List.<RouterInfo>of() : routerInfos(h, ids);
        });
        return AgentJson.tree(routers);
    }

    private record PortRow(String routerId, String type, String id, String networkId, String mac, int mtu) {
    }

    private List<RouterInfo> routerInfos(Handle h, List<String> ids) {
        List<Map<String, Object>> rows = L3Tables.ROUTERS.list(h, ListQuery.all().and(L3Tables.ROUTERS.in("id", ids, "id")));
        List<PortRow> ports = h.createQuery("SELECT rp.router_id, rp.port_type, p.id, p.network_id, p.mac_address, n.mtu "
                        + "FROM routerports rp JOIN ports p ON p.id = rp.port_id JOIN networks n ON n.id = p.network_id "
                        + "WHERE rp.router_id IN (<ids>) ORDER BY p.created_at, p.id")
                .bindList("ids", ids)
                .map((rs, ctx) -> new PortRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6)))
                .list();
        Map<String, List<RouterInfo.Address>> addresses = new HashMap<>();
        h.createQuery("SELECT ia.port_id, ia.subnet_id, ia.ip_address, s.cidr, s.gateway_ip, s.ip_version, s.ipv6_ra_mode "
                        + "FROM routerports rp JOIN ipallocations ia ON ia.port_id = rp.port_id JOIN subnets s ON s.id = ia.subnet_id "
                        + "WHERE rp.router_id IN (<ids>) ORDER BY ia.ip_address")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString(1), new RouterInfo.Address(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7))))
                .forEach(e -> addresses.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, List<RouterInfo.FloatingIp>> fips = new HashMap<>();
        h.createQuery("SELECT id, floating_ip_address, fixed_ip_address, fixed_port_id, router_id FROM floatingips "
                        + "WHERE router_id IN (<ids>) AND fixed_port_id IS NOT NULL ORDER BY floating_ip_address")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString(5), new RouterInfo.FloatingIp(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4))))
                .forEach(e -> fips.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, List<RouterInfo.PortForwarding>> forwardings = new HashMap<>();
        h.createQuery("SELECT f.router_id, pf.id, f.id, f.floating_ip_address, pf.protocol, pf.external_port, pf.internal_ip_address, "
                        + "pf.internal_port FROM portforwardings pf JOIN floatingips f ON f.id = pf.floatingip_id "
                        + "WHERE f.router_id IN (<ids>) ORDER BY f.floating_ip_address, pf.protocol, pf.external_port")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString(1), new RouterInfo.PortForwarding(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getInt(8))))
                .forEach(e -> forwardings.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, RouterInfo.Port> gateways = new HashMap<>();
        Map<String, List<RouterInfo.Port>> interfaces = new LinkedHashMap<>();
        for (PortRow port : ports) {
            RouterInfo.Port info = new RouterInfo.Port(port.id(), port.networkId(), port.mac(), port.mtu(),
                    addresses.getOrDefault(port.id(), List.of()));
            if (port.type().equals(L3Store.GATEWAY)) {
                gateways.put(port.routerId(), info);
            } else {
                interfaces.computeIfAbsent(port.routerId(), k -> new ArrayList<>()).add(info);
            }
        }
        List<RouterInfo> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String id = (String) row.get("id");
            List<RouterInfo.Route> routes = ((List<?>) row.get("routes")).stream().map(r -> (Map<?, ?>) r)
                    .map(r -> new RouterInfo.Route((String) r.get("destination"), (String) r.get("nexthop"))).toList();
            out.add(new RouterInfo(id, (String) row.get("name"), (Boolean) row.get("admin_state_up"), (Boolean) row.get("enable_snat"),
                    gateways.get(id), interfaces.getOrDefault(id, List.of()), fips.getOrDefault(id, List.of()), routes,
                    forwardings.getOrDefault(id, List.of())));
        }
        return out;
    }

    /** {@code update_floatingip_statuses {router_id, fip_statuses: {id: status}}} → {@code null}. */
    JsonNode updateFloatingIpStatuses(Message message) {
        Map<String, String> statuses = new LinkedHashMap<>();
        message.args().path("fip_statuses").fields().forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asText()));
        floatingIps.updateStatuses(message.args().path("router_id").asText(), statuses);
        return null;
    }
}
