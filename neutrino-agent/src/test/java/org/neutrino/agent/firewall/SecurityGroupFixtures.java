package org.neutrino.agent.firewall;

import java.util.List;
import java.util.Map;
import org.neutrino.rpc.agent.SecurityGroupInfo;
import org.neutrino.rpc.agent.SecurityGroupInfo.AddressPair;
import org.neutrino.rpc.agent.SecurityGroupInfo.Group;
import org.neutrino.rpc.agent.SecurityGroupInfo.PortFilter;
import org.neutrino.rpc.agent.SecurityGroupInfo.Rule;

/** Typical security groups and ports, as {@code security_group_info_for_devices} would answer. */
final class SecurityGroupFixtures {
    static final String DEFAULT_SG = "5b7c1c3e-0f6a-4d0e-9a51-7c1d2e3f4a01";
    static final String WEB_SG = "8e2d4f6a-1b3c-4d5e-8f90-a1b2c3d4e502";
    static final String STATELESS_SG = "c0ffee00-1111-4222-8333-444455556603";
    static final String DNS_ADDRESS_GROUP = "a9d0b1c2-3d4e-4f5a-8b6c-7d8e9f0a1b04";
    static final String NET = "3f2a9c1e-7b44-4f5c-8a9b-0c1d2e3f4a5b";

    private SecurityGroupFixtures() {
    }

    static Rule rule(String direction, String ethertype, String protocol, Integer min, Integer max, String prefix,
                     String remoteGroup) {
        return new Rule(null, direction, ethertype, protocol, min, max, prefix, remoteGroup, null);
    }

    /** Neutron's default group: egress anywhere, ingress from members of the group, both versions. */
    static Group defaultGroup() {
        return new Group(true, List.of(
                rule("egress", "IPv4", null, null, null, null, null),
                rule("egress", "IPv6", null, null, null, null, null),
                rule("ingress", "IPv4", null, null, null, null, DEFAULT_SG),
                rule("ingress", "IPv6", null, null, null, null, DEFAULT_SG)));
    }

    /** SSH from anywhere, ping, HTTP from 10/8, and an address group. */
    static Group webGroup() {
        return new Group(true, List.of(
                rule("ingress", "IPv4", "tcp", 22, 22, "0.0.0.0/0", null),
                rule("ingress", "IPv4", "icmp", 8, null, null, null),
                rule("ingress", "IPv4", "tcp", 80, 81, "10.0.0.0/8", null),
                rule("ingress", "IPv6", "icmp", null, null, null, null),
                new Rule(null, "ingress", "IPv4", "udp", 53, 53, null, null, DNS_ADDRESS_GROUP)));
    }

    static Group statelessGroup() {
        return new Group(false, List.of(rule("ingress", "IPv4", "udp", 5000, 5100, null, null),
                rule("egress", "IPv4", null, null, null, null, null)));
    }

    static PortFilter vm(String portId, String mac, List<String> ips, List<String> groups) {
        return new PortFilter("tap" + portId.substring(0, 11), portId, NET, mac, ips, List.of(), groups, true,
                "compute:nova");
    }

    /** A web VM with an IPv4 and an IPv6 address and an allowed address pair (a VIP). */
    static PortFilter webVm() {
        return new PortFilter("tap3c338602-d8", "3c338602-d8e4-4b2f-9c3e-5a0e1f2d3c4b", NET, "fa:16:3e:00:00:05",
                List.of("10.0.0.5", "2001:db8::5"), List.of(new AddressPair("10.0.0.100/32", null),
                new AddressPair("10.0.0.101", "fa:16:3e:00:00:aa")), List.of(DEFAULT_SG, WEB_SG), true, "compute:nova");
    }

    static PortFilter statelessVm() {
        return vm("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "fa:16:3e:00:00:06", List.of("10.0.0.6"), List.of(STATELESS_SG));
    }

    static PortFilter unfilteredVm() {
        return new PortFilter("tap9d8c7b6a-5f", "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", NET, "fa:16:3e:00:00:07",
                List.of("10.0.0.7"), List.of(), List.of(), false, "compute:nova");
    }

    static SecurityGroupInfo info(List<PortFilter> ports, Map<String, List<String>> defaultMembersByEthertype) {
        Map<String, PortFilter> devices = new java.util.TreeMap<>();
        ports.forEach(p -> devices.put(p.device(), p));
        return new SecurityGroupInfo(devices,
                Map.of(DEFAULT_SG, defaultGroup(), WEB_SG, webGroup(), STATELESS_SG, statelessGroup()),
                Map.of(DEFAULT_SG, defaultMembersByEthertype,
                        DNS_ADDRESS_GROUP, Map.of("IPv4", List.of("198.51.100.0/24"), "IPv6", List.of("2001:db8:5::/64"))));
    }
}
