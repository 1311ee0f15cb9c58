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
import org.neutrino.rpc.agent.SecurityGroupInfo;
import org.neutrino.rpc.agent.SecurityGroupInfo.Group;
import org.neutrino.rpc.agent.SecurityGroupInfo.PortFilter;
import org.neutrino.rpc.agent.SecurityGroupInfo.Rule;

/**
 * The iptables firewall driver on real kernel objects: a throw-away host namespace with a
 * bridge, two "VMs" (namespaces) plugged into it by veth pairs whose host ends are named like
 * Nova's taps, and the filters applied from hand-built {@link SecurityGroupInfo} through the
 * driver API — then real packets (ping, TCP through socat) say what passes. The chains carry the
 * run's prefix; the host namespace, and everything in it, is removed at the end.
 */
@Tag("root")
class IptablesFirewallDriverIT {
    private static final String SERVER_PORT = "5e7f0a11-1111-4aaa-8bbb-000000000001";
    private static final String CLIENT_PORT = "c1e0b022-2222-4ccc-8ddd-000000000002";
    private static final String SERVER_MAC = "fa:16:3e:00:01:01";
    private static final String CLIENT_MAC = "fa:16:3e:00:01:02";
    private static final String SERVER_IP = "10.0.0.11";
    private static final String CLIENT_IP = "10.0.0.12";
    private static final String SERVER_SG = "aaaa0000-0000-4000-8000-00000000000a";
    private static final String CLIENT_SG = "bbbb0000-0000-4000-8000-00000000000b";
    private static final String NET = "ffff0000-0000-4000-8000-00000000000f";
    private static final String ADDRESS_GROUP = "cccc0000-0000-4000-8000-00000000000c";
    /** The network's bridge, named as the driver expects it (its conntrack zone matches {@code -i} on it). */
    private static final String BRIDGE = DeviceNames.bridge(NET);

    private HostNamespaceFixture host;
    private final List<RunningProcess> listeners = new ArrayList<>();
    private String server;
    private String client;
    private IptablesFirewallDriver driver;

