package org.neutrino.agent.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.agent.firewall.SecurityGroupFixtures.DEFAULT_SG;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.Golden;
import org.neutrino.linux.RecordingExecutor;
import org.neutrino.rpc.agent.SecurityGroupInfo;

/**
 * The iptables driver against a scripted host: the exact iptables-restore inputs for typical
 * groups (golden files), and how many processes each kind of change costs.
 */
class IptablesFirewallDriverTest {
    private final RecordingExecutor executor = new RecordingExecutor();
    private final IptablesFirewallDriver driver = new IptablesFirewallDriver(executor);

    private void filter(SecurityGroupInfo info) {
        driver.deferApply();
        driver.updateSecurityGroups(info.securityGroups(), info.sgMemberIps());
        info.devices().values().forEach(driver::updatePortFilter);
        driver.applyDeferred();
    }

    private String stdinOf(String commandLine) {
        return executor.commands().stream().filter(c -> c.commandLine().equals(commandLine))
                .reduce((a, b) -> b).flatMap(Command::stdin).orElseThrow();
    }

    @Test
    void aBatchOfPortsIsOneIpsetRestoreAndOneRestorePerIpVersion() {
        filter(SecurityGroupFixtures.info(List.of(SecurityGroupFixtures.webVm(), SecurityGroupFixtures.statelessVm(),
                SecurityGroupFixtures.unfilteredVm()), Map.of("IPv4", List.of("10.0.0.5", "10.0.0.9"),
                "IPv6", List.of("2001:db8::5"))));

        assertThat(executor.commandLines()).containsExactly(
                "sysctl -q -w net.bridge.bridge-nf-call-iptables=1 net.bridge.bridge-nf-call-ip6tables=1",
                "iptables-save", "ipset restore -exist", "iptables-restore --noflush",
                "ip6tables-save", "ip6tables-restore --noflush");
        assertThat(stdinOf("iptables-restore --noflush")).isEqualTo(Golden.read("golden/firewall/typical-ports.v4"));
        assertThat(stdinOf("ip6tables-restore --noflush")).isEqualTo(Golden.read("golden/firewall/typical-ports.v6"));
        assertThat(stdinOf("ipset restore -exist")).isEqualTo(Golden.read("golden/firewall/typical-ports.ipset"));
        assertThat(driver.filteredDevices()).containsExactlyInAnyOrder("tap3c338602-d8", "tap7a1b2c3d-4e", "tap9d8c7b6a-5f");
    }

    @Test
    void aMemberChangeIsOnlyAnIpsetRestoreAndTheLeaverLosesItsConnections() {
        filter(SecurityGroupFixtures.info(List.of(SecurityGroupFixtures.webVm()),
                Map.of("IPv4", List.of("10.0.0.5", "10.0.0.9"), "IPv6", List.of())));
        int before = executor.commands().size();

        driver.updateSecurityGroups(Map.of(), Map.of(DEFAULT_SG, Map.of("IPv4", List.of("10.0.0.5"), "IPv6", List.of())));

        assertThat(executor.commandLines().subList(before, executor.commands().size())).containsExactly(
                "ipset restore -exist", "conntrack -R -");
        assertThat(stdinOf("conntrack -R -")).as("in the zone of the network whose port has the rule").isEqualTo("""
                -D -f ipv4 -s 10.0.0.9 -w 1
                -D -f ipv4 -d 10.0.0.9 -w 1
                """);
        assertThat(stdinOf("ipset restore -exist")).isEqualTo("""
                create sg4-5b7c1c3e-0f6a-4d0e-9a51-7 hash:net family inet
                create sg4-5b7c1c3e-0f6a-4d0e-9a51-7-t hash:net family inet
                flush sg4-5b7c1c3e-0f6a-4d0e-9a51-7-t
                add sg4-5b7c1c3e-0f6a-4d0e-9a51-7-t 10.0.0.5
                swap sg4-5b7c1c3e-0f6a-4d0e-9a51-7-t sg4-5b7c1c3e-0f6a-4d0e-9a51-7
                destroy sg4-5b7c1c3e-0f6a-4d0e-9a51-7-t
                """);
    }

