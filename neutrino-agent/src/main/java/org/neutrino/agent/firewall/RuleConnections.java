package org.neutrino.agent.firewall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.neutrino.linux.Conntrack;
import org.neutrino.linux.IpVersion;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/**
 * The connections a security-group rule let in for one port, as conntrack filters in the zone of
 * the port's network: what is to be deleted when the port no longer has the rule (Neutron's
 * {@code delete_conntrack_state_by_rule}, which matches the ethertype, the protocol and the
 * port's address only; here also the remote prefix and a single destination port, where
 * conntrack can match them exactly).
 *
 * <p>An ingress rule let in connections from the remote side to one of the port's addresses (fixed
 * IPs and allowed address pairs); an egress rule, from one of them to the remote side. What
 * conntrack cannot match exactly is left out of the filter, so more of the port's connections go
 * rather than a revoked one living on: a port range ({@code conntrack --dport} takes one port), a
 * remote group or address group (their members are in an ipset), ICMP types, and a protocol name
 * that is not one of Neutron's (all protocols then).
 */
final class RuleConnections {
    /** Neutron's protocol names ({@code neutron_lib.constants.IP_PROTOCOL_MAP}) by number; 0 is any. */
    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(
            Map.entry("ah", 51), Map.entry("dccp", 33), Map.entry("egp", 8), Map.entry("esp", 50),
            Map.entry("gre", 47), Map.entry("hopopt", 0), Map.entry("icmp", 1), Map.entry("igmp", 2),
            Map.entry("ip", 0), Map.entry("ipip", 4), Map.entry("ipv6-encap", 41), Map.entry("ipv6-frag", 44),
            Map.entry("ipv6-icmp", 58), Map.entry("icmpv6", 58), Map.entry("ipv6-nonxt", 59),
            Map.entry("ipv6-opts", 60), Map.entry("ipv6-route", 43), Map.entry("ospf", 89), Map.entry("pgm", 113),
            Map.entry("rsvp", 46), Map.entry("sctp", 132), Map.entry("tcp", 6), Map.entry("udp", 17),
            Map.entry("udplite", 136), Map.entry("vrrp", 112));
    /** The protocols whose connections conntrack matches by port: tcp, udp, dccp, sctp, udplite. */
    private static final Set<Integer> WITH_PORTS = Set.of(6, 17, 33, 132, 136);
    private static final int ICMP = 1;
    /** Above this, the filters of one address, direction and protocol are merged into one. */
    static final int MAX_FILTERS_PER_PROTOCOL = 16;
    private static final int ICMPV6 = 58;

    private RuleConnections() {
    }

    /**
     * The filters of the connections {@code rules} let in for {@code port}, tracked in
     * {@code zone}. More than {@value #MAX_FILTERS_PER_PROTOCOL} filters of one address, direction
     * and protocol become one filter of that address and protocol (Neutron's match): one
     * {@code conntrack -R} line costs about a table walk, and a group of 1,000 rules changed on
     * 200 ports would otherwise be 200,000 lines, over a minute of {@code conntrack}.
     */
    static Set<Conntrack.Flows> of(Collection<SecurityGroupInfo.Rule> rules, SecurityGroupInfo.PortFilter port, int zone) {
        Map<Conntrack.Flows, Set<Conntrack.Flows>> byProtocol = new TreeMap<>();
        for (SecurityGroupInfo.Rule rule : rules) {
            of(rule, port, zone, (coarse, exact) -> byProtocol.computeIfAbsent(coarse, c -> new TreeSet<>()).add(exact));
        }
        Set<Conntrack.Flows> out = new TreeSet<>();
        byProtocol.forEach((coarse, exact) -> {
            if (exact.size() > MAX_FILTERS_PER_PROTOCOL) {
                out.add(coarse);
            } else {
                out.addAll(exact);
            }
        });
        return out;
    }

    /**
     * Gives each filter of the connections {@code rule} let in for {@code port} with the filter
     * of every connection of the same address, direction and protocol.
     */
    private static void of(SecurityGroupInfo.Rule rule, SecurityGroupInfo.PortFilter port, int zone,
                           BiConsumer<Conntrack.Flows, Conntrack.Flows> coarseAndExact) {
        IpVersion version = versionOf(rule.ethertype());
        if (version == null) {
            return;
        }
        Integer protocol = protocol(rule.protocol(), version);
        Integer min = rule.portRangeMin();
        Integer max = rule.portRangeMax();
        Integer destinationPort = protocol != null && WITH_PORTS.contains(protocol) && min != null
                && (max == null || max.equals(min)) ? min : null;
        String remote = rule.remoteIpPrefix() == null || rule.remoteIpPrefix().endsWith("/0")
                || rule.remoteGroupId() != null || rule.remoteAddressGroupId() != null ? null : rule.remoteIpPrefix();
        boolean ingress = "ingress".equalsIgnoreCase(rule.direction());
        for (String address : addresses(port)) {
            if (IpVersion.of(address) == version) {
                if (ingress) {
                    coarseAndExact.accept(new Conntrack.Flows(zone, version, protocol, null, address, null),
                            new Conntrack.Flows(zone, version, protocol, remote, address, destinationPort));
                } else {
                    coarseAndExact.accept(new Conntrack.Flows(zone, version, protocol, address, null, null),
                            new Conntrack.Flows(zone, version, protocol, address, remote, destinationPort));
                }
            }
        }
    }

    /** The port's fixed IPs and allowed address pairs (the addresses its filter lets traffic use). */
    private static List<String> addresses(SecurityGroupInfo.PortFilter port) {
        List<String> out = new ArrayList<>(Objects.requireNonNullElse(port.fixedIps(), List.<String>of()));
        Objects.requireNonNullElse(port.allowedAddressPairs(), List.<SecurityGroupInfo.AddressPair>of())
                .forEach(pair -> out.add(pair.ipAddress()));
        return out;
    }

    private static IpVersion versionOf(String ethertype) {
        for (IpVersion version : IpVersion.values()) {
            if (SecurityGroupRuleArgs.ethertypeOf(version).equalsIgnoreCase(String.valueOf(ethertype))) {
                return version;
            }
        }
        return null;
    }

    /** The protocol number, {@code null} for any protocol (also for a name conntrack might not know). */
    private static Integer protocol(String name, IpVersion version) {
        if (name == null) {
            return null;
        }
        String key = name.strip().toLowerCase(Locale.ROOT);
        Integer number = key.chars().allMatch(Character::isDigit) && !key.isEmpty() && key.length() <= 3
                ? Integer.valueOf(key) : PROTOCOLS.get(key);
        if (number == null || number == 0 || number > 255) {
            return null;
        }
        return version == IpVersion.V6 && number == ICMP ? Integer.valueOf(ICMPV6) : number;
    }
}
