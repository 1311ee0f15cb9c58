package org.neutrino.server.services.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.agent.PortTrace;

/**
 * Compares what the model expects of a port's path ({@link TracedPort}) with what the agents
 * report ({@link PortTrace}) and gives every hop a verdict, in path order: the port, its host's
 * L2 agent, {@code tap…}, {@code brq…}, the flat/VLAN uplink (the physical interface or its VLAN
 * subinterface in the bridge) or {@code vxlan-<VNI>} and its flooding entry towards each peer
 * VTEP, the security-group chains (IPv4, and IPv6 when the port has an IPv6 address), then per
 * DHCP agent of the network its namespace, its {@code ns-} interface and the port's host entry.
 * Pure.
 */
public final class TraceVerdicts {
    private static final String FLOODING_MAC = "00:00:00:00:00:00";

    private TraceVerdicts() {
    }

    /**
     * @param l2   the answer of the L2 agent of the port's host (ignored when the port is unbound)
     * @param dhcp the answers of the network's DHCP agents, in the order of {@link TracedPort#dhcp()}
     */
    public static List<TraceHop> hops(TracedPort port, AgentAnswer l2, List<AgentAnswer> dhcp) {
        List<TraceHop> hops = new ArrayList<>();
        String portObserved = "binding:host_id " + (port.bound() ? port.host() : "(none)") + ", status " + port.status()
                + ", mac " + port.mac() + ", fixed_ips " + String.join(" ", port.fixedIps());
        hops.add(new TraceHop("port", port.portId(), port.bound() ? port.host() : "", "bound to a host, ACTIVE", portObserved,
                !port.bound() ? TraceHop.UNBOUND : "ACTIVE".equals(port.status()) ? TraceHop.OK : TraceHop.DOWN));
        if (port.bound()) {
            hostHops(port, l2, hops);
        }
        for (int i = 0; i < port.dhcp().size(); i++) {
            dhcpHops(port, port.dhcp().get(i), i < dhcp.size() ? dhcp.get(i) : AgentAnswer.noAgent(port.dhcp().get(i).host()), hops);
        }
        if (port.dhcp().isEmpty() && port.needsDhcp()) {
            hops.add(new TraceHop("dhcp_agent", "DHCP agent", "", "a DHCP agent serving network " + port.networkId(),
                    "no DHCP agent hosts the network", TraceHop.NO_AGENT));
        }
        return hops;
    }

    private static void hostHops(TracedPort port, AgentAnswer answer, List<TraceHop> hops) {
        hops.addAll(hostSide(port, answer));
        answer.trace().ifPresent(trace -> hops.add(securityGroupHop(port, trace, DeviceNames.tap(port.portId()))));
    }

