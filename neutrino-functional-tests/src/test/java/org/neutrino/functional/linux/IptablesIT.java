package org.neutrino.functional.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.linux.CommandFailedException;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.Iptables;
import org.neutrino.linux.IptablesJump;
import org.neutrino.linux.IptablesTable;

/** Whole-table iptables in a VM-facing namespace: rules take effect, re-applying converges. */
@Tag("root")
class IptablesIT {
    private HostNamespaceFixture host;

    @BeforeEach
    void setUp() {
        host = HostNamespaceFixture.create();
        host.assumePrograms("iptables-restore", "iptables-save");
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void ownedChainsAreReplacedAndJumpsKeptOnce() {
        String vm = host.namespace("vm1");
        IpLib ip = new IpLib(host.executor);
        ip.apply(List.of(IpCommands.addVeth("tapvm1", "eth0", Optional.of(vm), Optional.empty(), OptionalInt.empty()),
                IpCommands.addAddress("tapvm1", "10.0.0.1/24"), IpCommands.setUp("tapvm1"))).throwIfFailed();
        ip.inNamespace(vm).apply(List.of(IpCommands.addAddress("eth0", "10.0.0.5/24"), IpCommands.setUp("eth0")))
                .throwIfFailed();
        assertThat(host.ping(vm, "10.0.0.1")).isTrue();

        Iptables iptables = new Iptables(host.executor);
        IptablesJump jump = new IptablesJump("INPUT", "neutrino-in");
        iptables.apply(List.of(new IptablesTable("filter", List.of("neutrino-in"),
                List.of("-A neutrino-in -s 10.0.0.5/32 -p icmp -j DROP"), List.of(jump))));
        assertThat(host.ping(vm, "10.0.0.1")).as("the DROP rule is in force").isFalse();

        iptables.apply(List.of(new IptablesTable("filter", List.of("neutrino-in"),
                List.of("-A neutrino-in -s 10.0.0.99/32 -j DROP"), List.of(jump))));
        assertThat(host.ping(vm, "10.0.0.1")).as("the chain was replaced, not appended to").isTrue();

        List<String> saved = Arrays.asList(iptables.save("filter").split("\n"));
        assertThat(saved).filteredOn("-A INPUT -j neutrino-in"::equals).hasSize(1);
        assertThat(saved).contains("-A neutrino-in -s 10.0.0.99/32 -j DROP")
                .doesNotContain("-A neutrino-in -s 10.0.0.5/32 -p icmp -j DROP");
        assertThat(new Iptables(host.machine).save()).as("the machine's own iptables are untouched")
                .doesNotContain("neutrino-in");
    }

    @Test
    void aBadRuleChangesNothing() {
        Iptables iptables = new Iptables(host.executor);
        iptables.apply(List.of(new IptablesTable("nat", List.of("neutrino-snat"),
                List.of("-A neutrino-snat -s 10.0.0.0/24 -j SNAT --to-source 203.0.113.2"),
                List.of(new IptablesJump("POSTROUTING", "neutrino-snat")))));
        assertThatThrownBy(() -> iptables.apply(List.of(new IptablesTable("nat", List.of("neutrino-snat"),
                List.of("-A neutrino-snat -j NO-SUCH-TARGET"), List.of()))))
                .isInstanceOf(CommandFailedException.class);
        assertThat(iptables.save("nat")).contains("-A neutrino-snat -s 10.0.0.0/24 -j SNAT --to-source 203.0.113.2");
    }
}