    @Test
    void removingTheLastPortDeletesItsChainsThenItsSetsThenItsZonesConnections() {
        filter(SecurityGroupFixtures.info(List.of(SecurityGroupFixtures.webVm()),
                Map.of("IPv4", List.of("10.0.0.5"), "IPv6", List.of("2001:db8::5"))));
        int before = executor.commands().size();

        driver.removePortFilter("tap3c338602-d8");

        assertThat(executor.commandLines().subList(before, executor.commands().size())).containsExactly(
                "iptables-restore --noflush", "ip6tables-restore --noflush", "ipset restore -exist", "conntrack -R -");
        assertThat(stdinOf("conntrack -R -")).as("the network left: its whole zone goes").isEqualTo("""
                -D -f ipv4 -w 1
                -D -f ipv6 -w 1
                """);
        assertThat(stdinOf("iptables-restore --noflush")).contains("-X neutrino-i3c338602-d", "-X neutrino-o3c338602-d",
                "-X neutrino-s3c338602-d").doesNotContain("tap3c338602-d8", "--zone");
        assertThat(stdinOf("ipset restore -exist")).isEqualTo("""
                destroy ag4-a9d0b1c2-3d4e-4f5a-8b6c-7
                destroy sg4-5b7c1c3e-0f6a-4d0e-9a51-7
                destroy sg6-5b7c1c3e-0f6a-4d0e-9a51-7
                """);
        assertThat(driver.filteredDevices()).isEmpty();
    }

    @Test
    void reapplyingTheSameStateSpawnsNothing() {
        SecurityGroupInfo info = SecurityGroupFixtures.info(List.of(SecurityGroupFixtures.webVm()),
                Map.of("IPv4", List.of("10.0.0.5"), "IPv6", List.of()));
        filter(info);
        int before = executor.commands().size();
        filter(info);
        assertThat(executor.commands()).hasSize(before);
    }

    @Test
    void networkPortsAreTrustedAsInNeutron() {
        SecurityGroupInfo.PortFilter dhcp = new SecurityGroupInfo.PortFilter("tapdddddddd-dd", "dddddddd-dddd-4ddd-8ddd-dddddddddddd",
                SecurityGroupFixtures.NET, "fa:16:3e:00:00:0d", List.of("10.0.0.2"), List.of(), List.of(), true, "network:dhcp");
        driver.updatePortFilter(dhcp);
        assertThat(stdinOf("iptables-restore --noflush"))
                .contains("-A neutrino-FORWARD -m physdev --physdev-out tapdddddddd-dd --physdev-is-bridged -j ACCEPT",
                        "-A neutrino-FORWARD -m physdev --physdev-in tapdddddddd-dd --physdev-is-bridged -j ACCEPT")
                .doesNotContain("neutrino-idddddddd");
    }

    private static SecurityGroupInfo.PortFilter onNetwork(SecurityGroupInfo.PortFilter port, String network) {
        return new SecurityGroupInfo.PortFilter(port.device(), port.portId(), network, port.macAddress(), port.fixedIps(),
                port.allowedAddressPairs(), port.securityGroups(), port.portSecurityEnabled(), port.deviceOwner());
    }

    @Test
    void eachNetworkIsTrackedInItsOwnZoneInBothVersions() {
        filter(SecurityGroupFixtures.info(List.of(SecurityGroupFixtures.webVm(),
                onNetwork(SecurityGroupFixtures.statelessVm(), "4e5f6a7b-0000-4000-8000-000000000002")),
                Map.of("IPv4", List.of(), "IPv6", List.of())));
        for (String restore : List.of("iptables-restore --noflush", "ip6tables-restore --noflush")) {
            assertThat(stdinOf(restore)).contains("""
                    -A neutrino-PREROUTING -m physdev --physdev-in tap7a1b2c3d-4e -j CT --notrack
                    -A neutrino-PREROUTING -i brq3f2a9c1e-7b -j CT --zone 1
                    -A neutrino-PREROUTING -i brq4e5f6a7b-00 -j CT --zone 2
                    """);
        }
    }

    @Test
    void aRestartedAgentKeepsTheZonesOfTheRawTable() {
        executor.answer("iptables-save", new CommandResult(0, """
                *raw
                :PREROUTING ACCEPT [0:0]
                :neutrino-PREROUTING - [0:0]
                -A PREROUTING -j neutrino-PREROUTING
                -A neutrino-PREROUTING -i brq3f2a9c1e-7b -j CT --zone 42
                COMMIT
                """, ""));
        filter(SecurityGroupFixtures.info(List.of(SecurityGroupFixtures.webVm(), onNetwork(SecurityGroupFixtures.vm(
                "8b9c0d1e-0000-4000-8000-000000000003", "fa:16:3e:00:00:08", List.of("10.0.0.5"), List.of(DEFAULT_SG)),
                "4e5f6a7b-0000-4000-8000-000000000002")), Map.of("IPv4", List.of(), "IPv6", List.of())));
        assertThat(executor.commandLines()).as("the zones come from the iptables-save the first apply makes anyway")
                .containsOnlyOnce("iptables-save");
        assertThat(stdinOf("iptables-restore --noflush")).contains("-i brq3f2a9c1e-7b -j CT --zone 42\n",
                "-i brq4e5f6a7b-00 -j CT --zone 1\n");
    }

