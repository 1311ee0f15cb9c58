package org.neutrino.server.services.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;

/** The verdict of each hop, from a model and agents' answers given directly. */
class TraceVerdictsTest {
    static final String PORT = "3c338602-d8a1-4b7e-9f00-1234567890ab";
    static final String NET = "5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String DHCP_PORT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String TAP = "tap3c338602-d8";
    static final String BRQ = "brq5e1f0a2b-3c";
    static final String NS = "qdhcp-" + NET;
    static final String NS_DEV = "ns-9a8b7c6d-5e";
    static final String MAC = "fa:16:3e:00:00:01";

    static TracedPort port(boolean filtered) {
        return new TracedPort(PORT, NET, MAC, List.of("10.0.0.5"), "compute1", "ACTIVE", "vxlan", Optional.of(1001),
                Optional.of("192.0.2.11"), List.of("192.0.2.12"), filtered, List.of("sg1"),
                List.of(new TracedPort.DhcpServer("net1", Optional.of(DHCP_PORT), List.of("10.0.0.2"))), true, Optional.empty(),
                Optional.empty());
    }

    /** The port on a flat network of physical network {@code provider}, whose host maps it to {@code uplink}. */
    static TracedPort flatPort(Optional<String> uplink) {
        TracedPort p = port(true);
        return new TracedPort(p.portId(), p.networkId(), p.mac(), List.of("10.0.0.5", "2001:db8::5"), p.host(), p.status(), "flat",
                Optional.empty(), Optional.empty(), List.of(), true, p.securityGroups(), p.dhcp(), true, Optional.of("provider"), uplink);
    }

    static PortTrace.Device dev(String name, boolean up, String master) {
        return new PortTrace.Device(name, null, "veth", up, master, null, List.of(), null, null, List.of());
    }

    static PortTrace.Device vxlan(String local, List<PortTrace.Fdb> fdb) {
        return new PortTrace.Device("vxlan-1001", null, "vxlan", true, BRQ, null, List.of(), 1001, local, fdb);
    }

    static PortTrace healthyHost(UnaryOperator<List<PortTrace.Device>> change) {
        List<PortTrace.Device> devices = new ArrayList<>(List.of(dev(TAP, true, BRQ), dev(BRQ, true, null),
                vxlan("192.0.2.11", List.of(new PortTrace.Fdb("00:00:00:00:00:00", "192.0.2.12"),
                        new PortTrace.Fdb("fa:16:3e:00:00:09", "192.0.2.12")))));
        return new PortTrace("compute1", AgentTopics.LINUXBRIDGE_AGENT_TYPE, change.apply(devices),
                List.of(new PortTrace.Rule("neutrino-sg-chain", "neutrino-i3c338602-d", 12, "-m physdev --physdev-out " + TAP + " --physdev-is-bridged -j neutrino-i3c338602-d"),
                        new PortTrace.Rule("neutrino-FORWARD", "neutrino-sg-chain", 30, "-m physdev --physdev-in " + TAP + " --physdev-is-bridged -j neutrino-sg-chain")),
                List.of(new PortTrace.Chain("neutrino-i3c338602-d", 4), new PortTrace.Chain("neutrino-sg-chain", 2)),
                List.of(), List.of());
    }

    static PortTrace healthyDhcp() {
        return new PortTrace("net1", AgentTopics.DHCP_AGENT_TYPE,
                List.of(new PortTrace.Device(NS_DEV, NS, "veth", true, null, null, List.of("10.0.0.2/24"), null, null, List.of())),
                List.of(), List.of(), List.of(NS), List.of(MAC + ",host-10-0-0-5,10.0.0.5"));
    }

    static List<TraceHop> hops(TracedPort port, PortTrace host, PortTrace dhcp) {
        return TraceVerdicts.hops(port, AgentAnswer.of(host), List.of(AgentAnswer.of(dhcp)));
    }

    static String verdict(List<TraceHop> hops, String kind) {
        return hops.stream().filter(h -> h.kind().equals(kind)).findFirst().orElseThrow().verdict();
    }

    static List<String> broken(List<TraceHop> hops) {
        return hops.stream().filter(TraceHop::broken).map(h -> h.kind() + ":" + h.verdict()).toList();
    }

