package org.neutrino.functional.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.agent.firewall.IptablesFirewallDriver;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Command;
import org.neutrino.linux.IpCommand;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.Iptables;
import org.neutrino.linux.RunningProcess;
import org.neutrino.rpc.agent.SecurityGroupInfo.Group;
import org.neutrino.rpc.agent.SecurityGroupInfo.PortFilter;
import org.neutrino.rpc.agent.SecurityGroupInfo.Rule;

/**
 * Two projects on one host with the same addresses: networks A and B, both 10.0.0.0/24, each
 * with a "client" 10.0.0.5 and a "server" 10.0.0.6 plugged into its own bridge of one throw-away
 * host namespace, all four ports filtered by the iptables driver. A's server admits TCP 22 and
 * UDP 5353, B's server admits nothing. A connection tracked in A must not open B: each network's
 * bridged traffic is tracked in a conntrack zone of its own, so B's packets with the same
 * addresses and ports as A's flow are NEW in B's zone (and dropped), not ESTABLISHED.
 */
@Tag("root")
class OverlappingProjectsFirewallIT {
    private static final String NET_A = "a0a0a0a0-0000-4000-8000-0000000000aa";
    private static final String NET_B = "b0b0b0b0-0000-4000-8000-0000000000bb";
    private static final String SG_A = "a5a5a5a5-0000-4000-8000-0000000000a5";
    private static final String SG_B = "b5b5b5b5-0000-4000-8000-0000000000b5";
    private static final String CLIENT_IP = "10.0.0.5";
    private static final String SERVER_IP = "10.0.0.6";
    private static final int SOURCE_PORT = 40053;

    private HostNamespaceFixture host;
    private final List<RunningProcess> listeners = new ArrayList<>();
    private final Project a = new Project("a", NET_A, SG_A, "fa:16:3e:0a:00:05", "fa:16:3e:0a:00:06");
    private final Project b = new Project("b", NET_B, SG_B, "fa:16:3e:0b:00:05", "fa:16:3e:0b:00:06");
    private IptablesFirewallDriver driver;

    /** One project's network: a bridge with a client and a server VM, and their ports. */
    private record Project(String name, String network, String group, String clientMac, String serverMac) {
        String bridge() {
            return DeviceNames.bridge(network);
        }

        String port(String role) {
            return String.format("%s%s-1111-4111-8111-111111111111", name.repeat(4), role.equals("client") ? "0005" : "0006");
        }

        PortFilter filter(String role) {
            String port = port(role);
            return new PortFilter(DeviceNames.tap(port), port, network, role.equals("client") ? clientMac : serverMac,
                    List.of(role.equals("client") ? CLIENT_IP : SERVER_IP), List.of(), List.of(group), true, "compute:nova");
        }
    }

    @BeforeEach
    void setUp() {
        host = HostNamespaceFixture.create();
        host.assumePrograms("iptables-restore", "ip6tables-restore", "ipset", "conntrack", "socat");
        for (Project p : List.of(a, b)) {
            IpLib ip = new IpLib(host.executor);
            List<IpCommand> commands = new ArrayList<>(List.of(IpCommands.addBridge(p.bridge()), IpCommands.setUp(p.bridge())));
            for (String role : List.of("client", "server")) {
                String vm = host.namespace(p.name() + "-" + role);
                PortFilter filter = p.filter(role);
                commands.addAll(List.of(IpCommands.addVeth(filter.device(), "eth0", Optional.of(vm),
                        Optional.of(filter.macAddress()), OptionalInt.empty()),
                        IpCommands.setMaster(filter.device(), p.bridge()), IpCommands.setUp(filter.device())));
            }
            ip.apply(commands).throwIfFailed();
            for (String role : List.of("client", "server")) {
                String vm = vm(p, role);
                new IpLib(host.machine).inNamespace(vm).apply(List.of(IpCommands.addAddress("eth0",
                        (role.equals("client") ? CLIENT_IP : SERVER_IP) + "/24"), IpCommands.setUp("eth0"))).throwIfFailed();
            }
            listeners.add(host.machine.start(Command.of("socat", "TCP-LISTEN:22,fork,reuseaddr", "SYSTEM:echo " + p.name())
                    .inNamespace(vm(p, "server"))));
            listeners.add(host.machine.start(Command.of("socat", "UDP-RECVFROM:5353,fork", "SYSTEM:echo " + p.name())
                    .inNamespace(vm(p, "server"))));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "a".equals(tcp(a)) && "b".equals(tcp(b)));
        driver = new IptablesFirewallDriver(host.executor, host.prefix + "-");
    }

    @AfterEach
    void tearDown() {
        listeners.forEach(RunningProcess::close);
        if (host != null) {
            host.close();
        }
    }

    private String vm(Project p, String role) {
        return host.prefix + "-" + p.name() + "-" + role;
    }

    private static Rule rule(String direction, String protocol, Integer port) {
        return new Rule(null, direction, "IPv4", protocol, port, port, null, null, null);
    }

    private void filterBoth() {
        driver.deferApply();
        driver.updateSecurityGroups(Map.of(
                SG_A, new Group(true, List.of(rule("ingress", "tcp", 22), rule("ingress", "udp", 5353), rule("egress", null, null))),
                SG_B, new Group(true, List.of(rule("egress", null, null)))), Map.of());
        for (Project p : List.of(a, b)) {
            driver.updatePortFilter(p.filter("client"));
            driver.updatePortFilter(p.filter("server"));
        }
        driver.applyDeferred();
    }

    /** The greeting of {@code p}'s server on TCP 22, seen from its client ("" when dropped). */
    private String tcp(Project p) {
        return host.machine.execute(Command.of("socat", "-u", "TCP:" + SERVER_IP + ":22,connect-timeout=2", "STDOUT")
                .inNamespace(vm(p, "client"))).stdout().strip();
    }

    /**
     * The answer of {@code p}'s server to one UDP datagram to 5353 from its client's source port
     * {@code sourcePort} ("" when nothing came back within 2 s).
     */
    private String udp(Project p, int sourcePort) {
        return host.machine.execute(Command.of("socat", "-t", "2", "-", "UDP:" + SERVER_IP + ":5353,sourceport=" + sourcePort)
                .withStdin("hello\n").inNamespace(vm(p, "client"))).stdout().strip();
    }

    @Test
    void aFlowTrackedInOneProjectDoesNotOpenTheSameAddressesAndPortsInAnother() {
        filterBoth();
        assertThat(tcp(a)).as("A's server admits TCP 22").isEqualTo("a");
        assertThat(tcp(b)).as("B's server admits nothing").isEmpty();
        assertThat(udp(b, SOURCE_PORT + 1)).as("B's server admits no UDP").isEmpty();

        assertThat(udp(a, SOURCE_PORT)).as("A's flow: the datagram in, the answer back as ESTABLISHED").isEqualTo("a");
        assertThat(udp(b, SOURCE_PORT)).as("B's datagram with the 5-tuple of A's flow is NEW in B's zone: dropped")
                .isEmpty();
        assertThat(udp(a, SOURCE_PORT)).as("A's flow goes on").isEqualTo("a");
        assertThat(tcp(a)).isEqualTo("a");

        String raw = new Iptables(host.executor).save("raw");
        assertThat(raw).containsPattern("-i " + a.bridge() + " -j CT --zone \\d+")
                .containsPattern("-i " + b.bridge() + " -j CT --zone \\d+");
        assertThat(new Iptables(host.machine).save()).as("the machine's own iptables are untouched")
                .doesNotContain(host.prefix);
    }
}
