package org.neutrino.agent.firewall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.IpVersion;
import org.neutrino.linux.IptablesJump;
import org.neutrino.linux.IptablesTable;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/**
 * The iptables state that filters a host's ports, after Neutron's iptables firewall for Linux
 * bridges, for one IP version: bridged traffic ({@code br_netfilter}) of each tap is matched with
 * {@code physdev} and sent through per-port chains, {@code <prefix>i<port10>} (to the VM),
 * {@code <prefix>o<port10>} (from the VM) and {@code <prefix>s<port10>} (anti-spoofing: the
 * port's MAC with its fixed IPs and allowed address pairs). A chain RETURNs what a rule allows,
 * and ends in {@code <prefix>sg-fallback} (DROP); {@code <prefix>sg-chain} ACCEPTs what both
 * ends returned. Stateful groups accept RELATED/ESTABLISHED and drop INVALID; a port whose
 * groups are stateless is made untracked ({@code CT --notrack} in the raw table), and every other
 * packet of a network is tracked in the network's conntrack zone ({@code -i brq… -j CT --zone N},
 * also in the raw table), so that ESTABLISHED never means another network's connection. A port with
 * port security off, or trusted as Neutron trusts them (a {@code device_owner} starting with
 * {@code network:}: DHCP and router ports), is accepted as it is, after the filtered ports'
 * jumps, so its peers' filters still apply.
 *
 * <p>Pure: the same input gives the same text, so a golden file can pin it.
 */
final class IptablesFirewallRules {
    /** ICMPv6 a VM needs to receive: MLD query/report/done, router advertisement, neighbour solicitation/advertisement. */
    private static final List<Integer> ICMPV6_INGRESS = List.of(130, 131, 132, 134, 135, 136);
    /** ICMPv6 a VM sends from :: during duplicate address detection: MLD report, NS, MLDv2 report. */
    private static final List<Integer> ICMPV6_FROM_UNSPECIFIED = List.of(131, 135, 143);

    /** Ports whose owner starts so are trusted, as in Neutron (only admins and the services may set it). */
    private static final String NETWORK_OWNER_PREFIX = "network:";

    private final String prefix;

    /** @param prefix the start of every chain name, e.g. {@code neutrino-} */
    IptablesFirewallRules(String prefix) {
        this.prefix = prefix;
    }

    String forwardChain() {
        return prefix + "FORWARD";
    }

    String inputChain() {
        return prefix + "INPUT";
    }

    String sgChain() {
        return prefix + "sg-chain";
    }

    String fallbackChain() {
        return prefix + "sg-fallback";
    }

    /**
     * The raw table's chain: a stateless port's traffic untracked, then each network's bridged
     * traffic ({@code -i brq…}) tracked in the network's conntrack zone.
     */
    String preroutingChain() {
        return prefix + "PREROUTING";
    }

    String ingressChain(SecurityGroupInfo.PortFilter port) {
        return prefix + "i" + port10(port);
    }

    String egressChain(SecurityGroupInfo.PortFilter port) {
        return prefix + "o" + port10(port);
    }

    String spoofChain(SecurityGroupInfo.PortFilter port) {
        return prefix + "s" + port10(port);
    }

    /**
     * The ipset of a rule's remote members of one version, or {@code null} when it names none:
     * {@code sg4-}/{@code sg6-} and 25 characters of a remote group's id, {@code ag4-}/{@code ag6-}
     * and 25 characters of a remote address group's id.
     */
    static String remoteSet(SecurityGroupInfo.Rule rule, IpVersion version) {
        if (rule.remoteGroupId() != null) {
            return setName("sg", rule.remoteGroupId(), version);
        }
        return rule.remoteAddressGroupId() == null ? null : setName("ag", rule.remoteAddressGroupId(), version);
    }

    private static String setName(String kind, String id, IpVersion version) {
        return kind + (version == IpVersion.V4 ? "4-" : "6-") + (id.length() > 25 ? id.substring(0, 25) : id);
    }

    /**
     * The remote groups and address groups whose ipset of {@code version} the ports' rules match,
     * each id with its set name.
     */
    Map<String, String> remoteGroups(Collection<SecurityGroupInfo.PortFilter> ports,
                                     Map<String, SecurityGroupInfo.Group> groups, IpVersion version) {
        Map<String, String> out = new TreeMap<>();
        forEachRemoteSet(ports, groups, version, (port, remote, set) -> out.put(remote, set));
        return out;
    }