    @Test
    void aHealthyPathIsOkAtEveryHopInPathOrder() {
        List<TraceHop> hops = hops(port(true), healthyHost(d -> d), healthyDhcp());
        assertThat(hops).extracting(TraceHop::kind).containsExactly("port", "l2_agent", "tap", "bridge", "vxlan", "fdb",
                "security_groups", "dhcp_agent", "dhcp_namespace", "dhcp_interface", "dhcp_host_entry");
        assertThat(hops).allSatisfy(h -> assertThat(h.verdict()).as(h.toString()).isEqualTo(TraceHop.OK));
        assertThat(hops.get(3).observed()).isEqualTo("up, members: " + TAP + " vxlan-1001");
        assertThat(hops.get(6).observed()).contains("neutrino-sg-chain -> neutrino-i3c338602-d (4 rules, 12 packets)");
    }

    @Test
    void aMissingTapIsMissing() {
        List<TraceHop> hops = hops(port(true), healthyHost(d -> d.stream().filter(x -> !x.name().equals(TAP)).toList()), healthyDhcp());
        assertThat(broken(hops)).containsExactly("tap:missing");
    }

    @Test
    void aBridgeSetDownIsDown() {
        List<TraceHop> hops = hops(port(true), healthyHost(d -> d.stream()
                .map(x -> x.name().equals(BRQ) ? dev(BRQ, false, null) : x).toList()), healthyDhcp());
        assertThat(broken(hops)).containsExactly("bridge:down");
    }

    @Test
    void aTapOutsideItsBridgeIsOnTheWrongBridge() {
        List<TraceHop> hops = hops(port(true), healthyHost(d -> d.stream()
                .map(x -> x.name().equals(TAP) ? dev(TAP, true, "brqother") : x).toList()), healthyDhcp());
        assertThat(broken(hops)).containsExactly("tap:wrong_bridge");
        assertThat(hops.get(2).observed()).isEqualTo("up, in brqother");
    }

    @Test
    void aVxlanDeviceOnAnotherAddressAndWithoutTheFloodingEntryIsNamed() {
        List<TraceHop> hops = hops(port(true), healthyHost(d -> d.stream()
                .map(x -> x.name().equals("vxlan-1001") ? vxlan("192.0.2.99", List.of()) : x).toList()), healthyDhcp());
        assertThat(broken(hops)).containsExactly("vxlan:wrong_address", "fdb:missing");
    }

    @Test
    void aFilteredPortWithoutItsJumpsHasNoRule() {
        PortTrace host = healthyHost(d -> d);
        PortTrace withoutRules = new PortTrace(host.host(), host.agentType(), host.devices(), List.of(), List.of(), List.of(), List.of());
        assertThat(broken(hops(port(true), withoutRules, healthyDhcp()))).containsExactly("security_groups:no_rule");
        assertThat(verdict(hops(port(false), withoutRules, healthyDhcp()), "security_groups")).isEqualTo(TraceHop.UNFILTERED);
        // only the traffic from the port still reaches a chain of its own: the one to it is not filtered
        PortTrace egressOnly = new PortTrace(host.host(), host.agentType(), host.devices(), host.rules().subList(1, 2), host.chains(),
                List.of(), List.of());
        List<TraceHop> half = hops(port(true), egressOnly, healthyDhcp());
        assertThat(broken(half)).containsExactly("security_groups:no_rule");
        assertThat(half.get(6).observed()).endsWith("; nothing filters the traffic to the port");
    }

    @Test
    void dhcpHopsNameTheMissingNamespaceTheDownInterfaceAndTheWrongEntry() {
        PortTrace noNamespace = new PortTrace("net1", AgentTopics.DHCP_AGENT_TYPE, List.of(), List.of(), List.of(), List.of(), List.of());
        assertThat(broken(hops(port(true), healthyHost(d -> d), noNamespace)))
                .containsExactly("dhcp_namespace:missing", "dhcp_interface:missing", "dhcp_host_entry:missing");
        PortTrace wrong = new PortTrace("net1", AgentTopics.DHCP_AGENT_TYPE,
                List.of(new PortTrace.Device(NS_DEV, NS, "veth", false, null, null, List.of("10.0.0.2/24"), null, null, List.of())),
                List.of(), List.of(), List.of(NS), List.of(MAC + ",host-10-0-0-6,10.0.0.6"));
        assertThat(broken(hops(port(true), healthyHost(d -> d), wrong))).containsExactly("dhcp_interface:down", "dhcp_host_entry:wrong_address");
        PortTrace withOptions = new PortTrace("net1", AgentTopics.DHCP_AGENT_TYPE, healthyDhcp().devices(), List.of(), List.of(),
                List.of(NS), List.of(MAC + ",id:01:02,host-10-0-0-5,10.0.0.5,set:port-3c338602", MAC + ",tag:dhcpv6,set:port-3c338602"));
        assertThat(broken(hops(port(true), healthyHost(d -> d), withOptions))).as("a port with extra_dhcp_opts").isEmpty();
    }

