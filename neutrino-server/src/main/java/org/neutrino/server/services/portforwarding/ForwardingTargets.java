package org.neutrino.server.services.portforwarding;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.l3.L3Store;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.plugins.CorePlugin;

/**
 * Where a forwarding of a floating IP may lead, as Neutron's {@code PFPlugin} checks it: a port the
 * caller may use (its project's, any for an admin; 404 otherwise), one of its IPv4 fixed addresses
 * (the first when none is named), on a subnet attached to a router whose gateway is on the floating
 * IP's network — the floating IP's router when it has one — and a port that has no floating IP of
 * its own.
 */
final class ForwardingTargets {
    private final CorePlugin core;
    private final L3Store l3;

    /** The internal end of a forwarding and the router that reaches it. */
    record Target(String portId, String ipAddress, String routerId) {
    }

    ForwardingTargets(CorePlugin core, L3Store l3) {
        this.core = core;
        this.l3 = l3;
    }

    static NeutronException badRequest(String message) {
        return NeutronException.badRequest("BadRequest", "Bad port_forwarding request: " + message + ".");
    }

    /** Resolves (and locks) {@code portId} for a forwarding of {@code floatingIp}; {@code ipAddress} may be null. */
    Target resolve(Handle h, RequestContext context, Map<String, Object> floatingIp, String portId, String ipAddress) {
        Map<String, Object> port = core.lockPort(h, portId)
                .filter(p -> context.isAdmin() || String.valueOf(context.projectId()).equals(p.get("project_id")))
                .orElseThrow(() -> NeutronException.notFound("PortNotFound", "Port " + portId + " could not be found."));
        List<Map<?, ?>> v4 = ((List<?>) port.get("fixed_ips")).stream().<Map<?, ?>>map(f -> (Map<?, ?>) f)
                .filter(f -> !String.valueOf(f.get("ip_address")).contains(":")).toList();
        if (v4.isEmpty()) {
            throw badRequest("Requested internal port " + portId + " must allocate an IPv4 address at least");
        }
        Map<?, ?> fixed = ipAddress == null ? v4.get(0) : v4.stream().filter(f -> ipAddress.equals(f.get("ip_address"))).findFirst()
                .orElseThrow(() -> badRequest("Requested internal IP address " + ipAddress + " is not suitable for internal neutron "
                        + "port " + portId + ", as its fixed_ips are " + v4));
        String subnetId = (String) fixed.get("subnet_id");
        String networkId = (String) floatingIp.get("floating_network_id");
        String routerId = l3.routersBetween(h, networkId, subnetId).stream().findFirst().orElseThrow(() -> badRequest(
                "External network " + networkId + " is not reachable from subnet " + subnetId + ". Cannot set Port forwarding for "
                        + "port " + portId + " with Floating IP " + floatingIp.get("id")));
        Object fipRouter = floatingIp.get("router_id");
        if (fipRouter != null && !fipRouter.equals(routerId)) {
            throw badRequest("The Floating IP " + floatingIp.get("id") + " had been set on router " + fipRouter
                    + ", the internal Neutron port " + portId + " can not reach it");
        }
        Optional<Map.Entry<String, String>> bound = h.createQuery("SELECT id, floating_ip_address FROM floatingips "
                        + "WHERE fixed_port_id = :p ORDER BY id").bind("p", portId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).findFirst();
        if (bound.isPresent()) {
            throw NeutronException.conflict("PortHasBindingFloatingIP", "Cannot create port forwarding to floating IP "
                    + bound.get().getValue() + " (" + bound.get().getKey() + ") with port " + portId + " using fixed IP "
                    + fixed.get("ip_address") + ", as that port already has a binding floating IP.");
        }
        return new Target(portId, (String) fixed.get("ip_address"), routerId);
    }
}