    @BeforeEach
    void setUp() {
        host = HostNamespaceFixture.create();
        host.assumePrograms("iptables-restore", "ip6tables-restore", "ipset", "conntrack", "socat", "busybox");
        server = host.namespace("server");
        client = host.namespace("client");
        IpLib ip = new IpLib(host.executor);
        List<IpCommand> commands = new ArrayList<>(List.of(IpCommands.addBridge(BRIDGE), IpCommands.setUp(BRIDGE)));
        commands.addAll(plug(SERVER_PORT, server, SERVER_MAC));
        commands.addAll(plug(CLIENT_PORT, client, CLIENT_MAC));
        ip.apply(commands).throwIfFailed();
        ip.inNamespace(server).apply(List.of(IpCommands.addAddress("eth0", SERVER_IP + "/24"), IpCommands.setUp("eth0")))
                .throwIfFailed();
        ip.inNamespace(client).apply(List.of(IpCommands.addAddress("eth0", CLIENT_IP + "/24"), IpCommands.setUp("eth0")))
                .throwIfFailed();
        driver = new IptablesFirewallDriver(host.executor, host.prefix + "-");
        for (int port : new int[] {22, 23, 8080}) {
            listeners.add(host.machine.start(Command.of("socat", "TCP-LISTEN:" + port + ",fork,reuseaddr",
                    "SYSTEM:echo " + port).inNamespace(server)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connects(22));
        assertThat(host.ping(client, SERVER_IP)).as("unfiltered, everything passes").isTrue();
    }

    @AfterEach
    void tearDown() {
        listeners.forEach(RunningProcess::close);
        if (host != null) {
            host.close();
        }
    }

    private static List<IpCommand> plug(String portId, String vm, String mac) {
        String tap = "tap" + portId.substring(0, 11);
        return List.of(IpCommands.addVeth(tap, "eth0", Optional.of(vm), Optional.of(mac), OptionalInt.empty()),
                IpCommands.setMaster(tap, BRIDGE), IpCommands.setUp(tap));
    }

    private static Rule rule(String direction, String protocol, Integer port, String remoteGroup) {
        return new Rule(null, direction, "IPv4", protocol, port, port, null, remoteGroup, null);
    }

    /** The server: ping and SSH from anywhere, 8080 from the client group's members; egress anywhere. */
    private static Group serverGroup() {
        return new Group(true, List.of(rule("ingress", "icmp", null, null), rule("ingress", "tcp", 22, null),
                rule("ingress", "tcp", 8080, CLIENT_SG), rule("egress", null, null, null)));
    }

    /** The client: egress only (replies come back through conntrack). */
    private static Group clientGroup() {
        return new Group(true, List.of(rule("egress", null, null, null)));
    }

    private static PortFilter port(String portId, String mac, String ip, String group, boolean portSecurity) {
        return new PortFilter("tap" + portId.substring(0, 11), portId, NET, mac, List.of(ip), List.of(),
                portSecurity ? List.of(group) : List.of(), portSecurity, "compute:nova");
    }

    private void filter(List<String> clientMembers, boolean clientPortSecurity) {
        driver.deferApply();
        driver.updateSecurityGroups(Map.of(SERVER_SG, serverGroup(), CLIENT_SG, clientGroup()),
                Map.of(CLIENT_SG, Map.of("IPv4", clientMembers, "IPv6", List.of())));
        driver.updatePortFilter(port(SERVER_PORT, SERVER_MAC, SERVER_IP, SERVER_SG, true));
        driver.updatePortFilter(port(CLIENT_PORT, CLIENT_MAC, CLIENT_IP, CLIENT_SG, clientPortSecurity));
        driver.applyDeferred();
    }

    /** Whether a TCP connection from the client to the server's {@code port} gets the listener's greeting. */
    private boolean connects(int port) {
        return host.machine.execute(Command.of("socat", "-u", "TCP:" + SERVER_IP + ":" + port + ",connect-timeout=2",
                "STDOUT").inNamespace(client)).stdout().strip().equals(Integer.toString(port));
    }

    /** One ping from the client with source 10.0.0.99, an address that is not its port's (BusyBox's ping takes -I address). */
    private boolean spoofedPing() {
        return host.machine.execute(Command.of("busybox", "ping", "-c", "1", "-W", "2", "-I", "10.0.0.99", SERVER_IP)
                .inNamespace(client)).exitCode() == 0;
    }

    /** The server with telnet (23) for the addresses of an address group only; the client's group as always. */
    private void filterByAddressGroup(List<String> addresses) {
        Group serverGroup = new Group(true, List.of(new Rule(null, "ingress", "IPv4", "tcp", 23, 23, null, null, ADDRESS_GROUP),
                rule("egress", null, null, null)));
        driver.deferApply();
        driver.updateSecurityGroups(Map.of(SERVER_SG, serverGroup, CLIENT_SG, clientGroup()),
                Map.of(ADDRESS_GROUP, Map.of("IPv4", addresses, "IPv6", List.of())));
        driver.updatePortFilter(port(SERVER_PORT, SERVER_MAC, SERVER_IP, SERVER_SG, true));
        driver.updatePortFilter(port(CLIENT_PORT, CLIENT_MAC, CLIENT_IP, CLIENT_SG, true));
        driver.applyDeferred();
    }

    @Test
    void aRuleWithARemoteAddressGroupAdmitsItsAddressesAndDropsOthers() {
        filterByAddressGroup(List.of("10.0.0.0/28", "192.0.2.0/24"));
        assertThat(connects(23)).as("the client's 10.0.0.12 is in the group's 10.0.0.0/28").isTrue();
        assertThat(connects(22)).as("no rule for 22").isFalse();

        long restores = driver.restoreCount();
        filterByAddressGroup(List.of("10.0.0.16/28", "192.0.2.0/24"));
        assertThat(driver.restoreCount()).as("an address change is an ipset change only").isEqualTo(restores);
        assertThat(connects(23)).as("the client is no longer in the group: dropped").isFalse();

        filterByAddressGroup(List.of("0.0.0.0/0"));
        assertThat(connects(23)).as("a group of every address (stored as two /1 halves) admits the client").isTrue();
        assertThat(host.machine.execute(Command.of("ipset", "list", "ag4-" + ADDRESS_GROUP.substring(0, 25))
                .inNamespace(host.hostNamespace)).stdout()).contains("0.0.0.0/1", "128.0.0.0/1");
    }

    @Test
    void securityGroupsDecideWhatCrossesTheBridge() {
        host.machine.check(Command.of("ip", "address", "add", "10.0.0.99/24", "dev", "eth0").inNamespace(client));
        assertThat(spoofedPing()).as("unfiltered, a second source address passes").isTrue();
        assertThat(connects(23)).as("unfiltered, TCP 23 passes").isTrue();
        filter(List.of(), true);

        assertThat(host.ping(client, SERVER_IP)).as("ICMP allowed in, the reply returns as ESTABLISHED").isTrue();
        assertThat(connects(22)).as("TCP 22 allowed; stateful return traffic to a client without ingress rules").isTrue();
        assertThat(connects(23)).as("TCP 23 has no rule: dropped").isFalse();
        assertThat(host.ping(server, CLIENT_IP)).as("the client allows no ingress").isFalse();
        assertThat(connects(8080)).as("8080 is for members of the client group, which has none yet").isFalse();

        long restores = driver.restoreCount();
        filter(List.of(CLIENT_IP), true);
        assertThat(driver.restoreCount()).as("a membership change is an ipset change only").isEqualTo(restores);
        assertThat(connects(8080)).as("the client joined the remote group").isTrue();

        assertThat(spoofedPing()).as("a spoofed source address is dropped").isFalse();

        filter(List.of(CLIENT_IP), false);
        assertThat(host.ping(server, CLIENT_IP)).as("port security off: the client is not filtered").isTrue();
        assertThat(host.ping(client, SERVER_IP)).as("the unfiltered client still reaches the server").isTrue();

        driver.deferApply();
        driver.removePortFilter("tap" + SERVER_PORT.substring(0, 11));
        driver.removePortFilter("tap" + CLIENT_PORT.substring(0, 11));
        driver.applyDeferred();
        assertThat(connects(23)).as("no filter left: everything passes again").isTrue();
        String saved = new Iptables(host.executor).save("filter");
        assertThat(saved).doesNotContain(host.prefix + "-i", host.prefix + "-o", host.prefix + "-s5e7f");
        assertThat(host.machine.execute(Command.of("ipset", "list", "-n").inNamespace(host.hostNamespace)).stdout())
                .as("the unused member sets are destroyed").isBlank();
        assertThat(new Iptables(host.machine).save()).as("the machine's own iptables are untouched")
                .doesNotContain(host.prefix);
    }

    @Test
    void ipv6NeighbourDiscoveryPassesTheFiltersAndIcmpv6FollowsTheRules() {
        host.machine.check(Command.of("ip", "address", "add", "2001:db8::11/64", "dev", "eth0", "nodad").inNamespace(server));
        host.machine.check(Command.of("ip", "address", "add", "2001:db8::12/64", "dev", "eth0", "nodad").inNamespace(client));
        await().atMost(Duration.ofSeconds(10)).until(() -> ping6(server, "2001:db8::12"));
        Group serverGroup = new Group(true, List.of(new Rule(null, "ingress", "IPv6", "ipv6-icmp", 128, null, null, null,
                null), new Rule(null, "egress", "IPv6", null, null, null, null, null, null)));
        Group clientGroup = new Group(true, List.of(new Rule(null, "egress", "IPv6", null, null, null, null, null, null)));
        driver.deferApply();
        driver.updateSecurityGroups(Map.of(SERVER_SG, serverGroup, CLIENT_SG, clientGroup), Map.of());
        driver.updatePortFilter(new PortFilter("tap" + SERVER_PORT.substring(0, 11), SERVER_PORT, NET, SERVER_MAC,
                List.of(SERVER_IP, "2001:db8::11"), List.of(), List.of(SERVER_SG), true, "compute:nova"));
        driver.updatePortFilter(new PortFilter("tap" + CLIENT_PORT.substring(0, 11), CLIENT_PORT, NET, CLIENT_MAC,
                List.of(CLIENT_IP, "2001:db8::12"), List.of(), List.of(CLIENT_SG), true, "compute:nova"));
        driver.applyDeferred();

        host.machine.execute(Command.of("ip", "-6", "neigh", "flush", "all").inNamespace(client));
        host.machine.execute(Command.of("ip", "-6", "neigh", "flush", "all").inNamespace(server));
        assertThat(ping6(client, "2001:db8::11")).as("echo requests allowed in, neighbour discovery both ways").isTrue();
        assertThat(ping6(server, "2001:db8::12")).as("the client allows no echo request in").isFalse();
        assertThat(host.ping(client, SERVER_IP)).as("no IPv4 rule in the server's group any more").isFalse();
    }

    private boolean ping6(String namespace, String address) {
        return host.machine.execute(Command.of("busybox", "ping", "-6", "-c", "1", "-W", "2", address)
                .inNamespace(namespace)).exitCode() == 0;
    }

    @Test
    void statelessGroupsAreUntrackedSoRepliesNeedTheirOwnRule() {
        Group server22 = new Group(false, List.of(rule("ingress", "tcp", 22, null), rule("egress", null, null, null)));
        Group clientEgressOnly = new Group(false, List.of(rule("egress", null, null, null)));
        applyBoth(server22, clientEgressOnly);
        assertThat(connects(22)).as("no connection tracking: the server's reply meets the client's rules, and none allows it")
                .isFalse();

        Group clientTakingTcp = new Group(false, List.of(rule("egress", null, null, null), rule("ingress", "tcp", null, null)));
        applyBoth(server22, clientTakingTcp);
        assertThat(connects(22)).as("replies allowed by a rule of their own").isTrue();
        assertThat(connects(23)).as("TCP 23 still has no rule at the server").isFalse();
        assertThat(new Iptables(host.executor).save("raw")).contains("-j CT --notrack");
    }

    private void applyBoth(Group serverGroup, Group clientGroup) {
        driver.deferApply();
        driver.updateSecurityGroups(Map.of(SERVER_SG, serverGroup, CLIENT_SG, clientGroup), Map.of());
        driver.updatePortFilter(port(SERVER_PORT, SERVER_MAC, SERVER_IP, SERVER_SG, true));
        driver.updatePortFilter(port(CLIENT_PORT, CLIENT_MAC, CLIENT_IP, CLIENT_SG, true));
        driver.applyDeferred();
    }
}
