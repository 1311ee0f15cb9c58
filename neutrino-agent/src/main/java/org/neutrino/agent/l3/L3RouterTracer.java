package org.neutrino.agent.l3;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Executor;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.IpNetns;
import org.neutrino.linux.Iptables;
import org.neutrino.linux.IptablesCounters;
import org.neutrino.linux.Link;
import org.neutrino.linux.LinkAddress;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;

/**
 * The L3 agent's answer to {@code trace_router}: whether the router's {@code qrouter-}
 * namespace exists, its {@code qr-}/{@code qg-} devices with their addresses, and the nat-table
 * rules naming the floating address (DNAT to it, SNAT from it) with their packet counters. Reads
 * only: one {@code ip netns list}, one {@code ip -d -j link} and one {@code ip -j address} in the
 * namespace, one {@code iptables-save -c -t nat} there.
 */
final class L3RouterTracer {
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
        return AgentJson.tree(trace(routerId, args.path("floating_ip_address").asText("")));
    }

    PortTrace trace(String routerId, String floatingAddress) {
        String namespace = DeviceNames.routerNamespace(routerId);
        if (!new IpNetns(executor).list().contains(namespace)) {
            return new PortTrace(host, AgentTopics.L3_AGENT_TYPE, List.of(), List.of(), List.of(), List.of(), List.of());
        }
        IpLib ip = new IpLib(executor).inNamespace(namespace);
        List<LinkAddress> addresses = ip.addresses();
        List<PortTrace.Device> devices = new ArrayList<>();
        for (Link l : ip.links()) {
            if (l.name().startsWith("qr-") || l.name().startsWith("qg-")) {
                devices.add(new PortTrace.Device(l.name(), namespace, l.kind().orElse(null), l.up(), l.master().orElse(null),
                        l.mac().orElse(null), addresses.stream().filter(a -> a.device().equals(l.name())).map(LinkAddress::address).toList(),
                        null, null, List.of()));
            }
        }
        List<PortTrace.Rule> rules = new ArrayList<>();
        if (!floatingAddress.isEmpty()) {
            IptablesCounters nat = IptablesCounters.parse(new Iptables(executor).inNamespace(namespace).saveWithCounters("nat"));
            Set<IptablesCounters.CountedRule> naming = new LinkedHashSet<>(nat.naming(floatingAddress + "/32"));
            naming.addAll(nat.naming(floatingAddress));
            naming.forEach(r -> rules.add(new PortTrace.Rule(r.chain(), r.target(), r.packets(), r.match())));
        }
        return new PortTrace(host, AgentTopics.L3_AGENT_TYPE, devices, rules, List.of(), List.of(namespace), List.of());
    }
}
