package org.neutrino.server.services.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.agent.PortTrace;

/**
 * The router hops of a floating IP's path, from outside in: the association, the L3 agent, the
 * {@code qrouter-} namespace, the {@code qg-} device (with the floating address), the DNAT rule
 * to the fixed address and the SNAT rule back (with their packet counters), and the {@code qr-}
 * device of the fixed address's network. Pure.
 */
public final class RouterVerdicts {
    private RouterVerdicts() {
    }

    public static List<TraceHop> hops(TracedRouter router, AgentAnswer answer) {
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
            hops.add(deviceHop("router_gateway", DeviceNames.routerGateway(gw), host, trace, wanted));
        }, () -> hops.add(new TraceHop("router_gateway", "qg-", host, "a gateway on the external network", "the router has none",
                TraceHop.MISSING)));
        hops.add(natHop("dnat", host, trace, "-d " + floating + "/32 -j DNAT --to-destination " + fixed, "DNAT",
                "--to-destination " + fixed));
        hops.add(natHop("snat", host, trace, "-s " + fixed + "/32 ... -j SNAT --to-source " + floating, "SNAT",
                "-s " + fixed + "/32"));
        router.interfacePort().ifPresentOrElse(
                qr -> hops.add(deviceHop("router_interface", DeviceNames.routerInternal(qr), host, trace, router.interfaceIps())),
                () -> hops.add(new TraceHop("router_interface", "qr-", host, "an interface on the fixed address's network",
                        "the router has none", TraceHop.MISSING)));
        return hops;
    }

    /** A {@code qr-}/{@code qg-} device that must exist, be up and carry {@code wanted} (prefix lengths ignored for the gateway's own addresses). */
    private static TraceHop deviceHop(String kind, String name, String host, PortTrace trace, List<String> wanted) {
        Optional<PortTrace.Device> device = trace.devices().stream().filter(d -> d.name().equals(name)).findFirst();
        String expected = "up, " + String.join(" ", wanted);
        if (device.isEmpty()) {
            return new TraceHop(kind, name, host, expected, "absent", TraceHop.MISSING);
        }
        PortTrace.Device d = device.get();
        boolean addressed = wanted.stream().allMatch(w -> d.addresses().stream()
                .anyMatch(a -> a.equals(w) || (!w.contains("/") && a.startsWith(w + "/"))));
        return new TraceHop(kind, name, host, expected, (d.up() ? "up" : "down") + ", "
                + (d.addresses().isEmpty() ? "(no address)" : String.join(" ", d.addresses())),
                !d.up() ? TraceHop.DOWN : addressed ? TraceHop.OK : TraceHop.WRONG_ADDRESS);
    }

    /** A nat rule of {@code target} that must contain {@code mustContain} (the agent reported those naming the floating address). */
    private static TraceHop natHop(String kind, String host, PortTrace trace, String expected, String target, String mustContain) {
        List<PortTrace.Rule> ofTarget = trace.rules().stream().filter(r -> r.target().equals(target)).toList();
        List<PortTrace.Rule> right = ofTarget.stream().filter(r -> r.match().contains(mustContain)).toList();
        String observed = ofTarget.isEmpty() ? "no " + target + " rule for the floating address"
                : ofTarget.stream().map(r -> r.chain() + ": " + r.match() + " (" + r.packets() + " packets)").collect(Collectors.joining("; "));
        return new TraceHop(kind, target, host, expected, observed,
                right.isEmpty() ? (ofTarget.isEmpty() ? TraceHop.NO_RULE : TraceHop.WRONG_ADDRESS) : TraceHop.OK);
    }
}