    @Test
    void anAgentThatDoesNotAnswerEndsThatHostsHops() {
        List<TraceHop> hops = TraceVerdicts.hops(port(true), AgentAnswer.failed("compute1", "RpcTimeoutException: no reply"),
                List.of(AgentAnswer.noAgent("net1")));
        assertThat(broken(hops)).containsExactly("l2_agent:no_answer", "dhcp_agent:no_agent");
        assertThat(hops.get(1).observed()).isEqualTo("agent did not answer: RpcTimeoutException: no reply");
        assertThat(hops).hasSize(3);
    }

    @Test
    void anUnboundPortIsBrokenAtThePortAndAskedOfNoHost() {
        TracedPort p = port(true);
        TracedPort unbound = new TracedPort(p.portId(), p.networkId(), p.mac(), p.fixedIps(), "", "DOWN", p.networkType(),
                p.segmentationId(), Optional.empty(), List.of(), true, p.securityGroups(), List.of(), true, Optional.empty(),
                Optional.empty());
        List<TraceHop> hops = TraceVerdicts.hops(unbound, AgentAnswer.noAgent(""), List.of());
        assertThat(broken(hops)).containsExactly("port:unbound", "dhcp_agent:no_agent");
    }

    @Test
    void aFlatPortsUplinkMustBeUpInTheBridgeAndItsIpv6TrafficFilteredToo() {
        PortTrace host = healthyHost(d -> List.of(dev(TAP, true, BRQ), dev(BRQ, true, null), dev("eth2", true, BRQ)));
        List<PortTrace.Rule> both = new ArrayList<>(host.rules());
        host.rules().forEach(r -> both.add(new PortTrace.Rule(r.chain(), r.target(), r.packets(), r.match(), 6)));
        PortTrace dualStack = new PortTrace(host.host(), host.agentType(), host.devices(), both, host.chains(), List.of(), List.of());
        List<TraceHop> healthy = hops(flatPort(Optional.of("eth2")), dualStack, healthyDhcp());
        assertThat(healthy.stream().map(h -> h.kind() + ":" + h.verdict()).toList()).containsSubsequence("bridge:ok", "uplink:ok",
                "security_groups:ok");
        assertThat(verdict(healthy, "uplink")).isEqualTo(TraceHop.OK);

        assertThat(broken(hops(flatPort(Optional.of("eth2")), host, healthyDhcp()))).containsExactly("security_groups:no_rule");
        PortTrace outOfBridge = new PortTrace(host.host(), host.agentType(), List.of(dev(TAP, true, BRQ), dev(BRQ, true, null),
                dev("eth2", true, null)), both, host.chains(), List.of(), List.of());
        assertThat(broken(hops(flatPort(Optional.of("eth2")), outOfBridge, healthyDhcp()))).containsExactly("uplink:wrong_bridge");
        PortTrace noUplink = new PortTrace(host.host(), host.agentType(), List.of(dev(TAP, true, BRQ), dev(BRQ, true, null)), both,
                host.chains(), List.of(), List.of());
        assertThat(broken(hops(flatPort(Optional.of("eth2")), noUplink, healthyDhcp()))).containsExactly("uplink:missing");
        List<TraceHop> unmapped = hops(flatPort(Optional.empty()), dualStack, healthyDhcp());
        assertThat(broken(unmapped)).containsExactly("uplink:missing");
        assertThat(unmapped.stream().filter(h -> h.kind().equals("uplink")).findFirst().orElseThrow().observed())
                .contains("no physical_interface_mappings entry for provider");
    }
}
