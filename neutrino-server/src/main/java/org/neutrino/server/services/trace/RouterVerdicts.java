package org.neutrino.server.services.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.agent.PortTrace;

/**
 * The router hops of a floating IP's path, from outside in: the association, the L3 agent, the
 * {@code qrouter-} namespace, the {@code qg-} device (with the floating address, and its veth's
 * host end found by peer index: {@code tap<port11>} in the external network's {@code brq}), the
 * router's routes (default via the external subnet's gateway on {@code qg-}, the connected route
 * of the interface's subnet on {@code qr-}), the DNAT rule to the fixed address and the SNAT rule
 * back (with their packet counters), and the {@code qr-} device of the fixed address's network
 * (with its host end likewise). Pure.
 */
public final class RouterVerdicts {
    private RouterVerdicts() {
    }

    /**
     * @param gatewaySide   the host side of the gateway port, in path order from outside (uplink,
     *                      bridge, tap), placed before the router's namespace
     * @param interfaceSide the host side of the interface port (tap, bridge, VXLAN), placed after
     *                      the {@code qr-} device
     */
    public static List<TraceHop> hops(TracedRouter router, AgentAnswer answer, List<TraceHop> gatewaySide,
                                      List<TraceHop> interfaceSide) {
        List<TraceHop> hops = new ArrayList<>();
        String host = router.host().orElse("");
        boolean associated = router.routerId().isPresent() && router.fixedIp().isPresent();
        hops.add(new TraceHop("floatingip", router.floatingIp(), host, "associated with a port, through a router",
                associated ? "to " + router.fixedIp().get() + " through router " + router.routerId().get() : "not associated",
                associated ? TraceHop.OK : TraceHop.MISSING));
        if (!associated) {
            return hops;
        }
        if (router.host().isEmpty()) {
            hops.add(new TraceHop("l3_agent", "L3 agent", "", "an L3 agent hosting router " + router.routerId().get(),
                    "the router is scheduled to no L3 agent", TraceHop.NO_AGENT));
            return hops;
        }
        if (answer.trace().isEmpty()) {
            hops.add(new TraceHop("l3_agent", "L3 agent", host, "answers", answer.failure()
                    .map(why -> "agent did not answer: " + why).orElse("no such agent registered"),
                    answer.failure().isPresent() ? TraceHop.NO_ANSWER : TraceHop.NO_AGENT));
            return hops;
        }
        hops.add(new TraceHop("l3_agent", "L3 agent", host, "answers", "answered", TraceHop.OK));
        hops.addAll(gatewaySide);
        PortTrace trace = answer.trace().get();
        String namespace = DeviceNames.routerNamespace(router.routerId().get());
        boolean nsPresent = trace.namespaces().contains(namespace);
        hops.add(new TraceHop("router_namespace", namespace, host, "present", nsPresent ? "present" : "absent",
                nsPresent ? TraceHop.OK : TraceHop.MISSING));
        if (!nsPresent) {
            return hops;
        }
        String floating = router.floatingIp();
        String fixed = router.fixedIp().get();
        router.gatewayPortId().ifPresentOrElse(gw -> {
            List<String> wanted = new ArrayList<>(router.gatewayIps());
            wanted.add(floating + "/32");
            hops.add(deviceHop("router_gateway", DeviceNames.routerGateway(gw), host, trace, wanted,
                    DeviceNames.tap(gw), router.gatewayNetworkId().map(DeviceNames::bridge)));
        }, () -> hops.add(new TraceHop("router_gateway", "qg-", host, "a gateway on the external network", "the router has none",
                TraceHop.MISSING)));
        hops.add(routesHop(router, host, trace));
        hops.add(natHop("dnat", host, trace, "PREROUTING: -d " + floating + "/32 -j DNAT --to-destination " + fixed, "DNAT",
                "PREROUTING", "--to-destination " + fixed));
        hops.add(natHop("snat", host, trace, "POSTROUTING: -s " + fixed + "/32 ... -j SNAT --to-source " + floating, "SNAT",
                "POSTROUTING", "-s " + fixed + "/32"));
        router.interfacePort().ifPresentOrElse(
                qr -> hops.add(deviceHop("router_interface", DeviceNames.routerInternal(qr), host, trace, router.interfaceIps(),
                        DeviceNames.tap(qr), router.interfaceNetwork().map(DeviceNames::bridge))),
                () -> hops.add(new TraceHop("router_interface", "qr-", host, "an interface on the fixed address's network",
                        "the router has none", TraceHop.MISSING)));
        hops.addAll(interfaceSide);
        return hops;
    }

