package org.neutrino.server.services.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.agent.PortTrace;

/**
 * Where a probe's ping went: it is sent from the router's namespace towards the traced port (to
 * the floating address, through the router's {@code OUTPUT} DNAT, or to the fixed address), and
 * the counters the agents read before and after it show, point by point in path order, how far
 * the echo requests got — the DNAT rule, the {@code qr-} device, its veth's host end
 * {@code tap…}, the network's uplink or {@code vxlan-<VNI>} leaving the router's host and
 * arriving on the port's host, the port's security-group jump, the port's {@code tap…} towards
 * the instance and its replies. Device counters move for ARP and other traffic too, so a device
 * has seen the probe when it counted at least as many packets as were sent; a nat rule counts
 * one per connection. Pure.
 */
public final class TraceProbe {
    private TraceProbe() {
    }

    /** The counters of one moment: what the router's L3 agent, the router host's and the port host's L2 agents saw. */
    public record Snapshot(Optional<PortTrace> router, Optional<PortTrace> routerHost, Optional<PortTrace> portHost) {
    }

    /**
     * @param routerPort the router's interface port on the traced port's network
     * @param port       the traced port
     * @param viaDnat    whether the ping went to the floating address (through the DNAT rule)
     * @param sent       echo requests sent
     */
    public static List<ProbePoint> points(TracedPort routerPort, TracedPort port, boolean viaDnat, int sent, Snapshot before,
                                          Snapshot after) {
        int threshold = Math.max(sent, 1);
        List<ProbePoint> points = new ArrayList<>();
        String routerHost = routerPort.host();
        if (viaDnat) {
            points.add(point("dnat", "OUTPUT DNAT", routerHost, "rule", 1, before.router(), after.router(),
                    t -> t.rules().stream().filter(r -> r.target().equals("DNAT") && r.chain().endsWith("OUTPUT"))
                            .mapToLong(PortTrace.Rule::packets).reduce(Long::sum).orElse(-1)));
        }
        String qr = DeviceNames.routerInternal(routerPort.portId());
        points.add(device("router_interface", qr, routerHost, "tx", threshold, before.router(), after.router()));
        String qrTap = DeviceNames.tap(routerPort.portId());
        points.add(device("tap", qrTap, routerHost, "rx", threshold, before.routerHost(), after.routerHost()));
        if (!routerHost.equals(port.host())) {
            uplink(routerPort).ifPresent(u -> points.add(device(routerPort.vxlan() ? "vxlan" : "uplink", u, routerHost, "tx", threshold,
                    before.routerHost(), after.routerHost())));
            uplink(port).ifPresent(u -> points.add(device(port.vxlan() ? "vxlan" : "uplink", u, port.host(), "rx", threshold,
                    before.portHost(), after.portHost())));
        }
        String tap = DeviceNames.tap(port.portId());
        if (port.filtered()) {
            points.add(point("security_groups", String.join(" ", port.securityGroups()), port.host(), "rule", threshold,
                    before.portHost(), after.portHost(), t -> t.rules().stream()
                            .filter(r -> r.ipVersion() == 4 && r.match().contains("--physdev-out " + tap + " "))
                            .mapToLong(PortTrace.Rule::packets).reduce(Long::sum).orElse(-1)));
        }
        points.add(device("tap", tap, port.host(), "tx", threshold, before.portHost(), after.portHost()));
        points.add(device("port", tap, tap + " (the instance's replies)", port.host(), "rx", threshold, before.portHost(),
                after.portHost()));
        return points;
    }

    /** A probe that could not be sent, and why. */
    public static Map<String, Object> unavailable(String why) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", why);
        return out;
    }

    /** The probe as the trace shows it: the ping, the points, and the last point the echo requests reached. */
    public static Map<String, Object> render(PortTrace.Ping ping, String host, List<ProbePoint> points) {
        Optional<ProbePoint> lastSeen = Optional.empty();
        Optional<ProbePoint> stoppedAt = Optional.empty();
        for (ProbePoint p : points) {
            if (!p.seen()) {
                stoppedAt = Optional.of(p);
                break;
            }
            lastSeen = Optional.of(p);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", ping.namespace());
        out.put("host", host);
        out.put("to", ping.destination());
        out.put("sent", ping.sent());
        out.put("received", ping.received());
        out.put("last_seen", lastSeen.map(TraceProbe::where).orElse(null));
        out.put("stopped_at", stoppedAt.map(TraceProbe::where).orElse(null));
        out.put("points", points.stream().map(TraceProbe::render).toList());
        return out;
    }

    private static String where(ProbePoint p) {
        return p.kind() + " " + p.name() + " on " + p.host();
    }

    private static Map<String, Object> render(ProbePoint p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", p.kind());
        out.put("name", p.name());
        out.put("host", p.host());
        out.put("counter", p.counter());
        out.put("packets", p.packets());
        out.put("seen", p.seen());
        return out;
    }

    private static Optional<String> uplink(TracedPort port) {
        return port.vxlan() ? Optional.of(DeviceNames.vxlan(port.segmentationId().get())) : port.uplink();
    }

    private static ProbePoint device(String kind, String name, String host, String counter, long threshold,
                                     Optional<PortTrace> before, Optional<PortTrace> after) {
        return device(kind, name, name, host, counter, threshold, before, after);
    }

    /** The {@code counter} ({@code rx} or {@code tx}) of device {@code name}, shown as {@code label}. */
    private static ProbePoint device(String kind, String name, String label, String host, String counter, long threshold,
                                     Optional<PortTrace> before, Optional<PortTrace> after) {
        ToLongFunction<PortTrace> read = t -> t.devices().stream().filter(d -> d.name().equals(name)).findFirst()
                .map(d -> counter.equals("tx") ? d.txPackets() : d.rxPackets()).map(Long::longValue).orElse(-1L);
        return point(kind, label, host, counter, threshold, before, after, read);
    }

    private static ProbePoint point(String kind, String name, String host, String counter, long threshold,
                                    Optional<PortTrace> before, Optional<PortTrace> after, ToLongFunction<PortTrace> read) {
        return new ProbePoint(kind, name, host, counter, before.map(read::applyAsLong).orElse(-1L),
                after.map(read::applyAsLong).orElse(-1L), threshold);
    }
}