    /** The ipsets of {@code version} the ports' rules match, each with the bridges of the ports that match it. */
    Map<String, Set<String>> bridgesBySet(Collection<SecurityGroupInfo.PortFilter> ports,
                                          Map<String, SecurityGroupInfo.Group> groups, IpVersion version) {
        Map<String, Set<String>> out = new TreeMap<>();
        forEachRemoteSet(ports, groups, version, (port, remote, set) -> {
            String bridge = bridgeOf(port);
            if (bridge != null) {
                out.computeIfAbsent(set, s -> new TreeSet<>()).add(bridge);
            }
        });
        return out;
    }

    private interface RemoteSetUse {
        void accept(SecurityGroupInfo.PortFilter port, String remoteId, String set);
    }

    private static void forEachRemoteSet(Collection<SecurityGroupInfo.PortFilter> ports,
                                         Map<String, SecurityGroupInfo.Group> groups, IpVersion version, RemoteSetUse use) {
        for (SecurityGroupInfo.PortFilter port : ports) {
            if (!filtered(port)) {
                continue;
            }
            for (SecurityGroupInfo.Rule rule : rulesOf(port, groups)) {
                String set = remoteSet(rule, version);
                if (set != null && SecurityGroupRuleArgs.ethertypeOf(version).equalsIgnoreCase(String.valueOf(rule.ethertype()))) {
                    use.accept(port, rule.remoteGroupId() != null ? rule.remoteGroupId() : rule.remoteAddressGroupId(), set);
                }
            }
        }
    }

    /** The bridge a port is plugged into: its network's {@code brq…} ({@code null} for a port of no known network). */
    static String bridgeOf(SecurityGroupInfo.PortFilter port) {
        return port.networkId() == null ? null : DeviceNames.bridge(port.networkId());
    }

    /**
     * The filter and raw tables for {@code ports} (in device order), with the rules of
     * {@code groups}, each network's traffic tracked in its zone of {@code zones} (bridge → zone;
     * a bridge without one is tracked in the default zone 0). The untracking of stateless ports
     * comes first: the first {@code CT} target a packet meets is the one that counts.
     */
    List<IptablesTable> tables(Collection<SecurityGroupInfo.PortFilter> ports,
                               Map<String, SecurityGroupInfo.Group> groups, IpVersion version, Map<String, Integer> zones) {
        List<SecurityGroupInfo.PortFilter> sorted = ports.stream()
                .sorted((a, b) -> a.device().compareTo(b.device())).toList();
        List<String> chains = new ArrayList<>(List.of(forwardChain(), inputChain(), sgChain(), fallbackChain()));
        List<String> forward = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        List<String> input = new ArrayList<>();
        List<String> sg = new ArrayList<>();
        List<String> perPort = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        Map<String, Set<String>> groupRulesMemo = new HashMap<>();
        for (SecurityGroupInfo.PortFilter port : sorted) {
            String tap = port.device();
            if (!filtered(port)) {
                accepted.add(rule(forwardChain(), physdev("out", tap) + " -j ACCEPT"));
                accepted.add(rule(forwardChain(), physdev("in", tap) + " -j ACCEPT"));
                continue;
            }
            boolean stateful = stateful(port, groups);
            forward.add(rule(forwardChain(), physdev("out", tap) + " -j " + sgChain()));
            forward.add(rule(forwardChain(), physdev("in", tap) + " -j " + sgChain()));
            sg.add(rule(sgChain(), physdev("out", tap) + " -j " + ingressChain(port)));
            sg.add(rule(sgChain(), physdev("in", tap) + " -j " + egressChain(port)));
            input.add(rule(inputChain(), physdev("in", tap) + " -j " + egressChain(port)));
            chains.addAll(List.of(ingressChain(port), egressChain(port), spoofChain(port)));
            perPort.addAll(ingress(port, groupRules(port, groups, "ingress", version, groupRulesMemo), stateful, version));
            perPort.addAll(egress(port, groupRules(port, groups, "egress", version, groupRulesMemo), stateful, version));
            perPort.addAll(spoof(port, version));
            if (!stateful) {
                raw.add(rule(preroutingChain(), "-m physdev --physdev-in " + tap + " -j CT --notrack"));
            }
        }
        sg.add(rule(sgChain(), "-j ACCEPT"));
        List<String> rules = new ArrayList<>(forward);
        rules.addAll(accepted);
        rules.addAll(input);
        rules.addAll(sg);
        rules.add(rule(fallbackChain(), "-j DROP"));
        rules.addAll(perPort);
        IptablesTable filter = new IptablesTable("filter", chains, rules,
                List.of(new IptablesJump("FORWARD", forwardChain()), new IptablesJump("INPUT", inputChain())));
        new TreeMap<>(zones).forEach((bridge, zone) -> raw.add(rule(preroutingChain(), "-i " + bridge + " -j CT --zone " + zone)));
        IptablesTable rawTable = new IptablesTable("raw", List.of(preroutingChain()), raw,
                List.of(new IptablesJump("PREROUTING", preroutingChain())));
        return List.of(filter, rawTable);
    }

