package org.neutrino.server.services.l3;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.l3.L3Store;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;

/**
 * The extraroute checks, as Neutron's {@code extraroute_db}: at most {@code max_routes}, each
 * next hop on a subnet the router is connected to and not one of the router's own addresses.
 */
final class ExtraRoutes {
    private final L3Store store;
    private final int maxRoutes;

    ExtraRoutes(L3Store store, int maxRoutes) {
        this.store = store;
        this.maxRoutes = maxRoutes;
    }

    /** Checks the routes a router would have, in {@code h}'s transaction with its row locked. */
    void validate(Handle h, String routerId, List<?> routes) {
        if (routes.size() > maxRoutes) {
            throw NeutronException.badRequest("RoutesExhausted", "Unable to complete operation for " + routerId
                    + ". The number of routes exceeds the maximum " + maxRoutes + ".");
        }
        List<Cidr> connected = store.connectedCidrs(h, routerId).stream().map(Cidr::parse).toList();
        List<String> own = h.createQuery("SELECT ia.ip_address FROM routerports rp JOIN ipallocations ia ON ia.port_id = rp.port_id "
                + "WHERE rp.router_id = :r").bind("r", routerId).mapTo(String.class).list();
        for (Object route : routes) {
            IpAddress nexthop = IpAddress.parse((String) ((Map<?, ?>) route).get("nexthop"));
            if (connected.stream().noneMatch(c -> c.contains(nexthop))) {
                throw invalid(routes, "the nexthop is not connected with router");
            }
            if (own.stream().map(IpAddress::parse).anyMatch(nexthop::equals)) {
                throw invalid(routes, "the nexthop is used by router");
            }
        }
    }

    /** Whether one of {@code routes} goes through an address of {@code cidr} (an interface then cannot go). */
    static boolean usesSubnet(List<?> routes, Cidr cidr) {
        return routes.stream().anyMatch(r -> cidr.contains(IpAddress.parse((String) ((Map<?, ?>) r).get("nexthop"))));
    }

    private static NeutronException invalid(List<?> routes, String reason) {
        return NeutronException.badRequest("InvalidRoutes", "Invalid format for routes: " + routes + ", " + reason + ".");
    }
}
