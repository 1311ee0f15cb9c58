package org.neutrino.functional.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.agent.dhcp.DhcpAgent;
import org.neutrino.agent.dhcp.DhcpAgentConfig;
import org.neutrino.agent.metadata.MetadataAgent;
import org.neutrino.agent.metadata.MetadataAgentConfig;
import org.neutrino.functional.linux.Pids;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.DnsmasqSettings;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.Link;
import org.neutrino.linux.LinkAddress;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.linux.RootHelper;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DeviceDetails.FixedIp;
import org.neutrino.rpc.agent.DhcpNetwork;
import org.neutrino.rpc.inprocess.InProcessBus;
import org.neutrino.testlib.Closeables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCP agent against the real kernel and a real dnsmasq, on a host simulated as a namespace
 * (root helper {@code ip netns exec <host>}), with a fake server on an in-process bus. The test
 * plays the L2 agent: it owns the network's bridge in the host and enslaves the agent's
 * {@code tap<port11>} and the "VMs'" veths into it; the VMs run BusyBox udhcpc.
 */
@Tag("root")
class DhcpAgentIT {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpAgentIT.class);
    private static final String SUBNET = "5e5e5e5e-0000-4000-8000-000000000001";
    private static final DhcpNetwork.Port DHCP_PORT = port("d1c0f2e9-91aa-4c3b-8e7f-6a5b4c3d2e1f",
            "fa:16:3e:00:00:02", "10.0.0.2");
    private static final DhcpNetwork.Port VM1 = port("7a7a7a7a-0001-4000-8000-000000000005", "fa:16:3e:00:00:05",
            "10.0.0.5");
    private static final DhcpNetwork.Port VM2 = port("7a7a7a7a-0002-4000-8000-000000000006", "fa:16:3e:00:00:06",
            "10.0.0.6");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String UDHCPC_SCRIPT = """
            #!/bin/sh
            case "$1" in
              bound|renew)
                ip address flush dev "$interface"
                ip address add "$ip/$mask" dev "$interface"
                [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
                set -- $staticroutes
                while [ $# -ge 2 ]; do ip route replace "$1" via "$2" dev "$interface"; shift 2; done
                echo "ip=$ip router=$router dns=$dns mtu=$mtu ntpsrv=$ntpsrv domain=$domain routes=$staticroutes" \
                  > "$LEASE_FILE"
                ;;
            esac
            exit 0
            """;

    private SimulatedHost host;
    private InProcessBus bus;
    private FakeQPlugin server;
    private DhcpAgent agent;
    private String networkId;
    private String bridge;
    private Path statePath;
    private Path script;
    private IpLib ip;

    @BeforeEach
    void setUp() throws IOException {
        host = SimulatedHost.create("dnsmasq", "udhcpc");
        networkId = host.prefix + "-7b44-4f5c-8a9b-0c1d2e3f4a5b";
        host.track(DeviceNames.dhcpNamespace(networkId));
        statePath = host.directory("state");
        script = host.directory("udhcpc").resolve("udhcpc.sh");
        Files.writeString(script, UDHCPC_SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        ip = new IpLib(host.executor);
        bridge = DeviceNames.bridge(networkId);
        ip.apply(List.of(IpCommands.addBridge(bridge), IpCommands.setUp(bridge))).throwIfFailed();
        bus = new InProcessBus();
        server = new FakeQPlugin(bus);
    }

    @AfterEach
    void tearDown() {
        Closeables.closeAll(agent, server, bus, host);
    }

    private static DhcpNetwork.Port port(String id, String mac, String address) {
        return new DhcpNetwork.Port(id, mac, List.of(new FixedIp(SUBNET, address)), "compute:nova", "vm-" + id);
    }

    private DhcpNetwork network(DhcpNetwork.Port... ports) {
        DhcpNetwork.Subnet subnet = new DhcpNetwork.Subnet(SUBNET, "10.0.0.0/24", 4, "10.0.0.1", true,
                List.of("198.51.100.53"), List.of(), null);
        return new DhcpNetwork(networkId, true, 1450, List.of(subnet), List.of(ports));
    }

    private DhcpAgent startAgent(ProcessExecutor executor) {
        return startAgent(executor, Optional.empty());
    }

    private DhcpAgent startAgent(ProcessExecutor executor, Optional<DhcpAgentConfig.Metadata> metadata) {
        DhcpAgentConfig config = new DhcpAgentConfig(host.prefix + "-host", statePath, DnsmasqSettings.defaults(),
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10), 2, "linuxbridge", "nova",
                metadata);
        return new DhcpAgent(config, bus, executor).start();
    }

    private void cast(String method) {
        var args = AgentJson.object();
        args.put("network_id", networkId);
        bus.cast(Target.server(AgentTopics.DHCP_AGENT, host.prefix + "-host"), new Message(method, args));
    }

    private Path networkDirectory() {
        return statePath.resolve("dhcp").resolve(networkId);
    }

    private Optional<Long> dnsmasqPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(networkDirectory().resolve("pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What the L2 agent would do: put the DHCP port's tap into the network's bridge. */
    private void plugDhcpTap() {
        String tap = DeviceNames.tap(DHCP_PORT.id());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> ip.link(tap).isPresent());
        ip.execute(IpCommands.setMaster(tap, bridge));
    }

    private String plugVm(String suffix, DhcpNetwork.Port port) throws IOException {
        String vm = host.vm(suffix);
        String tap = "tap" + suffix;
        ip.apply(List.of(
                IpCommands.addVeth(tap, "eth0", Optional.of(vm), Optional.of(port.macAddress()), OptionalInt.empty()),
                IpCommands.setMaster(tap, bridge), IpCommands.setUp(tap))).throwIfFailed();
        ip.inNamespace(vm).execute(IpCommands.setUp("eth0"));
        return vm;
    }

    private CommandResult lease(String vm) {
        return host.in(vm, "env", "LEASE_FILE=" + script.resolveSibling("lease-" + vm), "udhcpc", "-q", "-n", "-f",
                "-O", "ntpsrv", "-O", "staticroutes", "-i", "eth0", "-t", "5", "-T", "1", "-s", script.toString());
    }

    private List<String> addressesOf(String vm) {
        return ip.inNamespace(vm).addresses("eth0").stream().map(LinkAddress::cidr).toList();
    }

    @Test
    void servesANewNetworkReloadsForANewPortAndTearsDownWhenRemoved() throws IOException {
        agent = startAgent(host.executor);
        await().atMost(WAIT).until(() -> server.calls().contains(AgentTopics.GET_ACTIVE_NETWORKS));

        long t0 = System.nanoTime();
        server.put(network(DHCP_PORT, VM1), DHCP_PORT);
        cast(AgentTopics.NETWORK_CHANGED);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> agent.servedNetworks().contains(networkId));
        long servedMillis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        LOG.info("network_changed -> dnsmasq serving: {} ms", servedMillis);
        plugDhcpTap();

        String namespace = DeviceNames.dhcpNamespace(networkId);
        assertThat(host.namespaces()).contains(namespace);
        String nsInterface = DeviceNames.dhcpInterface(DHCP_PORT.id());
        assertThat(ip.inNamespace(namespace).addresses(nsInterface)).extracting(LinkAddress::cidr)
                .contains("10.0.0.2/24");
        Link dhcpDevice = ip.inNamespace(namespace).link(nsInterface).orElseThrow();
        assertThat(dhcpDevice.mac()).hasValue(DHCP_PORT.macAddress());
        assertThat(dhcpDevice.mtu()).isEqualTo(1450);
        assertThat(dhcpDevice.up()).isTrue();
        assertThat(ip.link(DeviceNames.tap(DHCP_PORT.id())).orElseThrow().mtu()).isEqualTo(1450);
        long pid = dnsmasqPid().orElseThrow();
        assertThat(host.machine.check("ip", "netns", "identify", Long.toString(pid)).stdout().strip())
                .isEqualTo(namespace);

        String vm1 = plugVm("vm1", VM1);
        long leaseStart = System.nanoTime();
        assertThat(lease(vm1).exitCode()).as("vm1 gets a lease").isZero();
        LOG.info("udhcpc lease of vm1: {} ms", Duration.ofNanos(System.nanoTime() - leaseStart).toMillis());
        assertThat(addressesOf(vm1)).contains("10.0.0.5/24");
        assertThat(Files.readString(script.resolveSibling("lease-" + vm1))).contains("router=10.0.0.1")
                .contains("dns=198.51.100.53");

        String vm2 = plugVm("vm2", VM2);
        long t1 = System.nanoTime();
        server.put(network(DHCP_PORT, VM1, VM2), DHCP_PORT);
        cast(AgentTopics.NETWORK_CHANGED);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() ->
                Files.readString(networkDirectory().resolve("host"), StandardCharsets.UTF_8).contains(VM2.macAddress()));
        LOG.info("network_changed (new port) -> hosts file rewritten: {} ms",
                Duration.ofNanos(System.nanoTime() - t1).toMillis());
        assertThat(lease(vm2).exitCode()).as("vm2 gets a lease").isZero();
        assertThat(addressesOf(vm2)).contains("10.0.0.6/24");
        assertThat(dnsmasqPid()).as("a new port is a SIGHUP, not a restart").hasValue(pid);
        assertThat(Pids.runs(pid)).isTrue();

        long t2 = System.nanoTime();
        server.remove(networkId);
        cast(AgentTopics.NETWORK_REMOVED);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> !Files.exists(networkDirectory()));
        LOG.info("network_removed -> torn down: {} ms", Duration.ofNanos(System.nanoTime() - t2).toMillis());
        assertThat(host.namespaces()).doesNotContain(namespace);
        assertThat(Pids.runs(pid)).as("dnsmasq pid %d has exited", pid).isFalse();
        assertThat(ip.link(DeviceNames.tap(DHCP_PORT.id()))).isEmpty();
        assertThat(server.calls()).contains(AgentTopics.RELEASE_DHCP_PORT + " " + networkId);
        assertThat(agent.servedNetworks()).isEmpty();
    }

    @Test
    void anIsolatedNetworksInstanceReachesMetadataThroughTheDhcpNamespaceUntilARouterIsAttached() throws Exception {
        assumeTrue(host.machine.execute(Command.of("sh", "-c", "command -v haproxy && command -v curl")).exitCode() == 0,
                "haproxy or curl is not installed: skipped");
        List<Map<String, List<String>>> novaReceived = new CopyOnWriteArrayList<>();
        HttpServer nova = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        nova.createContext("/", exchange -> {
            novaReceived.add(Map.copyOf(exchange.getRequestHeaders()));
            byte[] body = exchange.getRequestHeaders().getFirst("X-Instance-ID").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        nova.start();
        Path socket = statePath.resolve("metadata_proxy");
        try (MetadataAgent metadataAgent = new MetadataAgent(new MetadataAgentConfig(host.prefix + "-host", socket,
                URI.create("http://127.0.0.1:" + nova.getAddress().getPort()), "secret", Duration.ofSeconds(30),
                Duration.ofSeconds(10)), bus).start()) {
            server.put(network(DHCP_PORT, VM1), DHCP_PORT);
            agent = startAgent(host.executor, Optional.of(new DhcpAgentConfig.Metadata(socket, false)));
            await().atMost(WAIT).until(() -> agent.servedNetworks().contains(networkId));
            plugDhcpTap();
            String namespace = DeviceNames.dhcpNamespace(networkId);
            String nsInterface = DeviceNames.dhcpInterface(DHCP_PORT.id());
            assertThat(ip.inNamespace(namespace).addresses(nsInterface)).extracting(LinkAddress::cidr)
                    .contains("10.0.0.2/24", "169.254.169.254/32");
            long proxy = haproxyPid().orElseThrow();
            assertThat(host.machine.check("ip", "netns", "identify", Long.toString(proxy)).stdout().strip())
                    .isEqualTo(namespace);

            String vm1 = plugVm("vm1", VM1);
            assertThat(lease(vm1).exitCode()).as("vm1 gets a lease").isZero();
            assertThat(Files.readString(script.resolveSibling("lease-" + vm1)))
                    .contains("routes=169.254.169.254/32 10.0.0.2 0.0.0.0/0 10.0.0.1");
            assertThat(host.in(vm1, "ip", "route", "show", "169.254.169.254").stdout()).contains("via 10.0.0.2");
            CommandResult answer = host.in(vm1, "curl", "-sS", "-m", "10",
                    "http://169.254.169.254/latest/meta-data/instance-id");
            assertThat(answer.stdout()).as(answer.stderr()).isEqualTo(VM1.deviceId());
            assertThat(novaReceived).hasSize(1);
            assertThat(novaReceived.getFirst().get("X-instance-id")).containsExactly(VM1.deviceId());
            assertThat(novaReceived.getFirst().get("X-forwarded-for")).containsExactly("10.0.0.5");

            server.put(network(DHCP_PORT, VM1), DHCP_PORT);
            cast(AgentTopics.NETWORK_CHANGED);
            await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> !agent.needsResync(networkId));
            assertThat(haproxyPid()).as("nothing changed: the same proxy").hasValue(proxy);
            agent.close();
            agent = startAgent(host.executor, Optional.of(new DhcpAgentConfig.Metadata(socket, false)));
            await().atMost(WAIT).until(() -> agent.servedNetworks().contains(networkId));
            assertThat(haproxyPid()).as("a restarted agent adopts the proxy").hasValue(proxy);

            DhcpNetwork.Port router = new DhcpNetwork.Port("4e4e4e4e-0001-4000-8000-000000000001", "fa:16:3e:00:00:01",
                    List.of(new FixedIp(SUBNET, "10.0.0.1")), "network:router_interface", "router");
            server.put(network(DHCP_PORT, VM1, router), DHCP_PORT);
            cast(AgentTopics.NETWORK_CHANGED);
            // the agent removes the files once it has seen the proxy exit: wait for both
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .alias("the proxy has exited and its pid file and configuration are removed")
                    .until(() -> !Pids.runs(proxy) && !Files.exists(networkDirectory().resolve("haproxy.pid"))
                            && !Files.exists(networkDirectory().resolve("haproxy.cfg")));
            await().atMost(WAIT).until(() -> ip.inNamespace(namespace).addresses(nsInterface).stream()
                    .noneMatch(a -> a.cidr().startsWith("169.254.169.254")));
            assertThat(Files.readString(networkDirectory().resolve("opts"))).doesNotContain("169.254.169.254");

            server.put(network(DHCP_PORT, VM1), DHCP_PORT);
            cast(AgentTopics.NETWORK_CHANGED);
            await().atMost(WAIT).until(() -> haproxyPid().isPresent());
            long again = haproxyPid().orElseThrow();
            server.remove(networkId);
            cast(AgentTopics.NETWORK_REMOVED);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> !Files.exists(networkDirectory()));
            assertThat(Pids.runs(again)).as("the proxy of a removed network has exited").isFalse();
        } finally {
            nova.stop(0);
        }
    }

    private Optional<Long> haproxyPid() {
        try {
            long pid = Long.parseLong(Files.readString(networkDirectory().resolve("haproxy.pid")).strip());
            return Pids.runs(pid) ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Test
    void aPortsExtraDhcpOptionsReachItsClientAndAChangeRestartsDnsmasq() throws IOException {
        DhcpNetwork.Port withOptions = new DhcpNetwork.Port(VM1.id(), VM1.macAddress(), VM1.fixedIps(), VM1.deviceOwner(),
                VM1.deviceId(), List.of(new DhcpNetwork.ExtraDhcpOpt("ntp-server", "198.51.100.123", 4),
                        new DhcpNetwork.ExtraDhcpOpt("15", "first.example", 4)));
        server.put(network(DHCP_PORT, withOptions, VM2), DHCP_PORT);
        agent = startAgent(host.executor);
        await().atMost(WAIT).until(() -> agent.servedNetworks().contains(networkId));
        plugDhcpTap();
        String vm1 = plugVm("vm1", VM1);
        String vm2 = plugVm("vm2", VM2);
        long pid = dnsmasqPid().orElseThrow();

        assertThat(lease(vm1).exitCode()).isZero();
        assertThat(Files.readString(script.resolveSibling("lease-" + vm1))).contains("ntpsrv=198.51.100.123")
                .contains("domain=first.example");
        assertThat(lease(vm2).exitCode()).isZero();
        assertThat(Files.readString(script.resolveSibling("lease-" + vm2))).as("the options are the port's own")
                .contains("ntpsrv= ").contains("domain=openstacklocal");

        DhcpNetwork.Port changed = new DhcpNetwork.Port(VM1.id(), VM1.macAddress(), VM1.fixedIps(), VM1.deviceOwner(),
                VM1.deviceId(), List.of(new DhcpNetwork.ExtraDhcpOpt("15", "second.example", 4)));
        server.put(network(DHCP_PORT, changed, VM2), DHCP_PORT);
        cast(AgentTopics.NETWORK_CHANGED);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() ->
                Files.readString(networkDirectory().resolve("opts"), StandardCharsets.UTF_8).contains("second.example"));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).alias("hosts that set tags: a restart, a SIGHUP would crash it")
                .until(() -> dnsmasqPid().filter(p -> p != pid).filter(Pids::runs).isPresent());
        long restarted = dnsmasqPid().orElseThrow();
        host.in(vm1, "ip", "address", "flush", "dev", "eth0");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(lease(vm1).exitCode()).isZero();
            assertThat(Files.readString(script.resolveSibling("lease-" + vm1))).contains("domain=second.example")
                    .contains("ntpsrv= ");
        });
        host.in(vm2, "ip", "address", "flush", "dev", "eth0");
        assertThat(lease(vm2).exitCode()).as("the other port is served on").isZero();
        assertThat(Pids.runs(restarted)).isTrue();
    }

    @Test
    void aDhcpv6StatefulSubnetGivesItsAddressAndOptionsToDhclient() throws IOException {
        DhcpNetwork.Subnet stateful = new DhcpNetwork.Subnet("5e5e5e5e-0000-4000-8000-000000000006", "fd00:5::/64", 6,
                "fd00:5::1", true, List.of("2001:db8::53"), List.of(), "dhcpv6-stateful", "dhcpv6-stateful");
        DhcpNetwork.Port vm = serveWithIpv6Subnet(stateful, "fd00:5::2", "fd00:5::5");
        String namespace = DeviceNames.dhcpNamespace(networkId);
        assertThat(ip.inNamespace(namespace).addresses(DeviceNames.dhcpInterface(DHCP_PORT.id())))
                .extracting(LinkAddress::cidr).contains("10.0.0.2/24", "fd00:5::2/64");
        assertThat(host.in(namespace, "sysctl", "-n", "net.ipv6.conf.all.accept_ra").stdout().strip()).isEqualTo("0");
        String vm1 = plugIpv6Vm(vm);

        String lease = dhclient6(vm1, "-1");
        assertThat(lease).contains("iaaddr fd00:5::5").contains("dhcp6.name-servers 2001:db8::53")
                .contains("dhcp6.domain-search \"openstacklocal.\"");
    }

    @Test
    void aDhcpv6StatelessSubnetAnswersInformationRequestsWithOptionsOnly() throws IOException {
        DhcpNetwork.Subnet stateless = new DhcpNetwork.Subnet("5e5e5e5e-0000-4000-8000-000000000007", "fd00:7::/64", 6,
                "fd00:7::1", true, List.of("2001:db8::54"), List.of(), "dhcpv6-stateless", "dhcpv6-stateless");
        DhcpNetwork.Port vm = serveWithIpv6Subnet(stateless, "fd00:7::f816:3eff:fe00:2", "fd00:7::f816:3eff:fe00:5");
        assertThat(Files.readString(networkDirectory().resolve("host"))).as("no address is handed out on a stateless subnet")
                .doesNotContain("fd00:7::");
        String vm1 = plugIpv6Vm(vm);

        String lease = dhclient6(vm1, "-S");
        assertThat(lease).contains("new_dhcp6_name_servers=2001:db8::54").doesNotContain("new_ip6_address");
    }

    /**
     * Serves the network with {@code v6} as its second subnet, the DHCP port holding
     * {@code dhcpAddress} and VM1 {@code vmAddress} on it besides their IPv4 addresses: starts the
     * agent and waits until it serves the network. Returns VM1's port.
     */
    private DhcpNetwork.Port serveWithIpv6Subnet(DhcpNetwork.Subnet v6, String dhcpAddress, String vmAddress) {
        DhcpNetwork.Port dhcpPort = new DhcpNetwork.Port(DHCP_PORT.id(), DHCP_PORT.macAddress(),
                List.of(new FixedIp(SUBNET, "10.0.0.2"), new FixedIp(v6.id(), dhcpAddress)), "network:dhcp", "dhcp");
        DhcpNetwork.Port vm = new DhcpNetwork.Port(VM1.id(), VM1.macAddress(),
                List.of(new FixedIp(SUBNET, "10.0.0.5"), new FixedIp(v6.id(), vmAddress)), "compute:nova", "vm1");
        server.put(new DhcpNetwork(networkId, true, 1450, List.of(network().subnets().getFirst(), v6),
                List.of(dhcpPort, vm)), dhcpPort);
        agent = startAgent(host.executor);
        await().atMost(WAIT).until(() -> agent.servedNetworks().contains(networkId));
        return vm;
    }

    /**
     * Plugs the DHCP tap and a VM on {@code port}, and waits until the VM's IPv6 addresses are no
     * longer tentative. Returns the VM's namespace.
     */
    private String plugIpv6Vm(DhcpNetwork.Port port) throws IOException {
        plugDhcpTap();
        String vm = plugVm("vm1", port);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                host.in(vm, "ip", "-6", "address", "show", "dev", "eth0", "tentative").stdout().isBlank());
        return vm;
    }

    /**
     * Runs {@code dhclient -6} with {@code mode} in {@code vm}, with a script that only records
     * what dhclient tells it, and returns its lease file followed by those records.
     */
    private String dhclient6(String vm, String mode) throws IOException {
        Path directory = host.directory("dhclient");
        Path leases = directory.resolve("leases6");
        Path pid = directory.resolve("pid");
        Path records = directory.resolve("script-env");
        Path script = directory.resolve("record.sh");
        Files.writeString(script, "#!/bin/sh\nenv >> " + records + "\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        CommandResult dhclient = host.in(vm, "timeout", "30", "dhclient", "-6", mode, "-v", "-sf", script.toString(),
                "-lf", leases.toString(), "-pf", pid.toString(), "eth0");
        try {
            assertThat(dhclient.exitCode()).as(dhclient.stderr()).isZero();
            return (Files.exists(leases) ? Files.readString(leases) : "") + Files.readString(records);
        } finally {
            host.in(vm, "dhclient", "-6", "-x", "-pf", pid.toString(), "-lf", leases.toString());
        }
    }

    @Test
    void aRestartedAgentKeepsDnsmasqAndChangesNothing() throws IOException {
        DhcpNetwork.Port withOptions = new DhcpNetwork.Port(VM1.id(), VM1.macAddress(), VM1.fixedIps(), VM1.deviceOwner(),
                VM1.deviceId(), List.of(new DhcpNetwork.ExtraDhcpOpt("ntp-server", "198.51.100.123", 4)));
        server.put(network(DHCP_PORT, withOptions), DHCP_PORT);
        agent = startAgent(host.executor);
        await().atMost(WAIT).until(() -> agent.servedNetworks().contains(networkId));
        plugDhcpTap();
        String vm1 = plugVm("vm1", VM1);
        assertThat(lease(vm1).exitCode()).isZero();
        long pid = dnsmasqPid().orElseThrow();
        agent.close();

        ProcessExecutor counting = new ProcessExecutor(RootHelper.parse("ip netns exec " + host.namespace));
        agent = startAgent(counting);
        await().atMost(WAIT).until(() -> agent.servedNetworks().contains(networkId));

        assertThat(dnsmasqPid()).as("the same dnsmasq serves on, although its hosts set tags").hasValue(pid);
        assertThat(counting.spawnCount()).as("netns list, link and address reads: the same files need no signal")
                .isLessThanOrEqualTo(3);
        host.in(vm1, "ip", "address", "flush", "dev", "eth0");
        assertThat(lease(vm1).exitCode()).isZero();
        assertThat(addressesOf(vm1)).contains("10.0.0.5/24");
    }

    @Test
    void aNewSubnetGivesTheDhcpPortASecondAddressAndRestartsDnsmasq() throws IOException {
        server.put(network(DHCP_PORT, VM1), DHCP_PORT);
        agent = startAgent(host.executor);
        await().atMost(WAIT).until(() -> agent.servedNetworks().contains(networkId));
        long pid = dnsmasqPid().orElseThrow();

        String second = "5e5e5e5e-0000-4000-8000-000000000002";
        DhcpNetwork.Port dhcpPort = new DhcpNetwork.Port(DHCP_PORT.id(), DHCP_PORT.macAddress(),
                List.of(new FixedIp(SUBNET, "10.0.0.2"), new FixedIp(second, "10.0.1.2")), "network:dhcp", "dhcp");
        DhcpNetwork.Port vm3 = new DhcpNetwork.Port("7a7a7a7a-0003-4000-8000-000000000007", "fa:16:3e:00:00:07",
                List.of(new FixedIp(second, "10.0.1.7")), "compute:nova", "vm3");
        DhcpNetwork.Subnet first = network().subnets().getFirst();
        DhcpNetwork.Subnet added = new DhcpNetwork.Subnet(second, "10.0.1.0/24", 4, "10.0.1.1", true, List.of(),
                List.of(), null);
        server.put(new DhcpNetwork(networkId, true, 1450, List.of(first, added), List.of(dhcpPort, VM1, vm3)),
                dhcpPort);
        cast(AgentTopics.NETWORK_CHANGED);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> dnsmasqPid().filter(p -> p != pid).filter(Pids::runs).isPresent());
        assertThat(ip.inNamespace(DeviceNames.dhcpNamespace(networkId)).addresses(DeviceNames.dhcpInterface(DHCP_PORT.id())))
                .extracting(LinkAddress::cidr).contains("10.0.0.2/24", "10.0.1.2/24");
        assertThat(Pids.runs(pid)).as("the old dnsmasq is gone").isFalse();
        plugDhcpTap();
        String vm = plugVm("vm3", vm3);
        assertThat(lease(vm).exitCode()).isZero();
        assertThat(addressesOf(vm)).contains("10.0.1.7/24");
    }

    @Test
    void aSubnetThatLosesDhcpLeavesTheTapAndTheRangesAndOtherNetworksAreLeftAlone() throws IOException {
        String second = "5e5e5e5e-0000-4000-8000-000000000002";
        DhcpNetwork.Subnet first = network().subnets().getFirst();
        DhcpNetwork.Subnet added = new DhcpNetwork.Subnet(second, "10.0.1.0/24", 4, "10.0.1.1", true, List.of(), List.of(), null);
        DhcpNetwork.Port bothAddresses = new DhcpNetwork.Port(DHCP_PORT.id(), DHCP_PORT.macAddress(),
                List.of(new FixedIp(SUBNET, "10.0.0.2"), new FixedIp(second, "10.0.1.2")), "network:dhcp", "dhcp");
        server.put(new DhcpNetwork(networkId, true, 1450, List.of(first, added), List.of(bothAddresses, VM1)), bothAddresses);
        String otherNetwork = host.prefix + "-0000-4000-8000-00000000beef";
        host.track(DeviceNames.dhcpNamespace(otherNetwork));
        DhcpNetwork.Port otherDhcp = new DhcpNetwork.Port("d2c0f2e9-91aa-4c3b-8e7f-6a5b4c3d2e1f", "fa:16:3e:00:01:02",
                List.of(new FixedIp("5e5e5e5e-0000-4000-8000-0000000000ff", "10.9.0.2")), "network:dhcp", "dhcp");
        server.put(new DhcpNetwork(otherNetwork, true, 1450, List.of(new DhcpNetwork.Subnet("5e5e5e5e-0000-4000-8000-0000000000ff",
                "10.9.0.0/24", 4, "10.9.0.1", true, List.of(), List.of(), null)), List.of(otherDhcp)), otherDhcp);
        agent = startAgent(host.executor);
        await().atMost(WAIT).until(() -> agent.servedNetworks().containsAll(List.of(networkId, otherNetwork)));
        long pid = dnsmasqPid().orElseThrow();
        long otherPid = Long.parseLong(Files.readString(statePath.resolve("dhcp").resolve(otherNetwork).resolve("pid")).strip());
        String namespace = DeviceNames.dhcpNamespace(networkId);
        String device = DeviceNames.dhcpInterface(DHCP_PORT.id());
        assertThat(ip.inNamespace(namespace).addresses(device)).extracting(LinkAddress::cidr).contains("10.0.1.2/24");

        DhcpNetwork.Subnet withoutDhcp = new DhcpNetwork.Subnet(second, "10.0.1.0/24", 4, "10.0.1.1", false, List.of(), List.of(),
                null);
        server.put(new DhcpNetwork(networkId, true, 1450, List.of(first, withoutDhcp), List.of(DHCP_PORT, VM1)), DHCP_PORT);
        cast(AgentTopics.NETWORK_CHANGED);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> dnsmasqPid().filter(p -> p != pid).filter(Pids::runs).isPresent());
        assertThat(ip.inNamespace(namespace).addresses(device)).extracting(LinkAddress::cidr).contains("10.0.0.2/24")
                .doesNotContain("10.0.1.2/24");
        assertThat(String.join(" ", host.machine.check("cat", "/proc/" + dnsmasqPid().orElseThrow() + "/cmdline").stdout()
                .split("\0"))).contains("set:subnet-" + SUBNET).doesNotContain("set:subnet-" + second);
        assertThat(Pids.runs(otherPid)).as("the other network's dnsmasq is not touched").isTrue();
        assertThat(Files.readString(statePath.resolve("dhcp").resolve(otherNetwork).resolve("pid")).strip())
                .isEqualTo(Long.toString(otherPid));
        plugDhcpTap();
        String vm1 = plugVm("vm1", VM1);
        assertThat(lease(vm1).exitCode()).isZero();
        assertThat(addressesOf(vm1)).contains("10.0.0.5/24");
    }
}
