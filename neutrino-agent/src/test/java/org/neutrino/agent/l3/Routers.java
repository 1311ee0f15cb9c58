package org.neutrino.agent.l3;

import java.util.List;
import org.neutrino.rpc.agent.RouterInfo;

/** RouterInfo records for the tests: one router with an internal subnet, a gateway and floating IPs. */
final class Routers {
    static final String ROUTER = "9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a";
    static final String NAMESPACE = "qrouter-" + ROUTER;
    static final String INTERNAL_PORT = "1a1a1a1a-0001-4000-8000-000000000001";
    static final String GATEWAY_PORT = "2b2b2b2b-0002-4000-8000-000000000002";
    static final String QR = "qr-1a1a1a1a-00";
    static final String QG = "qg-2b2b2b2b-00";
    static final String FIP1 = "f1f1f1f1-0001-4000-8000-000000000001";
    static final String FIP2 = "f2f2f2f2-0002-4000-8000-000000000002";

    private Routers() {
    }

    static RouterInfo.Port internalPort() {
        return new RouterInfo.Port(INTERNAL_PORT, "net-int", "fa:16:3e:00:01:01", 1450,
                List.of(new RouterInfo.Address("sub-int", "172.16.1.1", "172.16.1.0/24", "172.16.1.1", 4, null)));
    }

    static RouterInfo.Port gatewayPort() {
        return new RouterInfo.Port(GATEWAY_PORT, "net-ext", "fa:16:3e:00:02:02", 1500,
                List.of(new RouterInfo.Address("sub-ext", "203.0.113.2", "203.0.113.0/24", "203.0.113.1", 4, null)));
    }

    static RouterInfo.FloatingIp floatingIp(String id, String floating, String fixed) {
        return new RouterInfo.FloatingIp(id, floating, fixed, "vm-port-" + fixed);
    }

    static RouterInfo router(boolean enableSnat, List<RouterInfo.FloatingIp> floatingIps, List<RouterInfo.Route> routes) {
        return new RouterInfo(ROUTER, "r1", true, enableSnat, gatewayPort(), List.of(internalPort()), floatingIps,
                routes);
    }

    /** A forwarding of floating IP {@link #FIP2} (203.0.113.20): {@code protocol} port {@code external} → 172.16.1.5:{@code internal}. */
    static RouterInfo.PortForwarding forwarding(String protocol, int external, int internal) {
        return new RouterInfo.PortForwarding("pf-" + protocol + "-" + external, FIP2, "203.0.113.20", protocol, external, "172.16.1.5",
                internal);
    }

    /** {@link #withFloatingIp()} and port forwardings. */
    static RouterInfo withPortForwardings(RouterInfo.PortForwarding... forwardings) {
        RouterInfo r = withFloatingIp();
        return new RouterInfo(r.id(), r.name(), r.adminStateUp(), r.enableSnat(), r.gwPort(), r.interfaces(), r.floatingIps(),
                r.routes(), List.of(forwardings));
    }

    static RouterInfo withFloatingIp() {
        return router(true, List.of(floatingIp(FIP1, "203.0.113.10", "172.16.1.5")), List.of());
    }
}
