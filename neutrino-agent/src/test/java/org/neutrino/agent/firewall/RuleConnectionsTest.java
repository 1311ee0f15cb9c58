package org.neutrino.agent.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.agent.firewall.SecurityGroupFixtures.rule;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neutrino.linux.Conntrack;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/** A rule as the conntrack deletes of the connections it let in for one port. */
class RuleConnectionsTest {
    /** 10.0.0.5 and 2001:db8::5, address pairs 10.0.0.100/32 and 10.0.0.101. */
    private final SecurityGroupInfo.PortFilter port = SecurityGroupFixtures.webVm();

    private List<String> deletes(SecurityGroupInfo.Rule rule) {
        return RuleConnections.of(List.of(rule), port, 3).stream().map(Conntrack.Flows::deleteArgs).toList();
    }

    @Test
    void anIngressRuleMatchesItsRemotePrefixToEachAddressOfThePortOnItsPort() {
        assertThat(deletes(rule("ingress", "IPv4", "udp", 5000, 5000, "10.0.1.0/24", null))).containsExactly(
                "-D -f ipv4 -p 17 -s 10.0.1.0/24 -d 10.0.0.100/32 --dport 5000 -w 3",
                "-D -f ipv4 -p 17 -s 10.0.1.0/24 -d 10.0.0.101 --dport 5000 -w 3",
                "-D -f ipv4 -p 17 -s 10.0.1.0/24 -d 10.0.0.5 --dport 5000 -w 3");
    }

    @Test
    void anEgressRuleMatchesThePortAsSourceAndTheRemoteAsDestination() {
        assertThat(deletes(rule("egress", "IPv6", "tcp", 443, 443, "2001:db8:9::/64", null))).containsExactly(
                "-D -f ipv6 -p 6 -s 2001:db8::5 -d 2001:db8:9::/64 --dport 443 -w 3");
    }

    @Test
    void whatConntrackCannotMatchExactlyIsLeftOutSoMoreConnectionsGo() {
        assertThat(deletes(rule("ingress", "IPv4", "tcp", 80, 81, "0.0.0.0/0", null))).as("a port range, anywhere")
                .contains("-D -f ipv4 -p 6 -d 10.0.0.5 -w 3");
        assertThat(deletes(rule("ingress", "IPv4", "udp", 53, 53, null, SecurityGroupFixtures.DEFAULT_SG)))
                .as("a remote group: its members are in an ipset").contains("-D -f ipv4 -p 17 -d 10.0.0.5 --dport 53 -w 3");
        assertThat(deletes(rule("ingress", "IPv4", "icmp", 8, 0, null, null))).as("ICMP types")
                .contains("-D -f ipv4 -p 1 -d 10.0.0.5 -w 3");
        assertThat(deletes(rule("ingress", "IPv4", "frobnicate", null, null, null, null)))
                .as("a name conntrack may not know: every protocol").contains("-D -f ipv4 -d 10.0.0.5 -w 3");
    }

    @Test
    void protocolsAreNumbersAndIcmpOfAnIpv6RuleIsIcmpv6() {
        assertThat(deletes(rule("ingress", "IPv6", "icmp", null, null, null, null)))
                .containsExactly("-D -f ipv6 -p 58 -d 2001:db8::5 -w 3");
        assertThat(deletes(rule("egress", "IPv4", "47", null, null, null, null)))
                .contains("-D -f ipv4 -p 47 -s 10.0.0.5 -w 3");
        assertThat(deletes(rule("egress", "IPv4", "vrrp", 1, 1, null, null))).as("no ports without a port protocol")
                .contains("-D -f ipv4 -p 112 -s 10.0.0.5 -w 3");
        assertThat(deletes(rule("egress", "IPv4", null, null, null, null, null)))
                .contains("-D -f ipv4 -s 10.0.0.5 -w 3");
        assertThat(deletes(rule("egress", "IPv4", "0", null, null, null, null)))
                .contains("-D -f ipv4 -s 10.0.0.5 -w 3");
    }

    @Test
    void aPortWithoutAddressOfTheRulesVersionHasNothingToDelete() {
        SecurityGroupInfo.PortFilter v4only = SecurityGroupFixtures.statelessVm();
        assertThat(RuleConnections.of(List.of(rule("ingress", "IPv6", null, null, null, null, null)), v4only, 1)).isEmpty();
    }

    @Test
    void manyFiltersOfOneAddressDirectionAndProtocolBecomeOne() {
        SecurityGroupInfo.PortFilter v4only = SecurityGroupFixtures.statelessVm();
        List<SecurityGroupInfo.Rule> few = java.util.stream.IntStream.range(0, RuleConnections.MAX_FILTERS_PER_PROTOCOL)
                .mapToObj(i -> rule("ingress", "IPv4", "tcp", 1000 + i, 1000 + i, null, null)).toList();
        assertThat(RuleConnections.of(few, v4only, 1)).hasSize(RuleConnections.MAX_FILTERS_PER_PROTOCOL);

        List<SecurityGroupInfo.Rule> many = new java.util.ArrayList<>(few);
        many.add(rule("ingress", "IPv4", "tcp", 2000, 2000, null, null));
        many.add(rule("ingress", "IPv4", "udp", 53, 53, null, null));
        many.add(rule("egress", "IPv4", "tcp", 443, 443, null, null));
        assertThat(RuleConnections.of(many, v4only, 1).stream().map(Conntrack.Flows::deleteArgs)).containsExactlyInAnyOrder(
                "-D -f ipv4 -p 17 -d 10.0.0.6 --dport 53 -w 1",
                "-D -f ipv4 -p 6 -d 10.0.0.6 -w 1",
                "-D -f ipv4 -p 6 -s 10.0.0.6 --dport 443 -w 1");
    }
}
