package org.neutrino.agent.l2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.BridgeFdb;
import org.neutrino.linux.Executor;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.Iptables;
import org.neutrino.linux.IptablesCounters;
import org.neutrino.linux.Link;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;

/**
 * The Linux bridge agent's answer to {@code trace_port}: what its host has for a port — the
 * {@code tap<port11>}, the {@code brq<net11>} and its members, the {@code vxlan-<VNI>} with its
 * local address and FDB, and the filter rules naming the tap with their counters. Reads only:
 * one {@code ip -d -j link}, one {@code bridge -j fdb} (when the VXLAN device exists) and one
 * {@code iptables-save -c -t filter}. Runs on the bus's threads, beside the agent's loop.
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
        return AgentJson.tree(trace(portId, networkId, vni));
    }

    PortTrace trace(String portId, String networkId, Optional<Integer> vni) {
        String tap = DeviceNames.tap(portId);
        String bridge = DeviceNames.bridge(networkId);
        Optional<String> vxlan = vni.map(DeviceNames::vxlan);
        List<Link> links = ip.links();
        Set<String> wanted = new TreeSet<>(List.of(tap, bridge));
        vxlan.ifPresent(wanted::add);
        List<PortTrace.Device> devices = new ArrayList<>();
        for (Link link : links) {
            if (wanted.contains(link.name()) || link.master().filter(bridge::equals).isPresent()) {
                List<PortTrace.Fdb> fdb = vxlan.filter(link.name()::equals).isPresent()
                        ? new BridgeFdb(executor).entries(link.name()).stream()
                                .map(e -> new PortTrace.Fdb(e.mac(), e.dst().orElse(null))).toList()
                        : List.of();
                devices.add(device(link, fdb));
            }
        }
        IptablesCounters counters = IptablesCounters.parse(new Iptables(executor).saveWithCounters("filter"));
        List<PortTrace.Rule> rules = counters.naming(tap).stream()
                .map(r -> new PortTrace.Rule(r.chain(), r.target(), r.packets(), r.match())).toList();
        Map<String, Integer> counts = counters.ruleCounts();
        List<PortTrace.Chain> chains = rules.stream().map(PortTrace.Rule::target).distinct()
                .filter(counts::containsKey).map(c -> new PortTrace.Chain(c, counts.get(c))).toList();
        return new PortTrace(host, AgentTopics.LINUXBRIDGE_AGENT_TYPE, devices, rules, chains, List.of(), List.of());
    }

    private static PortTrace.Device device(Link link, List<PortTrace.Fdb> fdb) {
        return new PortTrace.Device(link.name(), null, link.kind().orElse(null), link.up(), link.master().orElse(null),
                link.mac().orElse(null), List.of(), link.vxlan().map(v -> v.vni()).orElse(null),
                link.vxlan().flatMap(v -> v.local()).orElse(null), fdb);
    }
}
