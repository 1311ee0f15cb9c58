package org.neutrino.server.services.l3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.l3.L3Store;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.plugins.CorePlugin;

/**
 * A router's gateway (ext-gw-mode): its port on an external network (device owner
 * {@code network:router_gateway}, owned by no project, as Neutron's) and whether it SNATs.
 */
final class RouterGateway {
    private static final RequestContext INTERNAL = RequestContext.admin("req-l3-gateway");

    private final CorePlugin core;
    private final L3Store store;
    private final boolean snatByDefault;

    RouterGateway(CorePlugin core, L3Store store, boolean snatByDefault) {
        this.core = core;
        this.store = store;
        this.snatByDefault = snatByDefault;
    }

    /**
     * Makes the router's gateway what {@code info} says ({@code null}: none), in {@code h}'s
     * transaction with the router's row locked; returns the router columns that change.
     *
     * @param host the host of the router's L3 agent, {@code ""} when it is not scheduled
     */
    Map<String, Object> apply(Handle h, Map<String, Object> router, Map<String, Object> info, String host) {
        String routerId = (String) router.get("id");
        String currentNetwork = (String) router.get("gw_network_id");
        Map<String, Object> changes = new HashMap<>();
        if (info == null) {
            if (currentNetwork != null) {
                remove(h, router);
                changes.put("gw_port_id", null);
                changes.put("gw_network_id", null);
            }
            return changes;
        }
        String networkId = (String) info.get("network_id");
        boolean snat = info.containsKey("enable_snat") ? (Boolean) info.get("enable_snat")
                : currentNetwork != null && networkId.equals(currentNetwork) ? (Boolean) router.get("enable_snat") : snatByDefault;
        changes.put("enable_snat", snat);
        if (networkId.equals(currentNetwork)) {
            if (info.containsKey("external_fixed_ips")) {
                core.updatePort(h, INTERNAL, (String) router.get("gw_port_id"), Map.of("fixed_ips", info.get("external_fixed_ips")));
            }
            return changes;
        }
        if (currentNetwork != null) {
            remove(h, router);
        }
        NeutronException notFound = NeutronException.notFound("NetworkNotFound", "Network " + networkId + " could not be found.");
        Map<String, Object> network = CoreTables.NETWORKS.findForUpdate(h, networkId).orElseThrow(() -> notFound);
        if (!store.isExternal(h, networkId)) {
            // Only a network the router's project may see is named as "not external": another
            // project's private network answers exactly like one that does not exist.
            if (!Boolean.TRUE.equals(network.get("shared")) && !network.get("project_id").equals(router.get("project_id"))) {
                throw notFound;
            }
            throw badRouterRequest("Network " + networkId + " is not an external network");
        }
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("network_id", networkId);
        port.put("project_id", "");
        port.put("tenant_id", "");
        port.put("name", "");
        port.put("device_owner", L3Store.GATEWAY);
        port.put("device_id", routerId);
        port.put("binding:host_id", host);
        if (info.containsKey("external_fixed_ips")) {
            port.put("fixed_ips", info.get("external_fixed_ips"));
        }
        Map<String, Object> created = core.createPort(h, INTERNAL, port);
        if (((List<?>) created.get("fixed_ips")).isEmpty()) {
            throw badRouterRequest("No IPs available for external network " + networkId);
        }
        store.addRouterPort(h, routerId, (String) created.get("id"), L3Store.GATEWAY);
        changes.put("gw_port_id", created.get("id"));
        changes.put("gw_network_id", networkId);
        return changes;
    }

    /** Deletes the gateway port; refused while floating IPs go through the router. */
    void remove(Handle h, Map<String, Object> router) {
        String routerId = (String) router.get("id");
        int fips = h.createQuery("SELECT COUNT(*) FROM floatingips WHERE router_id = :r").bind("r", routerId).mapTo(Integer.class).one();
        if (fips > 0) {
            throw NeutronException.conflict("RouterExternalGatewayInUseByFloatingIp", "Gateway cannot be updated for router "
                    + routerId + ", since a gateway to external network " + router.get("gw_network_id")
                    + " is required by one or more floating IPs.");
        }
        String portId = (String) router.get("gw_port_id");
        store.removeRouterPort(h, portId);
        core.deletePort(h, INTERNAL, portId);
    }

    /** Puts {@code external_gateway_info} into loaded router rows: one query whatever their number. */
    void render(Handle h, List<Map<String, Object>> rows) {
        List<String> portIds = rows.stream().map(r -> (String) r.get("gw_port_id")).filter(id -> id != null).toList();
        Map<String, List<Map<String, Object>>> addresses = new HashMap<>();
        if (!portIds.isEmpty()) {
            h.createQuery("SELECT port_id, subnet_id, ip_address FROM ipallocations WHERE port_id IN (<ids>) ORDER BY ip_address")
                    .bindList("ids", portIds)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), address(rs.getString(2), rs.getString(3))))
                    .forEach(e -> addresses.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        for (Map<String, Object> row : rows) {
            Object portId = row.get("gw_port_id");
            if (portId == null) {
                row.put(L3Attributes.GATEWAY_INFO, null);
                continue;
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("network_id", row.get("gw_network_id"));
            info.put("enable_snat", row.get("enable_snat"));
            info.put("external_fixed_ips", addresses.getOrDefault(portId, List.of()));
            row.put(L3Attributes.GATEWAY_INFO, info);
        }
    }

    private static Map<String, Object> address(String subnetId, String ipAddress) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subnet_id", subnetId);
        out.put("ip_address", ipAddress);
        return out;
    }

    /** Neutron's {@code BadRequest(resource='router')}. */
    static NeutronException badRouterRequest(String message) {
        return NeutronException.badRequest("BadRequest", "Bad router request: " + message + ".");
    }
}
