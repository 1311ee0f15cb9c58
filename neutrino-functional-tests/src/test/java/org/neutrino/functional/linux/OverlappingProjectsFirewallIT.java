package org.neutrino.functional.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * addresses and ports as A's flow are NEW in B's zone (and dropped), not ESTABLISHED. The
 * connections the driver deletes (a removed port's, an address leaving a remote group, a removed
 * rule's) go in one network's zone only.
 */
@Tag("root")
class OverlappingProjectsFirewallIT {
    private static final String NET_A = "a0a0a0a0-0000-4000-8000-0000000000aa";
    private static final String NET_B = "b0b0b0b0-0000-4000-8000-0000000000bb";
    private static final String SG_A = "a5a5a5a5-0000-4000-8000-0000000000a5";
    private static final String SG_B = "b5b5b5b5-0000-4000-8000-0000000000b5";
    private static final String CLIENT_IP = "10.0.0.5";
    private static final String SERVER_IP = "10.0.0.6";
    private static final String REMOTE_A = "a7a7a7a7-0000-4000-8000-0000000000a7";
    private static final String REMOTE_B = "b7b7b7b7-0000-4000-8000-0000000000b7";
    private static final int SOURCE_PORT = 40053;
    /** What a client sends to UDP 5353, and the server echoes. */
    private static final String DATAGRAM = "hello";

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
            listeners.add(host.machine.start(Command.of("socat", "UDP-RECVFROM:5353,fork", "PIPE")
                    .inNamespace(vm(p, "server"))));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "a".equals(tcp(a)) && "b".equals(tcp(b))
                && answered(udp(a, SOURCE_PORT - 1)) && answered(udp(b, SOURCE_PORT - 1)));
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

    private static Rule rule(String direction, String protocol, Integer port, String remoteGroup) {
        return new Rule(null, direction, "IPv4", protocol, port, port, null, remoteGroup, null);
    }

    /** A's server admits TCP 22 and UDP 5353, B's server nothing; egress anywhere for all. */
    private void filterBoth() {
        filter(new Group(true, List.of(rule("ingress", "tcp", 22, null), rule("ingress", "udp", 5353, null),
                rule("egress", null, null, null))), new Group(true, List.of(rule("egress", null, null, null))), Map.of());
    }

    private void filter(Group groupA, Group groupB, Map<String, Map<String, List<String>>> members) {
        driver.deferApply();
        driver.updateSecurityGroups(Map.of(SG_A, groupA, SG_B, groupB), members);
        for (Project p : List.of(a, b)) {
            driver.updatePortFilter(p.filter("client"));
            driver.updatePortFilter(p.filter("server"));
        }
        driver.applyDeferred();
    }

    /** Each server admits UDP 5353 from the members of its project's remote group (10.0.0.5, its client, in both). */
    private void filterByRemoteGroups(List<String> membersOfA) {
        Rule egress = rule("egress", null, null, null);
        filter(new Group(true, List.of(rule("ingress", "udp", 5353, REMOTE_A), egress)),
                new Group(true, List.of(rule("ingress", "udp", 5353, REMOTE_B), egress)),
                Map.of(REMOTE_A, Map.of("IPv4", membersOfA, "IPv6", List.of()),
                        REMOTE_B, Map.of("IPv4", List.of(CLIENT_IP), "IPv6", List.of())));
    }

    /** The zone of {@code p}'s network in the raw table (0 when it has none). */
    private int zoneOf(Project p) {
        Matcher m = Pattern.compile("-i " + Pattern.quote(p.bridge()) + " -j CT --zone (\\d+)")
                .matcher(new Iptables(host.executor).save("raw"));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The host's tracked UDP connections from source port {@link #SOURCE_PORT} to 5353 in {@code zone}. */
    private List<String> flows(int zone) {
        return host.executor.check(Command.of("conntrack", "-L", "-w", Integer.toString(zone), "-p", "udp", "--sport",
                Integer.toString(SOURCE_PORT), "--dport", "5353"))
                .stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    /** The greeting of {@code p}'s server on TCP 22, seen from its client ("" when dropped). */
    private String tcp(Project p) {
        return host.machine.execute(Command.of("socat", "-u", "TCP:" + SERVER_IP + ":22,connect-timeout=2", "STDOUT")
                .inNamespace(vm(p, "client"))).stdout().strip();
    }

    /**
     * What {@code p}'s server echoed of one UDP datagram to 5353 from its client's source port
     * {@code sourcePort} ("" when nothing came back within 3 s).
     */
    private static boolean answered(String echo) {
        return echo.equals(DATAGRAM);
    }

    private String udp(Project p, int sourcePort) {
        return host.machine.execute(Command.of("socat", "-t", "3", "-", "UDP:" + SERVER_IP + ":5353,sourceport=" + sourcePort)
                .withStdin(DATAGRAM + "\n").inNamespace(vm(p, "client"))).stdout().strip();
    }

    @Test
    void aFlowTrackedInOneProjectDoesNotOpenTheSameAddressesAndPortsInAnother() {
        filterBoth();
        assertThat(tcp(a)).as("A's server admits TCP 22").isEqualTo("a");
        assertThat(tcp(b)).as("B's server admits nothing").isEmpty();
        assertThat(udp(b, SOURCE_PORT + 1)).as("B's server admits no UDP").isEmpty();

        assertThat(answered(udp(a, SOURCE_PORT))).as("A's flow: the datagram in, the answer back as ESTABLISHED").isTrue();
        assertThat(udp(b, SOURCE_PORT)).as("B's datagram with the 5-tuple of A's flow is NEW in B's zone: dropped")
                .isEmpty();
        assertThat(answered(udp(a, SOURCE_PORT))).as("A's flow goes on").isTrue();
        assertThat(tcp(a)).isEqualTo("a");

        String raw = new Iptables(host.executor).save("raw");
        assertThat(raw).containsPattern("-i " + a.bridge() + " -j CT --zone \\d+")
                .containsPattern("-i " + b.bridge() + " -j CT --zone \\d+");
        assertThat(new Iptables(host.machine).save()).as("the machine's own iptables are untouched")
                .doesNotContain(host.prefix);
    }

    @Test
    void aRestartedDriverKeepsEveryNetworkInItsZoneSoTrackedFlowsLiveOn() {
        driver.deferApply();
        driver.updatePortFilter(b.filter("client"));
        driver.updatePortFilter(b.filter("server"));
        driver.applyDeferred();
        filterBoth();
        assertThat(answered(udp(a, SOURCE_PORT))).isTrue();
        int zoneA = zoneOf(a);
        int zoneB = zoneOf(b);
        assertThat(zoneB).as("B came first: a fresh start giving both at once would swap them").isPositive()
                .isLessThan(zoneA);
        assertThat(flows(zoneA)).as("A's flow is tracked in A's zone").hasSize(1);

        driver = new IptablesFirewallDriver(host.executor, host.prefix + "-");
        filterBoth();
        assertThat(driver.restoreCount()).as("the restarted driver found every chain as wanted: nothing rewritten")
                .isZero();
        assertThat(zoneOf(a)).as("the restarted driver recovered the zones from the raw table").isEqualTo(zoneA);
        assertThat(zoneOf(b)).isEqualTo(zoneB);
        assertThat(flows(zoneA)).as("A's flow lives on in A's zone").hasSize(1);
        assertThat(udp(b, SOURCE_PORT)).as("B's copy of A's 5-tuple is still dropped").isEmpty();
        assertThat(flows(0)).as("nothing is tracked in the default zone").isEmpty();
    }

    @Test
    void aRemovedPortTakesItsConnectionsAndTheLastOneItsNetworksZone() {
        filter(new Group(true, List.of(rule("egress", null, null, null))), new Group(true, List.of(rule("ingress", "udp",
                5353, null), rule("egress", null, null, null))), Map.of());
        assertThat(answered(udp(b, SOURCE_PORT))).isTrue();
        int zoneA = zoneOf(a);
        int zoneB = zoneOf(b);
        assertThat(flows(zoneB)).hasSize(1);

        driver.removePortFilter(b.filter("client").device());
        assertThat(flows(zoneB)).as("a removed port's connections are deleted in its network's zone").isEmpty();
        assertThat(zoneOf(b)).as("the server keeps the network, and the zone").isEqualTo(zoneB);
        assertThat(answered(udp(b, SOURCE_PORT))).as("the unfiltered client reaches the server again").isTrue();
        assertThat(flows(zoneB)).hasSize(1);

        driver.removePortFilter(b.filter("server").device());
        assertThat(new Iptables(host.executor).save("raw")).doesNotContain(b.bridge());
        assertThat(flows(zoneB)).as("the freed zone's connections are deleted").isEmpty();
        assertThat(zoneOf(a)).as("A keeps its zone").isEqualTo(zoneA);
    }

    @Test
    void anAddressLeavingARemoteGroupLosesItsConnectionsInThatGroupsNetworksOnly() {
        filterByRemoteGroups(List.of(CLIENT_IP));
        assertThat(answered(udp(a, SOURCE_PORT))).isTrue();
        assertThat(answered(udp(b, SOURCE_PORT))).isTrue();
        assertThat(flows(zoneOf(a))).hasSize(1);
        assertThat(flows(zoneOf(b))).hasSize(1);

        filterByRemoteGroups(List.of());
        assertThat(flows(zoneOf(a))).as("A's client left A's remote group: its connection in A's zone is deleted")
                .isEmpty();
        assertThat(flows(zoneOf(b))).as("B's client, same address, is still a member of B's group: untouched").hasSize(1);
        assertThat(udp(a, SOURCE_PORT)).as("A's server no longer admits its client").isEmpty();
    }

    @Test
    void aRemovedRuleCutsTheFlowsItLetInInItsNetworksZoneOnly() {
        Rule udp = rule("ingress", "udp", 5353, null);
        Rule egress = rule("egress", null, null, null);
        filter(new Group(true, List.of(udp, rule("ingress", "tcp", 22, null), egress)), new Group(true, List.of(udp, egress)),
                Map.of());
        assertThat(answered(udp(a, SOURCE_PORT))).isTrue();
        assertThat(answered(udp(b, SOURCE_PORT))).isTrue();
        int zoneA = zoneOf(a);
        int zoneB = zoneOf(b);
        assertThat(flows(zoneA)).hasSize(1);
        assertThat(flows(zoneB)).hasSize(1);

        filter(new Group(true, List.of(rule("ingress", "tcp", 22, null), egress)), new Group(true, List.of(udp, egress)),
                Map.of());
        assertThat(udp(a, SOURCE_PORT)).as("A's server lost the rule: the next datagram of the flow it let in is NEW "
                + "(its entry was deleted), and no rule admits it").isEmpty();
        assertThat(flows(zoneA)).as("nothing of it is tracked in A's zone").isEmpty();
        assertThat(flows(zoneB)).as("B's flow, same addresses and ports, B's rule unchanged: untouched").hasSize(1);
        assertThat(answered(udp(b, SOURCE_PORT))).as("B's flow goes on").isTrue();
        assertThat(tcp(a)).as("A's other rule still admits").isEqualTo("a");
    }
}
