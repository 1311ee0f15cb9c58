package org.neutrino.agent.l2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.BridgeFdb;
import org.neutrino.linux.Executor;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.IpVersion;
import org.neutrino.linux.Iptables;
import org.neutrino.linux.IptablesCounters;
import org.neutrino.linux.Link;
import org.neutrino.linux.PacketCounters;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;

/**
 * The Linux bridge agent's answer to {@code trace_port}: what its host has for a port — the
 * {@code tap<port11>}, the {@code brq<net11>} and its members, the {@code vxlan-<VNI>} with its
 * local address and FDB, the flat/VLAN uplink the server names ({@code uplink}: the physical
 * interface or its VLAN subinterface), and the filter rules naming the tap with their counters
 * (IPv6 too when {@code ipv6} is asked). Reads only: one {@code ip -d -j link}, one
 * {@code bridge -j fdb} (when the VXLAN device exists), one {@code iptables-save -c -t filter}
 * (and one {@code ip6tables-save}), and with {@code counters} one {@code ip -s -j link} for the
 * devices' packet counters (a probe's before and after). Runs on the bus's threads, beside the
 * agent's loop.
 */
final class LinuxBridgePortTracer {
    private final String host;
    private final Executor executor;
    private final IpLib ip;

    LinuxBridgePortTracer(String host, Executor executor) {
        this.host = host;
        this.executor = executor;
        this.ip = new IpLib(executor);
    }

    JsonNode handle(Message message) {
        if (!AgentTopics.TRACE_PORT.equals(message.method())) {
            throw new IllegalArgumentException("the Linux bridge agent has no method " + message.method());
        }
        JsonNode args = message.args();
        String portId = args.path("port_id").asText("");
        String networkId = args.path("network_id").asText("");
        if (portId.isEmpty() || networkId.isEmpty()) {
            throw new IllegalArgumentException("trace_port needs port_id and network_id");
        }
        Optional<Integer> vni = args.path("segmentation_id").isNumber()
                && "vxlan".equals(args.path("network_type").asText())
                ? Optional.of(args.path("segmentation_id").asInt()) : Optional.empty();
        Optional<String> uplink = Optional.of(args.path("uplink").asText("")).filter(u -> !u.isEmpty());
        return AgentJson.tree(trace(portId, networkId, vni, uplink, args.path("ipv6").asBoolean(false),
                args.path("counters").asBoolean(false)));
    }

    PortTrace trace(String portId, String networkId, Optional<Integer> vni, Optional<String> uplink, boolean ipv6,
                    boolean withCounters) {
        String tap = DeviceNames.tap(portId);
        String bridge = DeviceNames.bridge(networkId);
        Optional<String> vxlan = vni.map(DeviceNames::vxlan);
        List<Link> links = ip.links();
        Set<String> wanted = new TreeSet<>(List.of(tap, bridge));
        vxlan.ifPresent(wanted::add);
        uplink.ifPresent(wanted::add);
        Map<String, PacketCounters> packets = withCounters
                ? ip.packetCounters().stream().collect(Collectors.toMap(PacketCounters::device, c -> c, (a, b) -> a))
                : Map.of();
        List<PortTrace.Device> devices = new ArrayList<>();
        for (Link link : links) {
            if (wanted.contains(link.name()) || link.master().filter(bridge::equals).isPresent()) {
                List<PortTrace.Fdb> fdb = vxlan.filter(link.name()::equals).isPresent()
                        ? new BridgeFdb(executor).entries(link.name()).stream()
                                .map(e -> new PortTrace.Fdb(e.mac(), e.dst().orElse(null))).toList()
                        : List.of();
                devices.add(device(link, fdb, Optional.ofNullable(packets.get(link.name()))));
            }
        }
        List<PortTrace.Rule> rules = new ArrayList<>();
        List<PortTrace.Chain> chains = new ArrayList<>();
        filterRules(IpVersion.V4, tap, rules, chains);
        if (ipv6) {
            filterRules(IpVersion.V6, tap, rules, chains);
        }
        return new PortTrace(host, AgentTopics.LINUXBRIDGE_AGENT_TYPE, devices, rules, chains, List.of(), List.of());
    }

    /** The filter rules of {@code version} naming {@code tap}, and the chains they jump to. */
    private void filterRules(IpVersion version, String tap, List<PortTrace.Rule> rules, List<PortTrace.Chain> chains) {
        IptablesCounters counters = IptablesCounters.parse(new Iptables(executor).forVersion(version).saveWithCounters("filter"));
        int family = version == IpVersion.V4 ? 4 : 6;
        List<PortTrace.Rule> naming = counters.naming(tap).stream()
                .map(r -> new PortTrace.Rule(r.chain(), r.target(), r.packets(), r.match(), family)).toList();
        Map<String, Integer> counts = counters.ruleCounts();
        naming.stream().map(PortTrace.Rule::target).distinct().filter(counts::containsKey)
                .map(c -> new PortTrace.Chain(c, counts.get(c))).filter(c -> !chains.contains(c)).forEach(chains::add);
        rules.addAll(naming);
    }

    private static PortTrace.Device device(Link link, List<PortTrace.Fdb> fdb, Optional<PacketCounters> packets) {
        return new PortTrace.Device(link.name(), null, link.kind().orElse(null), link.up(), link.master().orElse(null),
                link.mac().orElse(null), List.of(), link.vxlan().map(v -> v.vni()).orElse(null),
                link.vxlan().flatMap(v -> v.local()).orElse(null), fdb, link.ifindex(), null, null,
                packets.map(PacketCounters::rxPackets).orElse(null), packets.map(PacketCounters::txPackets).orElse(null));
    }
}
