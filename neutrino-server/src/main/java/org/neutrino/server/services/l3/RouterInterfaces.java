package org.neutrino.server.services.l3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.l3.L3Store;
import org.neutrino.db.l3.L3Store.InterfaceAddress;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;
import org.neutrino.server.plugins.CorePlugin;

/**
 * {@code add_router_interface} and {@code remove_router_interface}, by subnet (a new port with
 * the subnet's gateway address) or by port (an unused port of the caller becomes the
 * interface). Each runs in one transaction with the router's row locked; the gateway address's
 * unique allocation makes two routers taking one subnet at once impossible.
 */
final class RouterInterfaces {
    private static final RequestContext INTERNAL = RequestContext.admin("req-l3-interfaces");

    private final Database database;
    private final CorePlugin core;
    private final L3Store store;
    private final RouterHandler routers;
    private final L3Scheduler scheduler;

    RouterInterfaces(Database database, CorePlugin core, L3Store store, RouterHandler routers, L3Scheduler scheduler) {
        this.database = database;
        this.core = core;
        this.store = store;
        this.routers = routers;
        this.scheduler = scheduler;
    }

    Map<String, Object> add(RequestContext context, Map<String, Object> router, Map<String, Object> body) {
        String routerId = (String) router.get("id");
        String subnetId = (String) body.get("subnet_id");
        String portId = (String) body.get("port_id");
        checkOneOf(subnetId, portId);
        return database.inTransaction(h -> {
            routers.lock(h, routerId);
            String host = scheduler.hostOf(h, routerId).orElse("");
            Map<String, Object> port = portId != null ? attachPort(h, context, routerId, portId, host)
                    : attachSubnet(h, context, routerId, subnetId, host);
            store.addRouterPort(h, routerId, (String) port.get("id"), L3Store.INTERFACE);
            routers.scheduleAndNotify(h, routerId);
            return info(routerId, port, subnetId);
        });
    }

    private Map<String, Object> attachPort(Handle h, RequestContext context, String routerId, String portId, String host) {
        Map<String, Object> port = core.lockPort(h, portId).filter(p -> mayUse(h, context, p.get("project_id"), null))
                .orElseThrow(() -> NeutronException.notFound("PortNotFound", "Port " + portId + " could not be found."));
        if (!"".equals(port.get("device_id")) || !"".equals(port.get("device_owner"))) {
            throw NeutronException.conflict("PortInUse", "Unable to complete operation on port " + portId + " for network "
                    + port.get("network_id") + ". Port already has an attached device " + port.get("device_id") + ".");
        }
        List<?> fixedIps = (List<?>) port.get("fixed_ips");
        if (fixedIps.isEmpty()) {
            throw RouterGateway.badRouterRequest("Router port must have at least one fixed IP");
        }
        for (Object fixedIp : fixedIps) {
            String subnetId = (String) ((Map<?, ?>) fixedIp).get("subnet_id");
            checkNewSubnet(h, routerId, subnetId, (String) CoreTables.SUBNETS.find(h, subnetId).orElseThrow().get("cidr"));
        }
        return core.updatePort(h, INTERNAL, portId, Map.of("device_owner", L3Store.INTERFACE, "device_id", routerId,
                "binding:host_id", host));
    }

    private Map<String, Object> attachSubnet(Handle h, RequestContext context, String routerId, String subnetId, String host) {
        Map<String, Object> subnet = core.getSubnet(h, subnetId)
                .filter(s -> mayUse(h, context, s.get("project_id"), (String) s.get("network_id")))
                .orElseThrow(() -> NeutronException.notFound("SubnetNotFound", "Subnet " + subnetId + " could not be found."));
        if (subnet.get("gateway_ip") == null) {
            throw RouterGateway.badRouterRequest("Subnet for router interface must have a gateway IP");
        }
        checkNewSubnet(h, routerId, subnetId, (String) subnet.get("cidr"));
        Map<String, Object> fixedIp = new LinkedHashMap<>();
        fixedIp.put("subnet_id", subnetId);
        fixedIp.put("ip_address", subnet.get("gateway_ip"));
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("network_id", subnet.get("network_id"));
        port.put("project_id", subnet.get("project_id"));
        port.put("tenant_id", subnet.get("project_id"));
        port.put("name", "");
        port.put("fixed_ips", List.of(fixedIp));
        port.put("device_owner", L3Store.INTERFACE);
        port.put("device_id", routerId);
        port.put("binding:host_id", host);
        return core.createPort(h, INTERNAL, port);
    }

    /** An admin may use anything; others their own subnets and ports, and subnets of their networks. */
    private static boolean mayUse(Handle h, RequestContext context, Object projectId, String networkId) {
        if (context.isAdmin()) {
            return true;
        }
        String caller = context.projectId();
        return caller != null && (caller.equals(projectId) || networkId != null
                && CoreTables.NETWORKS.find(h, networkId).map(n -> caller.equals(n.get("project_id"))).orElse(false));
    }

