package org.neutrino.agent.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.neutrino.linux.IpVersion;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/**
 * One security-group rule as iptables matches ({@code iptables-save} syntax, ending in
 * {@code -j RETURN}), for one IP version: a rule of the other ethertype gives nothing, a rule
 * naming a remote group or a remote address group matches that group's ipset.
 */
final class SecurityGroupRuleArgs {
    private static final Map<String, String> PROTOCOL_NUMBERS = Map.of("1", "icmp", "6", "tcp", "17", "udp",
            "58", "ipv6-icmp", "132", "sctp", "136", "udplite", "33", "dccp");
    private static final Set<String> WITH_PORTS = Set.of("tcp", "udp", "sctp", "udplite", "dccp");

    private SecurityGroupRuleArgs() {
    }

    /**
     * @param remoteSet the ipset a rule's remote group or address group has for a version, or
     *                  {@code null} when the rule names neither
     */
    static List<String> lines(SecurityGroupInfo.Rule rule, IpVersion version,
                              BiFunction<SecurityGroupInfo.Rule, IpVersion, String> remoteSet) {
        if (!ethertypeOf(version).equalsIgnoreCase(String.valueOf(rule.ethertype()))) {
            return List.of();
        }
        boolean ingress = "ingress".equalsIgnoreCase(rule.direction());
        String protocolArgs = protocolArgs(rule, version);
        String set = remoteSet.apply(rule, version);
        List<String> out = new ArrayList<>();
        if (set != null) {
            out.add(join("-m set --match-set " + set + (ingress ? " src" : " dst"), protocolArgs));
        } else if (rule.remoteIpPrefix() != null && !rule.remoteIpPrefix().endsWith("/0")) {
            out.add(join((ingress ? "-s " : "-d ") + rule.remoteIpPrefix(), protocolArgs));
        } else {
            out.add(join("", protocolArgs));
        }
        return out;
    }

    static String ethertypeOf(IpVersion version) {
        return version == IpVersion.V4 ? "IPv4" : "IPv6";
    }

    private static String join(String remote, String protocol) {
        String args = (remote + " " + protocol).strip();
        return (args.isEmpty() ? "" : args + " ") + "-j RETURN";
    }

    private static String protocolArgs(SecurityGroupInfo.Rule rule, IpVersion version) {
        String protocol = rule.protocol() == null ? null : rule.protocol().strip().toLowerCase(Locale.ROOT);
        if (protocol == null || protocol.isEmpty() || protocol.equals("any")) {
            return "";
        }
        protocol = PROTOCOL_NUMBERS.getOrDefault(protocol, protocol);
        if (version == IpVersion.V6 && (protocol.equals("icmp") || protocol.equals("icmpv6"))) {
            protocol = "ipv6-icmp";
        }
        Integer min = rule.portRangeMin();
        Integer max = rule.portRangeMax();
        StringBuilder args = new StringBuilder("-p " + protocol);
        if (WITH_PORTS.contains(protocol) && min != null) {
            args.append(" -m ").append(protocol).append(" --dport ").append(min);
            if (max != null && !max.equals(min)) {
                args.append(':').append(max);
            }
        } else if (protocol.equals("icmp") && min != null) {
            args.append(" -m icmp --icmp-type ").append(min).append(max == null ? "" : "/" + max);
        } else if (protocol.equals("ipv6-icmp") && min != null) {
            args.append(" -m icmp6 --icmpv6-type ").append(min).append(max == null ? "" : "/" + max);
        }
        return args.toString();
    }
}