    @Test
    void aNetworkLeftWithoutAZoneIsStillFiltered() {
        IptablesFirewallDriver oneZone = new IptablesFirewallDriver(executor, IptablesFirewallDriver.CHAIN_PREFIX,
                new ConntrackZones(1));
        oneZone.deferApply();
        oneZone.updatePortFilter(SecurityGroupFixtures.webVm());
        oneZone.updatePortFilter(onNetwork(SecurityGroupFixtures.statelessVm(), "4e5f6a7b-0000-4000-8000-000000000002"));
        oneZone.applyDeferred();
        assertThat(stdinOf("iptables-restore --noflush")).contains("-i brq3f2a9c1e-7b -j CT --zone 1")
                .doesNotContain("brq4e5f6a7b-00").contains("--physdev-in tap7a1b2c3d-4e --physdev-is-bridged -j neutrino-sg-chain");
        assertThat(oneZone.filteredDevices()).containsExactlyInAnyOrder("tap3c338602-d8", "tap7a1b2c3d-4e");
    }

    @Test
    void aRemovedPortLosesItsConnectionsInItsNetworksZone() {
        filter(SecurityGroupFixtures.info(List.of(SecurityGroupFixtures.webVm(), SecurityGroupFixtures.statelessVm()),
                Map.of("IPv4", List.of(), "IPv6", List.of())));
        int before = executor.commands().size();

        driver.removePortFilter("tap3c338602-d8");

        assertThat(executor.commandLines().subList(before, executor.commands().size())).containsExactly(
                "iptables-restore --noflush", "ip6tables-restore --noflush", "ipset restore -exist", "conntrack -R -");
        assertThat(stdinOf("conntrack -R -")).isEqualTo("""
                -D -f ipv4 -s 10.0.0.5 -w 1
                -D -f ipv4 -d 10.0.0.5 -w 1
                -D -f ipv6 -s 2001:db8::5 -w 1
                -D -f ipv6 -d 2001:db8::5 -w 1
                """);
    }

    @Test
    void anAddressAPortNoLongerHasLosesItsConnections() {
        SecurityGroupInfo.PortFilter vm = SecurityGroupFixtures.statelessVm();
        filter(SecurityGroupFixtures.info(List.of(vm), Map.of("IPv4", List.of(), "IPv6", List.of())));
        int before = executor.commands().size();

        driver.updatePortFilter(new SecurityGroupInfo.PortFilter(vm.device(), vm.portId(), vm.networkId(), vm.macAddress(),
                List.of("10.0.0.16"), vm.allowedAddressPairs(), vm.securityGroups(), true, vm.deviceOwner()));

        assertThat(executor.commandLines().subList(before, executor.commands().size())).containsExactly(
                "iptables-restore --noflush", "conntrack -R -");
        assertThat(stdinOf("conntrack -R -")).isEqualTo("""
                -D -f ipv4 -s 10.0.0.6 -w 1
                -D -f ipv4 -d 10.0.0.6 -w 1
                """);
        int after = executor.commands().size();
        driver.updatePortFilter(new SecurityGroupInfo.PortFilter(vm.device(), vm.portId(), vm.networkId(), vm.macAddress(),
                List.of("10.0.0.16"), vm.allowedAddressPairs(), List.of(), true, vm.deviceOwner()));
        assertThat(executor.commandLines().subList(after, executor.commands().size())).as("other changes delete nothing")
                .doesNotContain("conntrack -R -");
    }

    private static SecurityGroupInfo.Group webGroupWithout(int index) {
        List<SecurityGroupInfo.Rule> rules = new java.util.ArrayList<>(SecurityGroupFixtures.webGroup().rules());
        rules.remove(index);
        return new SecurityGroupInfo.Group(true, rules);
    }