    private List<String> ingress(SecurityGroupInfo.PortFilter port, Set<String> groupRules, boolean stateful,
                                 IpVersion version) {
        String chain = ingressChain(port);
        List<String> out = new ArrayList<>();
        if (stateful) {
            out.add(rule(chain, "-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN"));
        }
        if (version == IpVersion.V4) {
            out.add(rule(chain, "-p udp -m udp --sport 67 --dport 68 -j RETURN"));
        } else {
            ICMPV6_INGRESS.forEach(type -> out.add(rule(chain, "-p ipv6-icmp -m icmp6 --icmpv6-type " + type + " -j RETURN")));
            out.add(rule(chain, "-p udp -m udp --sport 547 --dport 546 -j RETURN"));
        }
        groupRules.forEach(args -> out.add(rule(chain, args)));
        if (stateful) {
            out.add(rule(chain, "-m conntrack --ctstate INVALID -j DROP"));
        }
        out.add(rule(chain, "-j " + fallbackChain()));
        return out;
    }

    private List<String> egress(SecurityGroupInfo.PortFilter port, Set<String> groupRules, boolean stateful,
                                IpVersion version) {
        String chain = egressChain(port);
        List<String> out = new ArrayList<>();
        if (version == IpVersion.V4) {
            out.add(rule(chain, "-s 0.0.0.0/32 -d 255.255.255.255/32 -p udp -m udp --sport 68 --dport 67 -j RETURN"));
        } else {
            ICMPV6_FROM_UNSPECIFIED.forEach(type -> out.add(rule(chain,
                    "-s ::/128 -d ff02::/16 -p ipv6-icmp -m icmp6 --icmpv6-type " + type + " -j RETURN")));
        }
        out.add(rule(chain, "-j " + spoofChain(port)));
        if (version == IpVersion.V4) {
            out.add(rule(chain, "-p udp -m udp --sport 68 --dport 67 -j RETURN"));
            out.add(rule(chain, "-p udp -m udp --sport 67 --dport 68 -j DROP"));
        } else {
            out.add(rule(chain, "-p ipv6-icmp -m icmp6 --icmpv6-type 134 -j DROP"));
            out.add(rule(chain, "-p ipv6-icmp -j RETURN"));
            out.add(rule(chain, "-p udp -m udp --sport 546 --dport 547 -j RETURN"));
            out.add(rule(chain, "-p udp -m udp --sport 547 --dport 546 -j DROP"));
        }
        if (stateful) {
            out.add(rule(chain, "-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN"));
        }
        groupRules.forEach(args -> out.add(rule(chain, args)));
        if (stateful) {
            out.add(rule(chain, "-m conntrack --ctstate INVALID -j DROP"));
        }
        out.add(rule(chain, "-j " + fallbackChain()));
        return out;
    }

