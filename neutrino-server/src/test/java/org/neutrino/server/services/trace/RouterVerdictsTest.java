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

    static TracedRouter router() {
        return new TracedRouter("203.0.113.5", Optional.of(ROUTER), Optional.of("net1"), Optional.of("10.0.0.5"),
                Optional.of(GW), List.of("203.0.113.2"), Optional.of(QR), List.of("10.0.0.1/24"));
    }

    static PortTrace.Device dev(String name, boolean up, String... addresses) {
        return new PortTrace.Device(name, NS, "veth", up, null, null, List.of(addresses), null, null, List.of());
    }

    static PortTrace healthy(List<PortTrace.Device> devices, List<PortTrace.Rule> rules) {
        return new PortTrace("net1", AgentTopics.L3_AGENT_TYPE, devices, rules, List.of(), List.of(NS), List.of());
    }

    static final List<PortTrace.Device> DEVICES = List.of(dev("qg-1a2b3c4d-5e", true, "203.0.113.2/24", "203.0.113.5/32"),
            dev("qr-2b3c4d5e-6f", true, "10.0.0.1/24"));
    static final List<PortTrace.Rule> RULES = List.of(
            new PortTrace.Rule("neutrino-l3-PREROUTING", "DNAT", 3, "-d 203.0.113.5/32 -j DNAT --to-destination 10.0.0.5"),
            new PortTrace.Rule("neutrino-l3-POSTROUTING", "SNAT", 1, "-s 10.0.0.5/32 -o qg-1a2b3c4d-5e -j SNAT --to-source 203.0.113.5"));

    static List<String> verdicts(List<TraceHop> hops) {
        return hops.stream().map(h -> h.kind() + ":" + h.verdict()).toList();
    }

    @Test
    void aHealthyRouterPathIsOkFromOutsideIn() {
        List<TraceHop> hops = RouterVerdicts.hops(router(), AgentAnswer.of(healthy(DEVICES, RULES)));
        assertThat(verdicts(hops)).containsExactly("floatingip:ok", "l3_agent:ok", "router_namespace:ok", "router_gateway:ok",
                "dnat:ok", "snat:ok", "router_interface:ok");
        assertThat(hops.get(4).observed()).contains("(3 packets)");
    }

    @Test
    void aFlushedDnatRuleAFloatingAddressOffTheGatewayAndADownInterfaceAreNamed() {
        List<TraceHop> hops = RouterVerdicts.hops(router(), AgentAnswer.of(healthy(
                List.of(dev("qg-1a2b3c4d-5e", true, "203.0.113.2/24"), dev("qr-2b3c4d5e-6f", false, "10.0.0.1/24")),
                List.of(RULES.get(1)))));
        assertThat(verdicts(hops)).containsExactly("floatingip:ok", "l3_agent:ok", "router_namespace:ok",
                "router_gateway:wrong_address", "dnat:no_rule", "snat:ok", "router_interface:down");
    }

    @Test
    void aDnatToAnotherAddressIsWrong() {
        List<TraceHop> hops = RouterVerdicts.hops(router(), AgentAnswer.of(healthy(DEVICES, List.of(
                new PortTrace.Rule("neutrino-l3-PREROUTING", "DNAT", 0, "-d 203.0.113.5/32 -j DNAT --to-destination 10.0.0.9"),
                RULES.get(1)))));
        assertThat(hops.get(4).verdict()).isEqualTo(TraceHop.WRONG_ADDRESS);
    }

    @Test
    void noNamespaceNoAgentOrNoAssociationEndTheRouterHops() {
        PortTrace empty = new PortTrace("net1", AgentTopics.L3_AGENT_TYPE, List.of(), List.of(), List.of(), List.of(), List.of());
        assertThat(verdicts(RouterVerdicts.hops(router(), AgentAnswer.of(empty))))
                .containsExactly("floatingip:ok", "l3_agent:ok", "router_namespace:missing");
        assertThat(verdicts(RouterVerdicts.hops(router(), AgentAnswer.failed("net1", "RpcTimeoutException"))))
                .containsExactly("floatingip:ok", "l3_agent:no_answer");
        TracedRouter unscheduled = new TracedRouter("203.0.113.5", Optional.of(ROUTER), Optional.empty(), Optional.of("10.0.0.5"),
                Optional.of(GW), List.of(), Optional.of(QR), List.of());
        assertThat(verdicts(RouterVerdicts.hops(unscheduled, AgentAnswer.noAgent("")))).containsExactly("floatingip:ok", "l3_agent:no_agent");
        TracedRouter free = new TracedRouter("203.0.113.5", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), List.of());
        assertThat(verdicts(RouterVerdicts.hops(free, AgentAnswer.noAgent("")))).containsExactly("floatingip:missing");
    }
}