    /**
     * The hops of a bound port on its host, without its filter: the L2 agent, {@code tap…},
     * {@code brq…}, and the uplink or {@code vxlan-<VNI>} with its flooding entries. For a
     * router's ports, the host side of the router (its {@code qr-}/{@code qg-} veths' host ends).
     */
    public static List<TraceHop> hostSide(TracedPort port, AgentAnswer answer) {
        List<TraceHop> hops = new ArrayList<>();
        String host = port.host();
        Optional<TraceHop> agentHop = agentHop("l2_agent", "Linux bridge agent", answer);
        hops.add(agentHop.orElseGet(() -> new TraceHop("l2_agent", "Linux bridge agent", host, "answers",
                "answered", TraceHop.OK)));
        if (answer.trace().isEmpty()) {
            return hops;
        }
        PortTrace trace = answer.trace().get();
        String tap = DeviceNames.tap(port.portId());
        String bridge = DeviceNames.bridge(port.networkId());
        hops.add(memberHop("tap", tap, host, bridge, device(trace, tap), Optional.empty()));

        Optional<PortTrace.Device> br = device(trace, bridge);
        String members = trace.devices().stream().filter(d -> bridge.equals(d.master())).map(PortTrace.Device::name)
                .sorted().collect(Collectors.joining(" "));
        hops.add(new TraceHop("bridge", bridge, host, "up",
                br.map(d -> (d.up() ? "up" : "down") + ", members: " + (members.isEmpty() ? "(none)" : members)).orElse("absent"),
                br.isEmpty() ? TraceHop.MISSING : !br.get().up() ? TraceHop.DOWN : TraceHop.OK));

        if (port.vxlan()) {
            String vxlan = DeviceNames.vxlan(port.segmentationId().get());
            Optional<PortTrace.Device> vx = device(trace, vxlan);
            hops.add(memberHop("vxlan", vxlan, host, bridge, vx, port.localIp()));
            for (String peer : port.peerVteps()) {
                boolean present = vx.map(d -> d.fdb().stream().anyMatch(f -> FLOODING_MAC.equals(f.mac()) && peer.equals(f.dst())))
                        .orElse(false);
                long unicast = vx.map(d -> d.fdb().stream().filter(f -> peer.equals(f.dst()) && !FLOODING_MAC.equals(f.mac())).count())
                        .orElse(0L);
                hops.add(new TraceHop("fdb", vxlan + " -> " + peer, host, FLOODING_MAC + " dst " + peer,
                        present ? "flooding entry, " + unicast + " unicast entr" + (unicast == 1 ? "y" : "ies")
                                : vx.isPresent() ? "no flooding entry towards " + peer : "no " + vxlan,
                        present ? TraceHop.OK : TraceHop.MISSING));
            }
        }
        if (port.provider()) {
            String physnet = port.physicalNetwork().get();
            hops.add(port.uplink().map(uplink -> memberHop("uplink", uplink, host, bridge, device(trace, uplink), Optional.empty()))
                    .orElseGet(() -> new TraceHop("uplink", "physnet " + physnet, host, "an interface of physical network " + physnet,
                            "the agent has no physical_interface_mappings entry for " + physnet, TraceHop.MISSING)));
        }
        return hops;
    }

    /** A device that must be up and a port of {@code bridge} (and, for VXLAN, on {@code localIp}). */
    private static TraceHop memberHop(String kind, String name, String host, String bridge, Optional<PortTrace.Device> device,
                                      Optional<String> localIp) {
        String expected = "up, in " + bridge + localIp.map(ip -> ", local " + ip).orElse("");
        if (device.isEmpty()) {
            return new TraceHop(kind, name, host, expected, "absent", TraceHop.MISSING);
        }
        PortTrace.Device d = device.get();
        String observed = (d.up() ? "up" : "down") + ", " + (d.master() == null ? "in no bridge" : "in " + d.master())
                + (d.localIp() != null ? ", local " + d.localIp() : "");
        String verdict = !d.up() ? TraceHop.DOWN
                : !bridge.equals(d.master()) ? TraceHop.WRONG_BRIDGE
                : localIp.isPresent() && !localIp.get().equals(d.localIp()) ? TraceHop.WRONG_ADDRESS
                : TraceHop.OK;
        return new TraceHop(kind, name, host, expected, observed, verdict);
    }

    /**
     * The port's filter: traffic to the VM ({@code --physdev-out tap}) and from it
     * ({@code --physdev-in tap}) must each be sent by a rule to a chain that has rules.
     */
    private static TraceHop securityGroupHop(TracedPort port, PortTrace trace, String tap) {
        String name = port.securityGroups().isEmpty() ? "(no security groups)" : String.join(" ", port.securityGroups());
        List<String> chains = trace.chains().stream().filter(c -> c.rules() > 0).map(PortTrace.Chain::name).toList();
        boolean ipv6 = port.fixedIps().stream().anyMatch(ip -> ip.contains(":"));
        StringBuilder observed = new StringBuilder();
        boolean filteredBothWays = true;
        for (int family : ipv6 ? List.of(4, 6) : List.of(4)) {
            List<PortTrace.Rule> jumps = trace.rules().stream().filter(r -> r.ipVersion() == family && chains.contains(r.target()))
                    .toList();
            boolean ingress = jumps.stream().anyMatch(r -> r.match().contains("--physdev-out " + tap + " "));
            boolean egress = jumps.stream().anyMatch(r -> r.match().contains("--physdev-in " + tap + " "));
            filteredBothWays &= ingress && egress;
            observed.append(observed.isEmpty() ? "" : "; ").append(ipv6 ? "IPv" + family + ": " : "")
                    .append(jumps.isEmpty() ? "no rule sends " + tap + "'s traffic to a chain with rules"
                            : jumps.stream().map(r -> r.chain() + " -> " + r.target() + " (" + rulesOf(trace, r.target()) + " rules, "
                                    + r.packets() + " packets)").distinct().collect(Collectors.joining("; ")))
                    .append(!jumps.isEmpty() && !ingress ? "; nothing filters the traffic to the port" : "")
                    .append(!jumps.isEmpty() && !egress ? "; nothing filters the traffic from the port" : "");
        }
        if (!port.filtered()) {
            return new TraceHop("security_groups", name, port.host(), "not filtered (port security off, a network port, "
                    + "or the agent's firewall_driver does not filter)", observed.toString(), TraceHop.UNFILTERED);
        }
        return new TraceHop("security_groups", name, port.host(), "the traffic to and from " + tap + " sent to chains of its own"
                + (ipv6 ? " (IPv4 and IPv6)" : ""), observed.toString(), filteredBothWays ? TraceHop.OK : TraceHop.NO_RULE);
    }

