package org.neutrino.server.services.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;

/** The router hops of a floating IP, from a model and an L3 agent's answer given directly. */
class RouterVerdictsTest {
    static final String ROUTER = "7b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";
    static final String GW = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    static final String QR = "2b3c4d5e-6f70-4b8c-9dae-1f2a3b4c5d6e";
    static final String NS = "qrouter-" + ROUTER;
    static final String EXT_NET = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";
    static final String INT_NET = "6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0";
    static final List<PortTrace.RouteEntry> ROUTES = List.of(new PortTrace.RouteEntry("0.0.0.0/0", "203.0.113.1", "qg-1a2b3c4d-5e"),
            new PortTrace.RouteEntry("10.0.0.0/24", null, "qr-2b3c4d5e-6f"),
            new PortTrace.RouteEntry("203.0.113.0/24", null, "qg-1a2b3c4d-5e"));

    static TracedRouter router() {
        return new TracedRouter("203.0.113.5", Optional.of(ROUTER), Optional.of("net1"), Optional.of("10.0.0.5"),
                Optional.of(GW), List.of("203.0.113.2"), Optional.of(QR), List.of("10.0.0.1/24"), Optional.of(EXT_NET),
                Optional.of("203.0.113.1"), Optional.of(INT_NET), Optional.of("10.0.0.0/24"));
    }

    static PortTrace.Device dev(String name, boolean up, String... addresses) {
        return new PortTrace.Device(name, NS, "veth", up, null, null, List.of(addresses), null, null, List.of());
    }

    /** A device whose veth peer, found by index on the host, is {@code peer} in {@code master}. */
    static PortTrace.Device withPeer(PortTrace.Device d, String peer, String master) {
        return new PortTrace.Device(d.name(), d.namespace(), d.kind(), d.up(), d.master(), d.mac(), d.addresses(), null, null,
                List.of(), 7, peer, master, null, null);
    }

    static PortTrace healthy(List<PortTrace.Device> devices, List<PortTrace.Rule> rules) {
        return routed(devices, rules, ROUTES);
    }

    static PortTrace routed(List<PortTrace.Device> devices, List<PortTrace.Rule> rules, List<PortTrace.RouteEntry> routes) {
        return new PortTrace("net1", AgentTopics.L3_AGENT_TYPE, devices, rules, List.of(), List.of(NS), List.of(), routes, null);
    }

    static List<TraceHop> hops(TracedRouter router, AgentAnswer answer) {
        return RouterVerdicts.hops(router, answer, List.of(), List.of());
    }

    static final List<PortTrace.Device> DEVICES = List.of(
            withPeer(dev("qg-1a2b3c4d-5e", true, "203.0.113.2/24", "203.0.113.5/32"), "tap1a2b3c4d-5e", "brq5e6f7a8b-9c"),
            withPeer(dev("qr-2b3c4d5e-6f", true, "10.0.0.1/24"), "tap2b3c4d5e-6f", "brq6f7a8b9c-0d"));
    static final List<PortTrace.Rule> RULES = List.of(
            new PortTrace.Rule("neutrino-l3-PREROUTING", "DNAT", 3, "-d 203.0.113.5/32 -j DNAT --to-destination 10.0.0.5"),
            new PortTrace.Rule("neutrino-l3-POSTROUTING", "SNAT", 1, "-s 10.0.0.5/32 -o qg-1a2b3c4d-5e -j SNAT --to-source 203.0.113.5"));

    static List<String> verdicts(List<TraceHop> hops) {
        return hops.stream().map(h -> h.kind() + ":" + h.verdict()).toList();
    }

    @Test
    void aHealthyRouterPathIsOkFromOutsideIn() {
        List<TraceHop> hops = hops(router(), AgentAnswer.of(healthy(DEVICES, RULES)));
        assertThat(verdicts(hops)).containsExactly("floatingip:ok", "l3_agent:ok", "router_namespace:ok", "router_gateway:ok",
                "routes:ok", "dnat:ok", "snat:ok", "router_interface:ok");
        assertThat(hops.get(3).observed()).contains("veth peer tap1a2b3c4d-5e in brq5e6f7a8b-9c");
        assertThat(hops.get(5).observed()).contains("(3 packets)");
    }

