package org.neutrino.functional.l3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.agent.l3.L3Agent;
import org.neutrino.agent.l3.L3AgentConfig;
import org.neutrino.functional.linux.ArpCapture;
import org.neutrino.functional.linux.HostNamespaceFixture;
import org.neutrino.functional.linux.ObservedExecutor;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.Executor;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.LinkAddress;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.RouterInfo;
import org.neutrino.rpc.inprocess.InProcessBus;
import org.neutrino.testlib.Closeables;

/**
 * The L3 agent against the real kernel, on a host simulated as a namespace (root helper
 * {@code ip netns exec <host>}), driven by hand-built {@link RouterInfo} records from a fake
 * server on an in-process bus. The test plays the L2 agent (it puts the router's taps into a
 * bridge per network in the host) and the world around: an "outside" namespace on the external
 * bridge (203.0.113.1, the external subnet's gateway, with a TCP service that answers the
 * source address it sees) and a "vm" namespace on the internal bridge (172.16.1.5).
 */
@Tag("root")
class L3AgentIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FIP = "f1f1f1f1-0001-4000-8000-000000000001";
    private static final String FIP_B = "f1f1f1f1-0002-4000-8000-000000000002";
    private static final String FIP_C = "f1f1f1f1-0003-4000-8000-000000000003";
    private static final String GATEWAY_MAC = "fa:16:3e:00:02:02";
    private static final String INTERNAL_PORT = "1a1a1a1a-0001-4000-8000-000000000001";
    private static final String GATEWAY_PORT = "2b2b2b2b-0002-4000-8000-000000000002";
    private static final String WHOAMI_PORT = "5000";

    private HostNamespaceFixture host;
    private InProcessBus bus;
    private FakeRouterServer server;
    private L3Agent agent;
    private IpLib ip;
    private String routerId;
    private String routerNamespace;
    private String outside;
    private String vm;
    private Path statePath;

    @BeforeEach
    void setUp() throws Exception {
        host = HostNamespaceFixture.create();
        host.assumePrograms("iptables-restore", "conntrack", "arping", "socat", "radvd");
        routerId = host.prefix + "-3b4c-4d5e-8f6a-7b8c9d0e1f2a";
        routerNamespace = DeviceNames.routerNamespace(routerId);
        host.track(routerNamespace);
        statePath = host.directory("state");
        ip = new IpLib(host.executor);
        ip.apply(List.of(IpCommands.addBridge("brq-ext"), IpCommands.setUp("brq-ext"),
                IpCommands.addBridge("brq-int"), IpCommands.setUp("brq-int"))).throwIfFailed();
        outside = host.namespace("outside");
        vm = host.namespace("vm");
        plugMachine(outside, "o-eth", "brq-ext", "203.0.113.1/24", Optional.empty());
        plugMachine(vm, "v-eth", "brq-int", "172.16.1.5/24", Optional.of("172.16.1.1"));
        whoami(outside);
        bus = new InProcessBus();
        server = new FakeRouterServer(bus);
    }

    @AfterEach
    void tearDown() {
        Closeables.closeAll(agent, server, bus, host);
    }

    /** A TCP service on {@link #WHOAMI_PORT} in {@code namespace} that answers the source address it sees. */
    private void whoami(String namespace) {
        host.machine.start(Command.of("socat", "TCP-LISTEN:" + WHOAMI_PORT + ",reuseaddr,fork",
                "SYSTEM:echo $SOCAT_PEERADDR").inNamespace(namespace));
    }

    /** A machine: its eth0 is a veth whose host end is in {@code bridge}. */
    private void plugMachine(String namespace, String hostEnd, String bridge, String cidr, Optional<String> gateway) {
        ip.apply(List.of(IpCommands.addVeth(hostEnd, "eth0", Optional.of(namespace), Optional.empty(),
                OptionalInt.empty()), IpCommands.setMaster(hostEnd, bridge), IpCommands.setUp(hostEnd)))
                .throwIfFailed();
        IpLib inside = ip.inNamespace(namespace);
        inside.apply(List.of(IpCommands.addAddress("eth0", cidr), IpCommands.setUp("eth0"))).throwIfFailed();
        gateway.ifPresent(g -> inside.execute(IpCommands.replaceDefaultRoute(g, Optional.empty())));
    }

    private RouterInfo router(List<RouterInfo.FloatingIp> floatingIps) {
        RouterInfo.Port gw = new RouterInfo.Port(GATEWAY_PORT, "ext", GATEWAY_MAC, 1500,
                List.of(new RouterInfo.Address("sub-ext", "203.0.113.2", "203.0.113.0/24", "203.0.113.1", 4, null)));
        RouterInfo.Port internal = new RouterInfo.Port(INTERNAL_PORT, "int", "fa:16:3e:00:01:01", 1450,
                List.of(new RouterInfo.Address("sub-int", "172.16.1.1", "172.16.1.0/24", "172.16.1.1", 4, null)));
        return new RouterInfo(routerId, "r1", true, true, gw, List.of(internal), floatingIps, List.of());
    }

    private L3Agent startAgent(Executor executor) {
        L3AgentConfig config = new L3AgentConfig(host.hostNamespace, statePath, Duration.ofSeconds(60),
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
        return new L3Agent(config, bus, executor).start();
    }

    private void routersUpdated() {
        var args = AgentJson.object();
        args.set("router_ids", AgentJson.tree(List.of(routerId)));
        bus.cast(Target.server(AgentTopics.L3_AGENT, host.hostNamespace), new Message(AgentTopics.ROUTERS_UPDATED, args));
    }

    /** What the L2 agent would do: put the router's taps into their networks' bridges. */
    private void plugRouterTaps() {
        for (String[] tapAndBridge : new String[][] {{DeviceNames.tap(GATEWAY_PORT), "brq-ext"},
                {DeviceNames.tap(INTERNAL_PORT), "brq-int"}}) {
            await().atMost(WAIT).until(() -> ip.link(tapAndBridge[0]).isPresent());
            ip.execute(IpCommands.setMaster(tapAndBridge[0], tapAndBridge[1]));
        }
    }

    /** The source address the outside sees for a TCP connection the vm opens. */
    private String sourceSeenOutside() {
        return sourceSeen(vm, "203.0.113.1");
    }

    /** The source address the listener at {@code address} sees for a TCP connection {@code from} opens. */
    private String sourceSeen(String from, String address) {
        return sourceSeen(from, address, WHOAMI_PORT);
    }

    /** The source address the listener at {@code address:port} sees for a TCP connection {@code from} opens. */
    private String sourceSeen(String from, String address, String port) {
        CommandResult result = host.inNamespace(from, "socat", "-T", "3", "-", "TCP:" + address + ":" + port
                + ",connect-timeout=3");
        return result.exitCode() == 0 ? result.stdout().strip() : "unreachable: " + result.stderr().strip();
    }

    private String conntrackOf(String address) {
        return host.inNamespace(routerNamespace, "conntrack", "-L", "-d", address).stdout()
                + host.inNamespace(routerNamespace, "conntrack", "-L", "-q", address).stdout();
    }

    @Test
    void snatFloatingIpRestartAndRemoval() {
        server.put(router(List.of()));
        agent = startAgent(host.executor);
        await().atMost(WAIT).until(() -> agent.routers().contains(routerId));
        plugRouterTaps();

        IpLib router = ip.inNamespace(routerNamespace);
        assertThat(router.addresses(DeviceNames.routerInternal(INTERNAL_PORT))).extracting(LinkAddress::cidr)
                .contains("172.16.1.1/24");
        assertThat(router.link(DeviceNames.routerInternal(INTERNAL_PORT)).orElseThrow().mtu()).isEqualTo(1450);
        assertThat(router.link(DeviceNames.routerGateway(GATEWAY_PORT)).orElseThrow().mac()).hasValue(GATEWAY_MAC);
        assertThat(host.inNamespace(routerNamespace, "sysctl", "-n", "net.ipv4.ip_forward").stdout().strip())
                .isEqualTo("1");
        assertThat(host.machine.check("sysctl", "-n", "net.ipv4.ip_forward").stdout().strip())
                .as("the host's own forwarding is not the agent's").isNotNull();
        assertThat(sourceSeenOutside()).as("SNAT to the gateway address").isEqualTo("203.0.113.2");
        assertThat(host.ping(outside, "203.0.113.10")).as("no floating IP yet").isFalse();

        host.machine.check("ip", "-n", outside, "neigh", "replace", "203.0.113.10", "lladdr", "02:00:00:00:00:99",
                "dev", "eth0", "nud", "stale");
        server.put(router(List.of(new RouterInfo.FloatingIp(FIP, "203.0.113.10", "172.16.1.5", "vm-port"))));
        routersUpdated();
        await().atMost(WAIT).until(() -> "ACTIVE".equals(server.floatingIpStatus(FIP)));
        await("the gratuitous ARP corrects the outside's stale entry").atMost(Duration.ofSeconds(5))
                .until(() -> ip.inNamespace(outside).neighbours("eth0").stream()
                        .anyMatch(n -> n.ip().equals("203.0.113.10")
                                && n.mac().filter(GATEWAY_MAC::equalsIgnoreCase).isPresent()));
        assertThat(host.ping(outside, "203.0.113.10")).as("outside reaches the vm by its floating IP").isTrue();
        assertThat(sourceSeenOutside()).as("the vm's own traffic leaves from its floating IP").isEqualTo("203.0.113.10");
        assertThat(conntrackOf("203.0.113.10")).contains("203.0.113.10");

        ObservedExecutor observed = restartAgent();
        assertThat(observed.mutatingSince(0)).as("a restart finding everything right writes nothing").isEmpty();
        assertThat(host.ping(outside, "203.0.113.10")).isTrue();

        server.put(router(List.of()));
        routersUpdated();
        await().atMost(WAIT).until(() -> "DOWN".equals(server.floatingIpStatus(FIP)));
        assertThat(observed.mutatingSince(0)).anyMatch(l -> l.contains("conntrack -D"))
                .anyMatch(l -> l.contains("iptables-restore")).noneMatch(l -> l.contains("netns add"));
        assertThat(conntrackOf("203.0.113.10")).as("its NAT flows are forgotten").doesNotContain("203.0.113.10");
        assertThat(host.ping(outside, "203.0.113.10")).as("the floating IP is gone").isFalse();
        assertThat(router.addresses(DeviceNames.routerGateway(GATEWAY_PORT))).filteredOn(a -> "global".equals(a.scope()))
                .extracting(LinkAddress::cidr).containsExactly("203.0.113.2/24");
        assertThat(sourceSeenOutside()).isEqualTo("203.0.113.2");

        RouterInfo withGateway = router(List.of());
        server.put(new RouterInfo(routerId, "r1", true, true, null, withGateway.interfaces(), List.of(), List.of()));
        routersUpdated();
        await().atMost(WAIT).until(() -> router.link(DeviceNames.routerGateway(GATEWAY_PORT)).isEmpty());
        await().atMost(WAIT).until(() -> ip.link(DeviceNames.tap(GATEWAY_PORT)).isEmpty());
        assertThat(agent.needsResync(routerId)).isFalse();
        assertThat(host.inNamespace(routerNamespace, "iptables-save", "-t", "nat").stdout())
                .doesNotContain("SNAT").doesNotContain("DNAT");
        assertThat(sourceSeenOutside()).as("no gateway, no way out").startsWith("unreachable");

        server.remove(routerId);
        routersUpdated();
        await().atMost(WAIT).until(() -> agent.routers().isEmpty());
        assertThat(new org.neutrino.linux.IpNetns(host.machine).list()).doesNotContain(routerNamespace);
        await().atMost(WAIT).until(() -> ip.link(DeviceNames.tap(GATEWAY_PORT)).isEmpty()
                && ip.link(DeviceNames.tap(INTERNAL_PORT)).isEmpty());
        assertThat(statePath.resolve("l3").resolve(routerId)).doesNotExist();
    }

    @Test
    void instancesReachFloatingIpsBehindTheirOwnRouterAsNeutronsHairpinNat() {
        String vmB = host.namespace("vm-b");
        plugMachine(vmB, "vb-eth", "brq-int", "172.16.1.6/24", Optional.of("172.16.1.1"));
        whoami(vmB);
        whoami(vm);
        RouterInfo.FloatingIp fipB = new RouterInfo.FloatingIp(FIP_B, "203.0.113.11", "172.16.1.6", "vm-b-port");
        server.put(router(List.of(fipB)));
        agent = startAgent(host.executor);
        await().atMost(WAIT).until(() -> agent.routers().contains(routerId));
        plugRouterTaps();

        assertThat(host.pingOnce(vm, "203.0.113.11").stdout())
                .as("A, without a floating IP, pings B's and the answer comes from it, through the router")
                .contains("from 203.0.113.11");
        assertThat(sourceSeen(vm, "203.0.113.11")).as("B answers A through the router, which SNATs A to its gateway")
                .isEqualTo("203.0.113.2");
        assertThat(sourceSeen(vmB, "203.0.113.11")).as("B reaches its own floating IP, seen from it")
                .isEqualTo("203.0.113.11");
        assertThat(sourceSeen(outside, "203.0.113.11")).as("traffic from outside keeps its source")
                .isEqualTo("203.0.113.1");

        server.put(router(List.of(fipB, new RouterInfo.FloatingIp(FIP, "203.0.113.10", "172.16.1.5", "vm-port"))));
        routersUpdated();
        await().atMost(WAIT).until(() -> "ACTIVE".equals(server.floatingIpStatus(FIP)));
        assertThat(sourceSeen(vm, "203.0.113.11")).as("A with a floating IP is seen as it").isEqualTo("203.0.113.10");
        assertThat(host.ping(vm, "203.0.113.11")).isTrue();
        assertThat(sourceSeen(vm, "172.16.1.6")).as("on the subnet, no router and no NAT").isEqualTo("172.16.1.5");
        assertThat(sourceSeenOutside()).isEqualTo("203.0.113.10");

        assertThat(restartAgent().mutatingSince(0)).as("a restart finding the hairpin rules right writes nothing").isEmpty();
        assertThat(sourceSeen(vmB, "203.0.113.10")).as("B reaches A's floating IP, seen from B's")
                .isEqualTo("203.0.113.11");
    }

    @Test
    void aPortForwardingTakesItsPortOfTheFloatingAddressToTheInstancesListenerAndNoOtherPort() {
        whoami(vm);
        RouterInfo.PortForwarding ssh = new RouterInfo.PortForwarding("pf-1", FIP_B, "203.0.113.20", "tcp", 2222, "172.16.1.5",
                Integer.parseInt(WHOAMI_PORT));
        RouterInfo plain = router(List.of());
        server.put(withForwardings(plain, List.of(ssh)));
        agent = startAgent(host.executor);
        await().atMost(WAIT).until(() -> agent.routers().contains(routerId));
        plugRouterTaps();

        await("the forwarded port reaches the vm's listener, which sees the outside's own address").atMost(WAIT)
                .until(() -> sourceSeen(outside, "203.0.113.20", "2222").equals("203.0.113.1"));
        assertThat(sourceSeen(outside, "203.0.113.20", WHOAMI_PORT)).as("the listener's own port is not forwarded")
                .startsWith("unreachable");
        assertThat(sourceSeen(outside, "203.0.113.20", "2223")).as("nor any other").startsWith("unreachable");
        assertThat(host.ping(outside, "203.0.113.20")).as("the floating address answers as the router's own").isTrue();
        assertThat(sourceSeenOutside()).as("the vm's own traffic still leaves from the gateway address").isEqualTo("203.0.113.2");

        assertThat(restartAgent().mutatingSince(0)).as("a restart finding the forwarding right writes nothing").isEmpty();
        assertThat(sourceSeen(outside, "203.0.113.20", "2222")).isEqualTo("203.0.113.1");

        server.put(plain);
        routersUpdated();
        await("the removed forwarding stops forwarding").atMost(WAIT)
                .until(() -> sourceSeen(outside, "203.0.113.20", "2222").startsWith("unreachable"));
        assertThat(ip.inNamespace(routerNamespace).addresses(DeviceNames.routerGateway(GATEWAY_PORT)))
                .filteredOn(a -> "global".equals(a.scope())).extracting(LinkAddress::cidr).containsExactly("203.0.113.2/24");
    }

    private static RouterInfo withForwardings(RouterInfo r, List<RouterInfo.PortForwarding> forwardings) {
        return new RouterInfo(r.id(), r.name(), r.adminStateUp(), r.enableSnat(), r.gwPort(), r.interfaces(), r.floatingIps(),
                r.routes(), forwardings);
    }

    @Test
    void theKernelAnnouncesTheFloatingIpsOfANewGatewayAndArpingThoseAddedToItLater() {
        host.assumePrograms("tcpdump");
        RouterInfo.FloatingIp fipA = new RouterInfo.FloatingIp(FIP, "203.0.113.10", "172.16.1.5", "vm-port");
        RouterInfo.FloatingIp fipB = new RouterInfo.FloatingIp(FIP_B, "203.0.113.11", "172.16.1.6", "vm-b-port");
        try (ArpCapture capture = ArpCapture.start(host.machine, host.hostNamespace)) {
            server.put(router(List.of(fipA, fipB)));
            ObservedExecutor observed = new ObservedExecutor(host.executor);
            agent = startAgent(observed);
            await().atMost(WAIT).until(() -> agent.routers().contains(routerId));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(List.of("203.0.113.10", "203.0.113.11",
                    "203.0.113.2")).as("a gratuitous ARP per address of the new qg-, sent by the kernel; captured: %s",
                    capture.lines()).allMatch(address -> capture.announced(address, GATEWAY_MAC)));
            assertThat(observed.mutatingSince(0)).as("a full sync from nothing spawns no arping").noneMatch(l -> l.contains("arping"));
            assertThat(host.inNamespace(routerNamespace, "sysctl", "-n", "net.ipv4.conf.default.arp_notify").stdout().strip())
                    .isEqualTo("1");

            plugRouterTaps();
            server.put(router(List.of(fipA, fipB, new RouterInfo.FloatingIp(FIP_C, "203.0.113.12", "172.16.1.7", "vm-c-port"))));
            routersUpdated();
            await().atMost(WAIT).until(() -> "ACTIVE".equals(server.floatingIpStatus(FIP_C)));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(capture.announced("203.0.113.12", GATEWAY_MAC))
                    .as("a floating IP added to the qg- already up is announced by arping; captured: %s", capture.lines())
                    .isTrue());
            assertThat(observed.mutatingSince(0)).filteredOn(l -> l.contains("arping")).singleElement().asString()
                    .endsWith(" 203.0.113.12");
        }
    }

    @Test
    void radvdAdvertisesSlaacSubnetsSurvivesARestartAndStopsWithTheirRemoval() {
        RouterInfo.Port dualStack = new RouterInfo.Port(INTERNAL_PORT, "int", "fa:16:3e:00:01:01", 1450, List.of(
                new RouterInfo.Address("sub-int", "172.16.1.1", "172.16.1.0/24", "172.16.1.1", 4, null),
                new RouterInfo.Address("sub-v6", "2001:db8:1::1", "2001:db8:1::/64", "2001:db8:1::1", 6, "slaac")));
        server.put(new RouterInfo(routerId, "r6", true, true, null, List.of(dualStack), List.of(), List.of()));
        agent = startAgent(host.executor);
        await().atMost(WAIT).until(() -> agent.routers().contains(routerId));
        String tap = DeviceNames.tap(INTERNAL_PORT);
        ip.execute(IpCommands.setMaster(tap, "brq-int"));

        Path pidFile = statePath.resolve("l3").resolve(routerId).resolve("radvd.pid");
        await().atMost(WAIT).until(() -> java.nio.file.Files.exists(pidFile));
        String pid = readPid(pidFile);
        assertThat(host.machine.check("ip", "netns", "identify", pid).stdout().strip()).isEqualTo(routerNamespace);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> ip.inNamespace(vm).addresses("eth0")
                .stream().anyMatch(a -> a.cidr().startsWith("2001:db8:1:") && "global".equals(a.scope())));

        assertThat(restartAgent().mutatingSince(0)).as("radvd keeps running untouched").isEmpty();
        assertThat(readPid(pidFile)).isEqualTo(pid);

        server.put(router(List.of()));
        routersUpdated();
        await().atMost(WAIT).until(() -> !java.nio.file.Files.exists(pidFile));
        assertThat(runs(pid)).as("radvd %s has exited", pid).isFalse();
    }

    /** Whether {@code pid} runs: a zombie (its parent, init here, may be slow to reap it) has exited. */
    private static boolean runs(String pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", pid, "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String readPid(Path pidFile) {
        try {
            return java.nio.file.Files.readString(pidFile).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stops the agent and starts a new one that has synced the router; its executor tells what it ran. */
    private ObservedExecutor restartAgent() {
        agent.close();
        ObservedExecutor observed = new ObservedExecutor(host.executor);
        int syncsBefore = server.syncs();
        agent = startAgent(observed);
        await().atMost(WAIT).until(() -> server.syncs() > syncsBefore && agent.routers().contains(routerId));
        return observed;
    }
}
