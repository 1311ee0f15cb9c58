package org.neutrino.agent.l3;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Executor;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.IpNetns;
import org.neutrino.linux.IpVersion;
import org.neutrino.linux.Iptables;
import org.neutrino.linux.IptablesCounters;
import org.neutrino.linux.Link;
import org.neutrino.linux.LinkAddress;
import org.neutrino.linux.PacketCounters;
import org.neutrino.linux.Ping;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;

/**
 * The L3 agent's answers about a router. {@code trace_router}: whether the router's
 * {@code qrouter-} namespace exists, its {@code qr-}/{@code qg-} devices with their addresses and,
 * as a person finds it ({@code ip -d link}'s peer index, then the host device with that ifindex),
 * the host end of each veth and its bridge; the namespace's IPv4 routes; the nat-table rules
 * naming the floating address (DNAT to it, SNAT from it) with their packet counters; with
 * {@code counters}, the devices' packet counters. {@code probe_router}: a few pings from the
 * namespace to {@code destination} (a floating address goes through the {@code OUTPUT} DNAT to
 * its fixed address), answered as {@link PortTrace#probe()}. Reads only, except for the pings.
 */
final class L3RouterTracer {
    private static final int MAX_PROBE_PACKETS = 10;
    private final String host;
    private final Executor executor;

    L3RouterTracer(String host, Executor executor) {
        this.host = host;
        this.executor = executor;
    }

    JsonNode handle(JsonNode args) {
        String routerId = args.path("router_id").asText("");
        if (routerId.isEmpty()) {
            throw new IllegalArgumentException("trace_router needs router_id");
        }
        return AgentJson.tree(trace(routerId, args.path("floating_ip_address").asText(""), args.path("counters").asBoolean(false)));
    }

    JsonNode probe(JsonNode args) {
        String routerId = args.path("router_id").asText("");
        String destination = args.path("destination").asText("");
        int count = args.path("count").asInt(3);
        if (routerId.isEmpty() || destination.isEmpty() || count < 1 || count > MAX_PROBE_PACKETS) {
            throw new IllegalArgumentException("probe_router needs router_id, destination and a count of 1.." + MAX_PROBE_PACKETS);
        }
        String namespace = DeviceNames.routerNamespace(routerId);
        PortTrace.Ping ping = new IpNetns(executor).list().contains(namespace)
                ? answered(namespace, destination, new Ping(executor).send(namespace, destination, count))
                : new PortTrace.Ping(namespace, destination, 0, 0);
        return AgentJson.tree(new PortTrace(host, AgentTopics.L3_AGENT_TYPE, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), ping));
    }

    private static PortTrace.Ping answered(String namespace, String destination, Ping.Result result) {
        return new PortTrace.Ping(namespace, destination, result.sent(), result.received());
    }

    PortTrace trace(String routerId, String floatingAddress, boolean withCounters) {
        String namespace = DeviceNames.routerNamespace(routerId);
        if (!new IpNetns(executor).list().contains(namespace)) {
            return new PortTrace(host, AgentTopics.L3_AGENT_TYPE, List.of(), List.of(), List.of(), List.of(), List.of());
        }
        IpLib ip = new IpLib(executor).inNamespace(namespace);
        List<LinkAddress> addresses = ip.addresses();
        Map<String, PacketCounters> packets = withCounters
                ? ip.packetCounters().stream().collect(Collectors.toMap(PacketCounters::device, c -> c, (a, b) -> a))
                : Map.of();
        List<Link> hostLinks = new IpLib(executor).links();
        List<PortTrace.Device> devices = new ArrayList<>();
        for (Link l : ip.links()) {
            if (l.name().startsWith("qr-") || l.name().startsWith("qg-")) {
                Optional<Link> peer = l.linkIndex().isPresent()
                        ? hostLinks.stream().filter(h -> h.ifindex() == l.linkIndex().getAsInt()).findFirst()
                        : Optional.empty();
                Optional<PacketCounters> counted = Optional.ofNullable(packets.get(l.name()));
                devices.add(new PortTrace.Device(l.name(), namespace, l.kind().orElse(null), l.up(), l.master().orElse(null),
                        l.mac().orElse(null), addresses.stream().filter(a -> a.device().equals(l.name())).map(LinkAddress::cidr).toList(),
                        null, null, List.of(), l.ifindex(), peer.map(Link::name).orElse(null), peer.flatMap(Link::master).orElse(null),
                        counted.map(PacketCounters::rxPackets).orElse(null), counted.map(PacketCounters::txPackets).orElse(null)));
            }
        }
        List<PortTrace.RouteEntry> routes = ip.routes(IpVersion.V4).stream()
                .map(r -> new PortTrace.RouteEntry(r.destination(), r.gateway().orElse(null), r.device().orElse(null))).toList();
        List<PortTrace.Rule> rules = new ArrayList<>();
        if (!floatingAddress.isEmpty()) {
            IptablesCounters nat = IptablesCounters.parse(new Iptables(executor).inNamespace(namespace).saveWithCounters("nat"));
            Set<IptablesCounters.CountedRule> naming = new LinkedHashSet<>(nat.naming(floatingAddress + "/32"));
            naming.addAll(nat.naming(floatingAddress));
            naming.forEach(r -> rules.add(new PortTrace.Rule(r.chain(), r.target(), r.packets(), r.match())));
        }
        return new PortTrace(host, AgentTopics.L3_AGENT_TYPE, devices, rules, List.of(), List.of(namespace), List.of(), routes, null);
    }
}