    /**
     * A {@code qr-}/{@code qg-} device that must exist, be up and carry {@code wanted} (prefix
     * lengths ignored for the gateway's own addresses), and whose veth peer — the host device
     * whose ifindex is its peer index — must be {@code hostEnd}, a port of {@code bridge}.
     */
    private static TraceHop deviceHop(String kind, String name, String host, PortTrace trace, List<String> wanted,
                                      String hostEnd, Optional<String> bridge) {
        Optional<PortTrace.Device> device = trace.devices().stream().filter(d -> d.name().equals(name)).findFirst();
        String expected = "up, " + String.join(" ", wanted) + ", veth peer " + hostEnd + bridge.map(b -> " in " + b).orElse("");
        if (device.isEmpty()) {
            return new TraceHop(kind, name, host, expected, "absent", TraceHop.MISSING);
        }
        PortTrace.Device d = device.get();
        boolean addressed = wanted.stream().allMatch(w -> d.addresses().stream()
                .anyMatch(a -> a.equals(w) || (!w.contains("/") && a.startsWith(w + "/"))));
        boolean peerKnown = d.ifindex() != null;
        String peer = !peerKnown ? "" : d.peer() == null ? ", veth peer index matches no device of the host"
                : ", veth peer " + d.peer() + (d.peerMaster() == null ? " in no bridge" : " in " + d.peerMaster());
        String verdict = !d.up() ? TraceHop.DOWN
                : !addressed ? TraceHop.WRONG_ADDRESS
                : peerKnown && !hostEnd.equals(d.peer()) ? TraceHop.MISSING
                : peerKnown && bridge.isPresent() && !bridge.get().equals(d.peerMaster()) ? TraceHop.WRONG_BRIDGE
                : TraceHop.OK;
        return new TraceHop(kind, name, host, expected, (d.up() ? "up" : "down") + ", "
                + (d.addresses().isEmpty() ? "(no address)" : String.join(" ", d.addresses())) + peer, verdict);
    }

    /** The router's routes: the default via the external subnet's gateway on {@code qg-}, the interface's subnet on {@code qr-}. */
    private static TraceHop routesHop(TracedRouter router, String host, PortTrace trace) {
        List<String> expected = new ArrayList<>();
        String verdict = TraceHop.OK;
        Optional<String> qg = router.gatewayPortId().map(DeviceNames::routerGateway);
        if (router.upstream().isPresent() && qg.isPresent()) {
            expected.add("default via " + router.upstream().get() + " dev " + qg.get());
            Optional<PortTrace.RouteEntry> dflt = trace.routes().stream().filter(r -> r.destination().equals("0.0.0.0/0")).findFirst();
            verdict = dflt.isEmpty() ? TraceHop.MISSING
                    : !router.upstream().get().equals(dflt.get().gateway()) || !qg.get().equals(dflt.get().device())
                    ? TraceHop.WRONG_ADDRESS : verdict;
        }
        Optional<String> qr = router.interfacePort().map(DeviceNames::routerInternal);
        if (router.interfaceCidr().isPresent() && qr.isPresent()) {
            String cidr = router.interfaceCidr().get();
            expected.add(cidr + " dev " + qr.get());
            Optional<PortTrace.RouteEntry> connected = trace.routes().stream().filter(r -> r.destination().equals(cidr)).findFirst();
            verdict = !verdict.equals(TraceHop.OK) ? verdict : connected.isEmpty() ? TraceHop.MISSING
                    : !qr.get().equals(connected.get().device()) ? TraceHop.WRONG_ADDRESS : verdict;
        }
        String observed = trace.routes().isEmpty() ? "no routes" : trace.routes().stream()
                .map(r -> (r.destination().equals("0.0.0.0/0") ? "default" : r.destination())
                        + (r.gateway() == null ? "" : " via " + r.gateway()) + (r.device() == null ? "" : " dev " + r.device()))
                .collect(Collectors.joining("; "));
        return new TraceHop("routes", DeviceNames.routerNamespace(router.routerId().orElseThrow()), host,
                expected.isEmpty() ? "(no route expected)" : String.join("; ", expected), observed, verdict);
    }

    /**
     * A nat rule of {@code target} in the router's chain ending in {@code chain} (the traffic from or
     * to outside) that must contain {@code mustContain}; the agent reported those naming the
     * floating address.
     */
    private static TraceHop natHop(String kind, String host, PortTrace trace, String expected, String target, String chain,
                                   String mustContain) {
        List<PortTrace.Rule> ofTarget = trace.rules().stream().filter(r -> r.target().equals(target) && r.chain().endsWith(chain))
                .toList();
        List<PortTrace.Rule> right = ofTarget.stream().filter(r -> r.match().contains(mustContain)).toList();
        String observed = ofTarget.isEmpty() ? "no " + target + " rule for the floating address"
                : ofTarget.stream().map(r -> r.chain() + ": " + r.match() + " (" + r.packets() + " packets)").collect(Collectors.joining("; "));
        return new TraceHop(kind, target, host, expected, observed,
                right.isEmpty() ? (ofTarget.isEmpty() ? TraceHop.NO_RULE : TraceHop.WRONG_ADDRESS) : TraceHop.OK);
    }
}
