package org.neutrino.agent.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neutrino.agent.firewall.IptablesFirewallDriver;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.RecordingExecutor;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DeviceDetails;
import org.neutrino.rpc.agent.SecurityGroupInfo;
import org.neutrino.rpc.inprocess.InProcessBus;
import org.neutrino.testlib.Closeables;

/**
 * The agent with the iptables firewall against a scripted host and a fake server on an
 * in-process bus: when it pulls security groups, and in what order filter and wiring reach the
 * kernel.
 */
class LinuxBridgeAgentFirewallTest {
    private static final String NET = "3f2a9c1e-7b44-4f5c-8a9b-0c1d2e3f4a5b";
    private static final String PORT = "3c338602-d8e4-4b2f-9c3e-5a0e1f2d3c4b";
    private static final String TAP = DeviceNames.tap(PORT);
    private static final String SG = "5b7c1c3e-0f6a-4d0e-9a51-7c1d2e3f4a01";
    private static final String LINKS = "ip -j -d link show";

    private final RecordingExecutor executor = new RecordingExecutor();
    private final InProcessBus bus = new InProcessBus();
    private final FakeL2Plugin plugin = new FakeL2Plugin(bus);
    private LinuxBridgeAgent agent;

    @AfterEach
    void tearDown() {
        Closeables.closeAll(agent, plugin, bus);
    }

    private void start() {
        executor.answer(LINKS, CommandResult.ok(new HostLinks().device(TAP, 1500, false).json()));
        plugin.ports.put(TAP, new DeviceDetails(TAP, PORT, NET, "fa:16:3e:00:00:05", true, "local", null, null, 1500,
                List.of(new DeviceDetails.FixedIp("subnet-1", "10.0.0.5")), "compute:nova"));
        plugin.portFilters.put(TAP, new SecurityGroupInfo.PortFilter(TAP, PORT, NET, "fa:16:3e:00:00:05",
                List.of("10.0.0.5"), List.of(), List.of(SG), true, "compute:nova"));
        plugin.groups.put(SG, new SecurityGroupInfo.Group(true, List.of(new SecurityGroupInfo.Rule(null, "ingress",
                "IPv4", null, null, null, null, SG, null))));
        plugin.members.put(SG, Map.of("IPv4", List.of("10.0.0.5"), "IPv6", List.of()));
        LinuxBridgeSettings settings = new LinuxBridgeSettings("compute1", Map.of(), Map.of(), false, Optional.empty(),
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(5), "iptables");
        agent = new LinuxBridgeAgent(settings, bus, executor, new IptablesFirewallDriver(executor)).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.completedPasses() >= 1);
    }

    @Test
    void aNewTapIsFilteredBeforeItIsSetUpWithOnePullAndOneRestorePerVersion() {
        start();

        assertThat(plugin.securityGroupInfoAsked).containsExactly(List.of(TAP));
        List<String> lines = executor.commandLines();
        assertThat(lines.stream().filter(l -> l.startsWith("iptables-restore"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.startsWith("ip6tables-restore"))).hasSize(1);
        assertThat(lines.indexOf("iptables-restore --noflush")).as("filter before the tap is set up")
                .isLessThan(lines.indexOf("ip -force -batch -"));
        assertThat(plugin.updates).containsExactly(new FakeL2Plugin.Update(List.of(TAP), List.of()));
        assertThat(plugin.states).first().satisfies(state ->
                assertThat(state.configurations()).containsEntry("firewall_driver", "iptables"));
    }

    @Test
    void aMemberCastIsOnePullAndOnlyAnIpsetChange() {
        start();
        int before = executor.commands().size();
        plugin.members.put(SG, Map.of("IPv4", List.of("10.0.0.5", "10.0.0.9"), "IPv6", List.of()));

        ObjectNode args = AgentJson.object();
        args.putArray("security_groups").add(SG);
        bus.fanoutCast(AgentTopics.SECURITY_GROUP_UPDATE,
                new Message(AgentTopics.SECURITY_GROUPS_MEMBER_UPDATED, args));
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.completedPasses() >= 2);

        assertThat(plugin.securityGroupInfoAsked).containsExactly(List.of(TAP), List.of(TAP));
        assertThat(executor.commandLines().subList(before, executor.commands().size()))
                .as("no link read, no iptables-restore: the set is refilled").containsExactly("ipset restore -exist");
        assertThat(executor.commands().getLast().stdin().orElseThrow()).contains("add sg4-5b7c1c3e-0f6a-4d0e-9a51-7-t 10.0.0.9");
    }

    @Test
    void aCastForAGroupNoPortUsesPullsNothing() {
        start();
        ObjectNode args = AgentJson.object();
        args.putArray("security_groups").add("another-group");
        bus.fanoutCast(AgentTopics.SECURITY_GROUP_UPDATE,
                new Message(AgentTopics.SECURITY_GROUPS_RULE_UPDATED, args));
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.completedPasses() >= 2);
        assertThat(plugin.securityGroupInfoAsked).containsExactly(List.of(TAP));
    }
}