    /**
     * Traffic from the VM must carry its MAC with one of its addresses (fixed IPs, allowed address
     * pairs). Written as {@code iptables-save} prints it (a host address with its {@code /32} or
     * {@code /128}, the MAC in lower case), so that a restarted agent finds these chains as wanted.
     */
    private List<String> spoof(SecurityGroupInfo.PortFilter port, IpVersion version) {
        String chain = spoofChain(port);
        Set<String> pairs = new LinkedHashSet<>();
        String mac = port.macAddress().toLowerCase(Locale.ROOT);
        List<String> fixedIps = Objects.requireNonNullElse(port.fixedIps(), List.of());
        for (String ip : fixedIps) {
            if (IpVersion.of(ip) == version) {
                pairs.add("-s " + cidr(ip, version) + " -m mac --mac-source " + mac + " -j RETURN");
            }
        }
        for (SecurityGroupInfo.AddressPair pair : Objects.requireNonNullElse(port.allowedAddressPairs(),
                List.<SecurityGroupInfo.AddressPair>of())) {
            if (IpVersion.of(pair.ipAddress()) == version) {
                String pairMac = pair.macAddress() == null ? mac : pair.macAddress().toLowerCase(Locale.ROOT);
                pairs.add("-s " + cidr(pair.ipAddress(), version) + " -m mac --mac-source " + pairMac + " -j RETURN");
            }
        }
        if (version == IpVersion.V6 && !pairs.isEmpty()) {
            pairs.add("-s " + linkLocal(mac) + " -m mac --mac-source " + mac + " -j RETURN");
        }
        if (fixedIps.isEmpty()) {
            pairs.add("-m mac --mac-source " + mac + " -j RETURN");
        }
        List<String> out = new ArrayList<>();
        pairs.forEach(args -> out.add(rule(chain, args)));
        out.add(rule(chain, "-j DROP"));
        return out;
    }

    /** An address as a CIDR: a host address gets {@code /32} (IPv4) or {@code /128} (IPv6). */
    private static String cidr(String address, IpVersion version) {
        return address.contains("/") ? address : address + (version == IpVersion.V4 ? "/32" : "/128");
    }

    /** The matches of the port's groups' rules of one direction; ports with the same groups share them ({@code memo}). */
    private static Set<String> groupRules(SecurityGroupInfo.PortFilter port, Map<String, SecurityGroupInfo.Group> groups,
                                          String direction, IpVersion version, Map<String, Set<String>> memo) {
        String key = direction + " " + new TreeSet<>(Objects.requireNonNullElse(port.securityGroups(), List.<String>of()));
        Set<String> known = memo.get(key);
        if (known != null) {
            return known;
        }
        Set<String> out = new LinkedHashSet<>();
        memo.put(key, out);
        for (SecurityGroupInfo.Rule rule : rulesOf(port, groups)) {
            if (direction.equalsIgnoreCase(rule.direction())) {
                out.addAll(SecurityGroupRuleArgs.lines(rule, version, IptablesFirewallRules::remoteSet));
            }
        }
        return out;
    }

    /** The rules of the port's groups (those known in {@code groups}). */
    static List<SecurityGroupInfo.Rule> rulesOf(SecurityGroupInfo.PortFilter port,
                                                        Map<String, SecurityGroupInfo.Group> groups) {
        List<SecurityGroupInfo.Rule> out = new ArrayList<>();
        for (String id : new TreeSet<>(Objects.requireNonNullElse(port.securityGroups(), List.<String>of()))) {
            SecurityGroupInfo.Group group = groups.get(id);
            if (group != null && group.rules() != null) {
                out.addAll(group.rules());
            }
        }
        return out;
    }

    /** Whether the port's traffic is filtered: port security on, and not a trusted network port. */
    static boolean filtered(SecurityGroupInfo.PortFilter port) {
        return port.portSecurityEnabled()
                && (port.deviceOwner() == null || !port.deviceOwner().startsWith(NETWORK_OWNER_PREFIX));
    }

    /** A port is tracked unless its groups are stateless (Neutron does not let a port mix both). */
    static boolean stateful(SecurityGroupInfo.PortFilter port, Map<String, SecurityGroupInfo.Group> groups) {
        List<String> ids = Objects.requireNonNullElse(port.securityGroups(), List.of());
        return ids.isEmpty() || ids.stream().map(groups::get).anyMatch(g -> g == null || g.stateful());
    }

    private static String physdev(String direction, String tap) {
        return "-m physdev --physdev-" + direction + " " + tap + " --physdev-is-bridged";
    }

    private static String rule(String chain, String args) {
        return "-A " + chain + " " + args;
    }

    private static String port10(SecurityGroupInfo.PortFilter port) {
        String id = port.portId() != null ? port.portId() : port.device().substring(3);
        return id.length() > 10 ? id.substring(0, 10) : id;
    }

    /** The EUI-64 link-local address of a MAC ({@code fe80::…/128}). */
    static String linkLocal(String mac) {
        String[] b = mac.split(":");
        int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
            v[i] = Integer.parseInt(b[i], 16);
        }
        return String.format("fe80::%x:%x:%x:%x/128", ((v[0] ^ 0x02) << 8) | v[1], (v[2] << 8) | 0xff,
                0xfe00 | v[3], (v[4] << 8) | v[5]);
    }
}
