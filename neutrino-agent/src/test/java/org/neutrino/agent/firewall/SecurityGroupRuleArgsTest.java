package org.neutrino.agent.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.agent.firewall.SecurityGroupFixtures.rule;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neutrino.linux.IpVersion;
import org.neutrino.rpc.agent.SecurityGroupInfo.Rule;

class SecurityGroupRuleArgsTest {
    private static List<String> v4(Rule rule) {
        return SecurityGroupRuleArgs.lines(rule, IpVersion.V4, IptablesFirewallRules::remoteSet);
    }

    private static List<String> v6(Rule rule) {
        return SecurityGroupRuleArgs.lines(rule, IpVersion.V6, IptablesFirewallRules::remoteSet);
    }

    @Test
    void protocolsByNameOrNumberWithPortsAndIcmpTypes() {
        assertThat(v4(rule("ingress", "IPv4", "6", 1000, 2000, "192.0.2.0/24", null)))
                .containsExactly("-s 192.0.2.0/24 -p tcp -m tcp --dport 1000:2000 -j RETURN");
        assertThat(v4(rule("egress", "IPv4", "udp", 53, 53, "198.51.100.53/32", null)))
                .containsExactly("-d 198.51.100.53/32 -p udp -m udp --dport 53 -j RETURN");
        assertThat(v4(rule("ingress", "IPv4", "icmp", 3, 4, null, null)))
                .containsExactly("-p icmp -m icmp --icmp-type 3/4 -j RETURN");
        assertThat(v6(rule("ingress", "IPv6", "icmp", 128, null, null, null)))
                .as("icmp in an IPv6 rule is ICMPv6, as in Neutron")
                .containsExactly("-p ipv6-icmp -m icmp6 --icmpv6-type 128 -j RETURN");
        assertThat(v4(rule("ingress", "IPv4", "gre", null, null, null, null))).containsExactly("-p gre -j RETURN");
        assertThat(v4(rule("ingress", "IPv4", null, null, null, "0.0.0.0/0", null))).containsExactly("-j RETURN");
    }

    @Test
    void theOtherEthertypeGivesNothingAndRemoteGroupsMatchTheirSet() {
        assertThat(v6(rule("ingress", "IPv4", "tcp", 22, 22, null, null))).isEmpty();
        assertThat(v6(rule("egress", "IPv6", "tcp", 443, 443, null, "0123456789abcdef0123456789abcdef")))
                .containsExactly("-m set --match-set sg6-0123456789abcdef012345678 dst -p tcp -m tcp --dport 443 -j RETURN");
    }

    @Test
    void anAddressGroupMatchesItsOwnSet() {
        Rule rule = new Rule(null, "ingress", "IPv6", "tcp", 22, 22, null, null, "fedcba9876543210fedcba9876543210");
        assertThat(v6(rule)).containsExactly("-m set --match-set ag6-fedcba9876543210fedcba987 src -p tcp -m tcp --dport 22 -j RETURN");
        assertThat(v4(rule)).isEmpty();
    }
}