    @Test
    void aFlushedDnatRuleAFloatingAddressOffTheGatewayAndADownInterfaceAreNamed() {
        List<TraceHop> hops = hops(router(), AgentAnswer.of(healthy(
                List.of(dev("qg-1a2b3c4d-5e", true, "203.0.113.2/24"), dev("qr-2b3c4d5e-6f", false, "10.0.0.1/24")),
                List.of(RULES.get(1)))));
        assertThat(verdicts(hops)).containsExactly("floatingip:ok", "l3_agent:ok", "router_namespace:ok",
                "router_gateway:wrong_address", "routes:ok", "dnat:no_rule", "snat:ok", "router_interface:down");
    }

    @Test
    void aDnatToAnotherAddressIsWrong() {
        List<TraceHop> hops = hops(router(), AgentAnswer.of(healthy(DEVICES, List.of(
                new PortTrace.Rule("neutrino-l3-PREROUTING", "DNAT", 0, "-d 203.0.113.5/32 -j DNAT --to-destination 10.0.0.9"),
                RULES.get(1)))));
        assertThat(hops.get(5).verdict()).isEqualTo(TraceHop.WRONG_ADDRESS);
    }

    @Test
    void aVethWhoseHostEndIsGoneOrInAnotherBridgeIsNamed() {
        PortTrace.Device qr = dev("qr-2b3c4d5e-6f", true, "10.0.0.1/24");
        List<TraceHop> orphan = hops(router(), AgentAnswer.of(healthy(List.of(DEVICES.get(0), withPeer(qr, null, null)), RULES)));
        assertThat(orphan.getLast().verdict()).isEqualTo(TraceHop.MISSING);
        assertThat(orphan.getLast().observed()).contains("veth peer index matches no device of the host");
        List<TraceHop> moved = hops(router(), AgentAnswer.of(healthy(
                List.of(DEVICES.get(0), withPeer(qr, "tap2b3c4d5e-6f", "brq5e6f7a8b-9c")), RULES)));
        assertThat(moved.getLast().verdict()).isEqualTo(TraceHop.WRONG_BRIDGE);
    }

    @Test
    void aMissingDefaultRouteOrOneViaAnotherGatewayIsNamed() {
        List<TraceHop> none = hops(router(), AgentAnswer.of(routed(DEVICES, RULES, ROUTES.subList(1, 3))));
        assertThat(none.get(4).kind() + ":" + none.get(4).verdict()).isEqualTo("routes:missing");
        List<TraceHop> elsewhere = hops(router(), AgentAnswer.of(routed(DEVICES, RULES, List.of(
                new PortTrace.RouteEntry("0.0.0.0/0", "203.0.113.9", "qg-1a2b3c4d-5e"), ROUTES.get(1)))));
        assertThat(elsewhere.get(4).verdict()).isEqualTo(TraceHop.WRONG_ADDRESS);
        assertThat(elsewhere.get(4).observed()).isEqualTo("default via 203.0.113.9 dev qg-1a2b3c4d-5e; 10.0.0.0/24 dev qr-2b3c4d5e-6f");
        List<TraceHop> noConnected = hops(router(), AgentAnswer.of(routed(DEVICES, RULES, List.of(ROUTES.get(0)))));
        assertThat(noConnected.get(4).verdict()).isEqualTo(TraceHop.MISSING);
    }

    @Test
    void noNamespaceNoAgentOrNoAssociationEndTheRouterHops() {
        PortTrace empty = new PortTrace("net1", AgentTopics.L3_AGENT_TYPE, List.of(), List.of(), List.of(), List.of(), List.of());
        assertThat(verdicts(hops(router(), AgentAnswer.of(empty))))
                .containsExactly("floatingip:ok", "l3_agent:ok", "router_namespace:missing");
        assertThat(verdicts(hops(router(), AgentAnswer.failed("net1", "RpcTimeoutException"))))
                .containsExactly("floatingip:ok", "l3_agent:no_answer");
        TracedRouter unscheduled = new TracedRouter("203.0.113.5", Optional.of(ROUTER), Optional.empty(), Optional.of("10.0.0.5"),
                Optional.of(GW), List.of(), Optional.of(QR), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThat(verdicts(hops(unscheduled, AgentAnswer.noAgent("")))).containsExactly("floatingip:ok", "l3_agent:no_agent");
        TracedRouter free = new TracedRouter("203.0.113.5", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThat(verdicts(hops(free, AgentAnswer.noAgent("")))).containsExactly("floatingip:missing");
    }
}