    /** The subnet must not be on the router yet, nor overlap one of its interfaces' subnets. */
    private void checkNewSubnet(Handle h, String routerId, String subnetId, String cidr) {
        Cidr wanted = Cidr.parse(cidr);
        for (InterfaceAddress existing : store.interfaceAddresses(h, routerId)) {
            if (existing.subnetId().equals(subnetId)) {
                throw RouterGateway.badRouterRequest("Router already has a port on subnet " + subnetId);
            }
            if (Cidr.parse(existing.cidr()).overlaps(wanted)) {
                throw RouterGateway.badRouterRequest("Cidr " + cidr + " of subnet " + subnetId + " overlaps with cidr "
                        + existing.cidr() + " of subnet " + existing.subnetId());
            }
        }
    }

    Map<String, Object> remove(RequestContext context, Map<String, Object> router, Map<String, Object> body) {
        String routerId = (String) router.get("id");
        String subnetId = (String) body.get("subnet_id");
        String portId = (String) body.get("port_id");
        if (subnetId == null && portId == null) {
            throw RouterGateway.badRouterRequest("Either subnet_id or port_id must be specified");
        }
        return database.inTransaction(h -> {
            Map<String, Object> locked = routers.lock(h, routerId);
            List<InterfaceAddress> addresses = store.interfaceAddresses(h, routerId);
            String removed = portId != null ? portId : addresses.stream().filter(a -> a.subnetId().equals(subnetId))
                    .map(InterfaceAddress::portId).findFirst()
                    .orElseThrow(() -> NeutronException.notFound("RouterInterfaceNotFoundForSubnet", "Router " + routerId
                            + " has no interface on subnet " + subnetId));
            List<InterfaceAddress> ofPort = addresses.stream().filter(a -> a.portId().equals(removed)).toList();
            if (!store.routerPorts(h, routerId, L3Store.INTERFACE).contains(removed)) {
                throw NeutronException.notFound("RouterInterfaceNotFound", "Router " + routerId
                        + " does not have an interface with id " + removed);
            }
            if (subnetId != null && ofPort.stream().noneMatch(a -> a.subnetId().equals(subnetId))) {
                throw NeutronException.badRequest("SubnetMismatchForPort", "Subnet on port " + removed
                        + " does not match the requested subnet " + subnetId + ".");
            }
            for (InterfaceAddress address : ofPort) {
                checkNotNeeded(h, routerId, address, (List<?>) locked.get("routes"));
            }
            Map<String, Object> port = core.getPort(h, removed).orElseThrow();
            store.removeRouterPort(h, removed);
            core.deletePort(h, INTERNAL, removed);
            routers.scheduleAndNotify(h, routerId);
            return info(routerId, port, subnetId);
        });
    }

    /** Floating IPs and extra routes that go through an interface's subnet keep it. */
    private static void checkNotNeeded(Handle h, String routerId, InterfaceAddress address, List<?> routes) {
        int fips = h.createQuery("SELECT COUNT(*) FROM floatingips f JOIN ipallocations ia ON ia.port_id = f.fixed_port_id "
                        + "AND ia.ip_address = f.fixed_ip_address WHERE f.router_id = :r AND ia.subnet_id = :s")
                .bind("r", routerId).bind("s", address.subnetId()).mapTo(Integer.class).one();
        if (fips > 0) {
            throw NeutronException.conflict("RouterInterfaceInUseByFloatingIP", "Router interface for subnet " + address.subnetId()
                    + " on router " + routerId + " cannot be deleted, as it is required by one or more floating IPs.");
        }
        if (ExtraRoutes.usesSubnet(routes, Cidr.parse(address.cidr()))) {
            throw NeutronException.conflict("RouterInterfaceInUseByRoute", "Router interface for subnet " + address.subnetId()
                    + " on router " + routerId + " cannot be deleted, as it is required by one or more routes.");
        }
    }

    private static void checkOneOf(String subnetId, String portId) {
        if (subnetId != null && portId != null) {
            throw RouterGateway.badRouterRequest("Cannot specify both subnet-id and port-id");
        }
        if (subnetId == null && portId == null) {
            throw RouterGateway.badRouterRequest("Either subnet_id or port_id must be specified");
        }
    }

    /** Neutron's answer: the router, the port, its network and subnets. */
    private static Map<String, Object> info(String routerId, Map<String, Object> port, String requestedSubnet) {
        List<String> subnetIds = ((List<?>) port.get("fixed_ips")).stream().map(f -> (String) ((Map<?, ?>) f).get("subnet_id")).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("network_id", port.get("network_id"));
        out.put("tenant_id", port.get("project_id"));
        out.put("subnet_id", requestedSubnet != null ? requestedSubnet : subnetIds.isEmpty() ? null : subnetIds.get(0));
        out.put("subnet_ids", subnetIds);
        out.put("port_id", port.get("id"));
        out.put("id", routerId);
        out.put("project_id", port.get("project_id"));
        return out;
    }
}
