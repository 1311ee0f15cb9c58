package org.neutrino.server.services.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;

/** Where a probe's echo requests stopped, from counters given directly. */
class TraceProbeTest {
    static final String QR_PORT = "2b3c4d5e-6f70-4b8c-9dae-1f2a3b4c5d6e";
    static final String PORT = "3c338602-d8a1-4b7e-9f00-1234567890ab";
    static final String NET = "5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

    static TracedPort port(String id, String host, boolean filtered) {
        return new TracedPort(id, NET, "fa:16:3e:00:00:01", List.of("10.0.0.5"), host, "ACTIVE", "vxlan", Optional.of(1001),
                Optional.of("192.0.2.11"), List.of(), filtered, List.of("sg1"), List.of(), false, Optional.empty(), Optional.empty());
    }

    static PortTrace.Device dev(String name, long rx, long tx) {
        return new PortTrace.Device(name, null, "veth", true, null, null, List.of(), null, null, List.of(), 3, null, null, rx, tx);
    }

    /** Counters where each point has moved by {@code moved[i]} packets (-1: the device or rule is gone). */
    static TraceProbe.Snapshot counters(long dnat, long qr, long qrTap, long vxlanOut, long vxlanIn, long sg, long tapTx, long tapRx) {
        PortTrace router = new PortTrace("net1", AgentTopics.L3_AGENT_TYPE, qr < 0 ? List.of() : List.of(dev("qr-2b3c4d5e-6f", 0, qr)),
                dnat < 0 ? List.of() : List.of(new PortTrace.Rule("neutrino-l3-OUTPUT", "DNAT", dnat, "-d 203.0.113.5/32 -j DNAT")),
                List.of(), List.of(), List.of());
        PortTrace routerHost = new PortTrace("net1", AgentTopics.LINUXBRIDGE_AGENT_TYPE,
                List.of(dev("tap2b3c4d5e-6f", qrTap, 0), dev("vxlan-1001", 0, vxlanOut)), List.of(), List.of(), List.of(), List.of());
        PortTrace portHost = new PortTrace("cmp1", AgentTopics.LINUXBRIDGE_AGENT_TYPE,
                List.of(dev("vxlan-1001", vxlanIn, 0), dev("tap3c338602-d8", tapRx, tapTx)),
                List.of(new PortTrace.Rule("neutrino-sg-chain", "neutrino-i3c338602-d", sg,
                        "-m physdev --physdev-out tap3c338602-d8 --physdev-is-bridged -j neutrino-i3c338602-d")),
                List.of(), List.of(), List.of());
        return new TraceProbe.Snapshot(Optional.of(router), Optional.of(routerHost), Optional.of(portHost));
    }

    static Map<String, Object> probe(TraceProbe.Snapshot after, int received) {
        TraceProbe.Snapshot before = counters(0, 0, 0, 0, 0, 0, 0, 0);
        List<ProbePoint> points = TraceProbe.points(port(QR_PORT, "net1", false), port(PORT, "cmp1", true), true, 5, before, after);
        return TraceProbe.render(new PortTrace.Ping("qrouter-r", "203.0.113.5", 5, received), "net1", points);
    }

    @Test
    void aProbeThatGoesAllTheWayWasSeenAtEveryPointInPathOrder() {
        Map<String, Object> probe = probe(counters(1, 6, 6, 5, 5, 5, 6, 5), 5);
        assertThat(probe.get("stopped_at")).isNull();
        assertThat(probe.get("last_seen")).isEqualTo("port tap3c338602-d8 (the instance's replies) on cmp1");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> points = (List<Map<String, Object>>) probe.get("points");
        assertThat(points).extracting(p -> p.get("kind") + "@" + p.get("host")).containsExactly("dnat@net1", "router_interface@net1",
                "tap@net1", "vxlan@net1", "vxlan@cmp1", "security_groups@cmp1", "tap@cmp1", "port@cmp1");
    }

    @Test
    void theProbeStopsWhereTheCountersStopMovingAndAFewArpPacketsDoNotCount() {
        // the bridge of the router's host is down: the veth's host end got them, the tunnel did not
        assertThat(probe(counters(1, 5, 5, 0, 0, 0, 2, 0), 0)).containsEntry("last_seen", "tap tap2b3c4d5e-6f on net1")
                .containsEntry("stopped_at", "vxlan vxlan-1001 on net1");
        // the port's filter drops them: its jump counted them, the tap did not hand them over (2 ARP frames did pass)
        assertThat(probe(counters(1, 5, 5, 5, 5, 5, 2, 1), 0)).containsEntry("last_seen", "security_groups sg1 on cmp1")
                .containsEntry("stopped_at", "tap tap3c338602-d8 on cmp1");
        // no DNAT rule: nothing left the router
        assertThat(probe(counters(-1, 0, 0, 0, 0, 0, 0, 0), 5)).containsEntry("stopped_at", "dnat OUTPUT DNAT on net1")
                .containsEntry("last_seen", null);
    }
}