    @Test
    void aRemovedRuleCutsTheConnectionsItLetInOfEachPortThatHadItInItsNetworksZone() {
        SecurityGroupInfo.PortFilter web = SecurityGroupFixtures.webVm();
        SecurityGroupInfo.PortFilter otherNetwork = new SecurityGroupInfo.PortFilter("tap4e5f6a7b-00",
                "4e5f6a7b-0011-4223-8445-566778899aab", "4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b", "fa:16:3e:00:00:08",
                List.of("10.0.0.5"), List.of(), List.of(SecurityGroupFixtures.WEB_SG), true, "compute:nova");
        SecurityGroupInfo.PortFilter notInWeb = SecurityGroupFixtures.vm("5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
                "fa:16:3e:00:00:09", List.of("10.0.0.9"), List.of(DEFAULT_SG));
        filter(SecurityGroupFixtures.info(List.of(web, otherNetwork, notInWeb, SecurityGroupFixtures.statelessVm()),
                Map.of("IPv4", List.of("10.0.0.5"), "IPv6", List.of())));
        int before = executor.commands().size();

        driver.updateSecurityGroups(Map.of(SecurityGroupFixtures.WEB_SG, webGroupWithout(0)), Map.of());

        assertThat(executor.commandLines().subList(before, executor.commands().size()))
                .containsExactly("iptables-restore --noflush", "conntrack -R -");
        assertThat(stdinOf("conntrack -R -")).as("SSH from anywhere, to each address of the ports in the group").isEqualTo("""
                -D -f ipv4 -p 6 -d 10.0.0.100/32 --dport 22 -w 1
                -D -f ipv4 -p 6 -d 10.0.0.101 --dport 22 -w 1
                -D -f ipv4 -p 6 -d 10.0.0.5 --dport 22 -w 1
                -D -f ipv4 -p 6 -d 10.0.0.5 --dport 22 -w 2
                """);
    }

    @Test
    void aRuleReplacedByAnEqualOneOrAStatelessGroupsRuleDeletesNothing() {
        SecurityGroupInfo.PortFilter web = SecurityGroupFixtures.webVm();
        filter(SecurityGroupFixtures.info(List.of(web, SecurityGroupFixtures.statelessVm()),
                Map.of("IPv4", List.of("10.0.0.5"), "IPv6", List.of())));
        int before = executor.commands().size();
        List<SecurityGroupInfo.Rule> renamed = SecurityGroupFixtures.webGroup().rules().stream()
                .map(r -> new SecurityGroupInfo.Rule("new-" + r.direction(), r.direction(), r.ethertype(), r.protocol(),
                        r.portRangeMin(), r.portRangeMax(), r.remoteIpPrefix(), r.remoteGroupId(), r.remoteAddressGroupId()))
                .toList();

        driver.updateSecurityGroups(Map.of(SecurityGroupFixtures.WEB_SG, new SecurityGroupInfo.Group(true, renamed)), Map.of());
        assertThat(executor.commands()).as("the same rules with other ids").hasSize(before);

        driver.updateSecurityGroups(Map.of(SecurityGroupFixtures.STATELESS_SG, new SecurityGroupInfo.Group(false,
                SecurityGroupFixtures.statelessGroup().rules().subList(1, 2))), Map.of());
        assertThat(executor.commandLines().subList(before, executor.commands().size())).as("untracked: no connections")
                .containsExactly("iptables-restore --noflush");
    }

    @Test
    void aPortLeavingAGroupLosesTheConnectionsOfItsRules() {
        SecurityGroupInfo.PortFilter web = SecurityGroupFixtures.webVm();
        filter(SecurityGroupFixtures.info(List.of(web), Map.of("IPv4", List.of("10.0.0.5"), "IPv6", List.of())));
        int before = executor.commands().size();

        driver.updatePortFilter(new SecurityGroupInfo.PortFilter(web.device(), web.portId(), web.networkId(),
                web.macAddress(), List.of("10.0.0.5"), List.of(), List.of(SecurityGroupFixtures.WEB_SG), true,
                web.deviceOwner()));

        assertThat(executor.commandLines().subList(before, executor.commands().size())).endsWith("conntrack -R -");
        assertThat(stdinOf("conntrack -R -")).as("the address it lost goes whole, then the default group's rules, "
                + "of every address the port had").isEqualTo("""
                -D -f ipv6 -s 2001:db8::5 -w 1
                -D -f ipv6 -d 2001:db8::5 -w 1
                -D -f ipv4 -d 10.0.0.100/32 -w 1
                -D -f ipv4 -d 10.0.0.101 -w 1
                -D -f ipv4 -d 10.0.0.5 -w 1
                -D -f ipv4 -s 10.0.0.100/32 -w 1
                -D -f ipv4 -s 10.0.0.101 -w 1
                -D -f ipv4 -s 10.0.0.5 -w 1
                """);
    }
}
