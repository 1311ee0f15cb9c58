package org.neutrino.functional.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.agent.firewall.IptablesFirewallDriver;
import org.neutrino.agent.l2.LinuxBridgeAgent;
import org.neutrino.agent.l2.LinuxBridgeSettings;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Command;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.linux.RootHelper;
import org.neutrino.rpc.agent.SecurityGroupInfo;
import org.neutrino.rpc.inprocess.InProcessBus;
import org.neutrino.testlib.Closeables;

/**
 * Two Linux bridge agents with {@code firewall_driver = iptables}, each in its own host
 * namespace, against a fake server on the in-process bus that answers
 * {@code security_group_info_for_devices} and casts the security-group notifications: a VM on
 * one host reaches a VM on the other across VXLAN only as their groups say, and a membership
 * change reaches the kernel through the cast, the pull and an ipset.
 */
@Tag("root")
class LinuxBridgeAgentFirewallIT {
    private static final String NET = "6c1f3d2b-4e5a-4f6b-8c9d-0e1f2a3b4c5e";
    private static final int VNI = 1042;
    private static final String[] PORTS = {"c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70"};
    private static final String[] TAPS = {DeviceNames.tap(PORTS[0]), DeviceNames.tap(PORTS[1])};
    private static final String[] MACS = {"fa:16:3e:00:02:01", "fa:16:3e:00:02:02"};
    private static final String[] IPS = {"10.0.1.11", "10.0.1.12"};
    private static final String SERVER_SG = "aaaa1111-0000-4000-8000-00000000000a";
    private static final String CLIENT_SG = "bbbb1111-0000-4000-8000-00000000000b";
    private static final int MTU = 1450;

    private TwoHostsFixture hosts;
    private InProcessBus bus;
    private FakeL2Server server;
    private final LinuxBridgeAgent[] agents = new LinuxBridgeAgent[2];
    private final String[] vms = new String[2];

    @BeforeEach
    void setUp() {
        hosts = TwoHostsFixture.create();
        bus = new InProcessBus();
        server = new FakeL2Server(bus);
        String[] groups = {SERVER_SG, CLIENT_SG};
        for (int i = 0; i < 2; i++) {
            server.bindVxlanPort(hosts.hosts.get(i), TAPS[i], PORTS[i], NET, MACS[i], IPS[i], VNI, MTU);
            server.setPortFilter(new SecurityGroupInfo.PortFilter(TAPS[i], PORTS[i], NET, MACS[i], List.of(IPS[i]),
                    List.of(), List.of(groups[i]), true, "compute:nova"));
        }
        server.setSecurityGroup(SERVER_SG, new SecurityGroupInfo.Group(true, List.of(
                rule("ingress", CLIENT_SG), rule("egress", null))), Map.of("IPv4", List.of(IPS[0]), "IPv6", List.of()));
        server.setSecurityGroup(CLIENT_SG, new SecurityGroupInfo.Group(true, List.of(rule("egress", null))),
                Map.of("IPv4", List.of(), "IPv6", List.of()));
        for (int i = 0; i < 2; i++) {
            LinuxBridgeSettings settings = new LinuxBridgeSettings(hosts.hosts.get(i), Map.of(), Map.of(), true,
                    Optional.of(TwoHostsFixture.VTEPS[i]), Duration.ofSeconds(2), Duration.ofSeconds(30),
                    Duration.ofSeconds(10), "iptables");
            ProcessExecutor executor = new ProcessExecutor(RootHelper.parse(hosts.rootHelper(i)));
            agents[i] = new LinuxBridgeAgent(settings, bus, executor,
                    new IptablesFirewallDriver(executor)).start();
            vms[i] = hosts.vm("vm" + (i + 1));
        }
    }

    @AfterEach
    void tearDown() {
        Closeables.closeAll(agents[0], agents[1], server, bus, hosts);
    }

    /** Any IPv4 protocol, from members of {@code remoteGroup} (ingress) or to anywhere (egress). */
    private static SecurityGroupInfo.Rule rule(String direction, String remoteGroup) {
        return new SecurityGroupInfo.Rule(null, direction, "IPv4", null, null, null, null, remoteGroup, null);
    }

    @Test
    void theServerVmAdmitsTheClientOnlyOnceItJoinsTheRemoteGroup() {
        for (int i = 0; i < 2; i++) {
            hosts.plug(i, TAPS[i], vms[i], MACS[i], IPS[i] + "/24", MTU);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> server.isActive(TAPS[0]) && server.isActive(TAPS[1]));
        String saved = hosts.machine.execute(Command.of("iptables-save", "-t", "filter").inNamespace(hosts.hosts.get(0)))
                .stdout();
        assertThat(saved).contains("--physdev-out " + TAPS[0] + " --physdev-is-bridged -j neutrino-sg-chain");

        assertThat(hosts.ping(vms[0], IPS[1])).as("the client admits nothing in").isFalse();
        assertThat(hosts.ping(vms[1], IPS[0])).as("the client is not yet a member of the server's remote group")
                .isFalse();

        server.setSecurityGroup(CLIENT_SG, new SecurityGroupInfo.Group(true, List.of(rule("egress", null))),
                Map.of("IPv4", List.of(IPS[1]), "IPv6", List.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> hosts.ping(vms[1], IPS[0]));
        assertThat(hosts.ping(vms[0], IPS[1])).as("still nothing in to the client: the echo above came back as ESTABLISHED")
                .isFalse();
    }
}