    private static int rulesOf(PortTrace trace, String chain) {
        return trace.chains().stream().filter(c -> c.name().equals(chain)).mapToInt(PortTrace.Chain::rules).findFirst().orElse(0);
    }

    private static void dhcpHops(TracedPort port, TracedPort.DhcpServer server, AgentAnswer answer, List<TraceHop> hops) {
        String host = server.host();
        hops.add(agentHop("dhcp_agent", "DHCP agent", answer).orElseGet(() -> new TraceHop("dhcp_agent", "DHCP agent", host,
                "answers", "answered", TraceHop.OK)));
        if (answer.trace().isEmpty()) {
            return;
        }
        PortTrace trace = answer.trace().get();
        String namespace = DeviceNames.dhcpNamespace(port.networkId());
        boolean nsPresent = trace.namespaces().contains(namespace);
        hops.add(new TraceHop("dhcp_namespace", namespace, host, "present", nsPresent ? "present" : "absent",
                nsPresent ? TraceHop.OK : TraceHop.MISSING));
        if (server.portId().isPresent()) {
            String device = DeviceNames.dhcpInterface(server.portId().get());
            Optional<PortTrace.Device> d = device(trace, device);
            String expected = "up, " + (server.addresses().isEmpty() ? "(no address)" : String.join(" ", server.addresses()));
            Predicate<String> assigned = ip -> d.get().addresses().stream().anyMatch(a -> a.equals(ip) || a.startsWith(ip + "/"));
            hops.add(new TraceHop("dhcp_interface", device, host, expected,
                    d.map(x -> (x.up() ? "up" : "down") + ", " + (x.addresses().isEmpty() ? "(no address)" : String.join(" ", x.addresses())))
                            .orElse("absent"),
                    d.isEmpty() ? TraceHop.MISSING : !d.get().up() ? TraceHop.DOWN
                            : !server.addresses().stream().allMatch(assigned) ? TraceHop.WRONG_ADDRESS : TraceHop.OK));
        }
        List<String> v4 = port.fixedIps().stream().filter(ip -> !ip.contains(":")).toList();
        String expected = v4.stream().map(ip -> port.mac() + ",...," + ip).collect(Collectors.joining(" "));
        String observed = trace.dhcpHosts().isEmpty() ? "no entry for " + port.mac() : String.join(" ", trace.dhcpHosts());
        String verdict = trace.dhcpHosts().isEmpty() ? TraceHop.MISSING
                : v4.stream().allMatch(ip -> trace.dhcpHosts().stream().anyMatch(l -> List.of(l.split(",")).contains(ip))) ? TraceHop.OK
                : TraceHop.WRONG_ADDRESS;
        hops.add(new TraceHop("dhcp_host_entry", port.mac(), host, expected.isEmpty() ? "an entry for " + port.mac() : expected,
                observed, verdict));
    }

    /** The hop of an agent that did not answer, empty when it did. */
    private static Optional<TraceHop> agentHop(String kind, String name, AgentAnswer answer) {
        if (answer.trace().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(answer.failure()
                .map(why -> new TraceHop(kind, name, answer.host(), "answers", "agent did not answer: " + why, TraceHop.NO_ANSWER))
                .orElseGet(() -> new TraceHop(kind, name, answer.host(), "an agent on the host", "no such agent registered",
                        TraceHop.NO_AGENT)));
    }

    private static Optional<PortTrace.Device> device(PortTrace trace, String name) {
        return trace.devices().stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
