package org.neutrino.agent.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.DhcpHost;
import org.neutrino.linux.RecordingExecutor;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DeviceDetails;
import org.neutrino.rpc.agent.DhcpNetwork;
import org.neutrino.rpc.inprocess.InProcessBus;
import org.neutrino.testlib.Closeables;

class DhcpAgentTest {
    static final String HOST = "compute1";
    static final String NETWORK = "3f2a9c1e-7b44-4f5c-8a9b-0c1d2e3f4a5b";
    static final String NAMESPACE = "qdhcp-" + NETWORK;
    static final String SUBNET = "5e5e5e5e-0000-4000-8000-000000000001";
    static final DhcpNetwork.Port DHCP_PORT = port("3c338602-d8aa-4bbb-8ccc-000000000002", "fa:16:3e:11:22:33",
            "10.0.0.2", "network:dhcp");
    static final DhcpNetwork.Port VM1 = port("7a7a7a7a-0001-4000-8000-000000000005", "fa:16:3e:00:00:05", "10.0.0.5",
            "compute:nova");
    static final DhcpNetwork.Port VM2 = port("7a7a7a7a-0002-4000-8000-000000000006", "fa:16:3e:00:00:06", "10.0.0.6",
            "compute:nova");

    @TempDir
    Path statePath;

    private final InProcessBus bus = new InProcessBus();
    private final RecordingExecutor executor = new RecordingExecutor();
    private final RecordingDhcpDriver driver = new RecordingDhcpDriver();
    private FakeDhcpServer server;
    private DhcpAgent agent;

    @BeforeEach
    void setUp() {
        server = new FakeDhcpServer(bus);
    }

    @AfterEach
    void tearDown() {
        Closeables.closeAll(agent, server, bus);
    }

    static DhcpNetwork.Port port(String id, String mac, String ip, String owner) {
        return new DhcpNetwork.Port(id, mac, List.of(new DeviceDetails.FixedIp(SUBNET, ip)), owner, "device-" + id);
    }

    static DhcpNetwork network(boolean adminUp, boolean enableDhcp, DhcpNetwork.Port... ports) {
        DhcpNetwork.Subnet subnet = new DhcpNetwork.Subnet(SUBNET, "10.0.0.0/24", 4, "10.0.0.1", enableDhcp,
                List.of("198.51.100.53"), List.of(new DhcpNetwork.HostRoute("172.16.0.0/16", "10.0.0.254")), null);
        return new DhcpNetwork(NETWORK, adminUp, 1450, List.of(subnet), List.of(ports));
    }

    private DhcpAgent startAgent() {
        DhcpAgentConfig config = new DhcpAgentConfig(HOST, statePath, org.neutrino.linux.DnsmasqSettings.defaults(),
                Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(5), 2, "linuxbridge", "nova");
        agent = new DhcpAgent(config, bus, executor, driver).start();
        return agent;
    }

    private void cast(String method, String networkId) {
        var args = AgentJson.object();
        args.put("network_id", networkId);
        bus.cast(Target.server(AgentTopics.DHCP_AGENT, HOST), new Message(method, args));
    }

    private static String golden(String resource) {
        try (InputStream in = DhcpAgentTest.class.getResourceAsStream("/golden/dhcp/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Command> batches() {
        return executor.commands().stream().filter(c -> c.argv().contains("-batch")).toList();
    }

    @Test
    void aNewNetworkIsPlumbedInTwoBatchesThenServedWithOneHostPerPort() throws IOException {
        server.put(network(true, true, DHCP_PORT, VM1), DHCP_PORT);
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.servedNetworks().contains(NETWORK));

        assertThat(executor.commandLines()).containsExactly(
                "ip netns list",
                "ip netns add " + NAMESPACE,
                "ip -force -batch -",
                "ip -n " + NAMESPACE + " -force -batch -");
        List<Command> batches = batches();
        assertThat(batches.get(0).stdin()).hasValue(golden("new-network-host.batch"));
        assertThat(batches.get(1).stdin()).hasValue(golden("new-network-namespace.batch"));

        assertThat(driver.actions()).containsExactly("start " + NETWORK);
        var config = driver.lastEnabled();
        assertThat(config.interfaceName()).isEqualTo("ns-3c338602-d8");
        assertThat(config.mtu()).isEqualTo(1450);
        assertThat(config.hosts()).containsExactly(new DhcpHost("fa:16:3e:11:22:33", "10.0.0.2"),
                new DhcpHost("fa:16:3e:00:00:05", "10.0.0.5"));
        assertThat(config.subnets()).singleElement().satisfies(s -> {
            assertThat(s.gatewayIp()).hasValue("10.0.0.1");
            assertThat(s.dnsNameservers()).containsExactly("198.51.100.53");
            assertThat(s.hostRoutes()).singleElement()
                    .isEqualTo(new org.neutrino.linux.HostRoute("172.16.0.0/16", "10.0.0.254"));
        });
        assertThat(Files.readString(statePath.resolve("dhcp").resolve(NETWORK).resolve("port")).strip())
                .isEqualTo(DHCP_PORT.id());
        assertThat(server.methodsCalled()).doesNotContain(AgentTopics.RELEASE_DHCP_PORT);

        AgentState first = server.reports().getFirst();
        assertThat(first.agentType()).isEqualTo("DHCP agent");
        assertThat(first.topic()).isEqualTo("dhcp_agent");
        assertThat(first.host()).isEqualTo(HOST);
        assertThat(first.startFlag()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.reports().getLast().configurations()
                .get("networks").equals(1));
        assertThat(server.reports().getLast().configurations()).containsEntry("ports", 2).containsEntry("subnets", 1)
                .containsEntry("dhcp_driver", "dnsmasq");
    }

    @Test
    void aPortWithABadMacOrAddressIsSkippedReportedAndTheOthersAreServed() {
        DhcpNetwork.Port badMac = port("7a7a7a7a-0003-4000-8000-000000000007", "fa:16:3e:\u0661\u0661:00:07", "10.0.0.7",
                "compute:nova");
        DhcpNetwork.Port badIp = port("7a7a7a7a-0004-4000-8000-000000000008", "fa:16:3e:00:00:08", "10.0.0.\uff18",
                "compute:nova");
        server.put(network(true, true, DHCP_PORT, VM1, badMac, badIp, VM2), DHCP_PORT);
        startAgent();

        await().atMost(Duration.ofSeconds(5)).until(() -> agent.servedNetworks().contains(NETWORK));
        assertThat(agent.needsResync(NETWORK)).isFalse();
        assertThat(driver.lastEnabled().hosts()).containsExactly(new DhcpHost("fa:16:3e:11:22:33", "10.0.0.2"),
                new DhcpHost("fa:16:3e:00:00:05", "10.0.0.5"), new DhcpHost("fa:16:3e:00:00:06", "10.0.0.6"));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.reports().getLast().configurations()
                .get("networks").equals(1));
        assertThat(server.reports().getLast().configurations()).containsEntry("ports", 3).containsEntry("skipped_records", 2);
    }

    @Test
    void aPortAddedIsAReloadWithoutKernelWork() {
        server.put(network(true, true, DHCP_PORT, VM1), DHCP_PORT);
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.servedNetworks().contains(NETWORK));
        int commandsBefore = executor.commands().size();

        server.update(network(true, true, DHCP_PORT, VM1, VM2));
        cast(AgentTopics.NETWORK_CHANGED, NETWORK);

        await().atMost(Duration.ofSeconds(5)).until(() -> driver.actions().size() == 2);
        assertThat(driver.actions()).containsExactly("start " + NETWORK, "reload " + NETWORK);
        assertThat(driver.lastEnabled().hosts()).contains(new DhcpHost("fa:16:3e:00:00:06", "10.0.0.6"));
        assertThat(executor.commands()).as("no kernel work for a new port").hasSize(commandsBefore);
    }

    @Test
    void networkRemovedTearsEverythingDownAndReleasesThePort() {
        server.put(network(true, true, DHCP_PORT, VM1), DHCP_PORT);
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.servedNetworks().contains(NETWORK));

        cast(AgentTopics.NETWORK_REMOVED, NETWORK);

        await().atMost(Duration.ofSeconds(5)).until(() -> server.callsOf(AgentTopics.RELEASE_DHCP_PORT, NETWORK) == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(statePath.resolve("dhcp").resolve(NETWORK)));
        assertThat(agent.servedNetworks()).isEmpty();
        assertThat(driver.actions()).containsExactly("start " + NETWORK, "stop " + NETWORK, "disable " + NETWORK);
        assertThat(batches().getLast().stdin()).hasValue("link delete dev tap3c338602-d8\n");
        assertThat(executor.commandLines()).contains("ip netns delete " + NAMESPACE);
    }

    @Test
    void aFailedSyncIsRetriedAtTheNextResync() {
        server.put(network(true, true, DHCP_PORT, VM1), DHCP_PORT);
        server.failNext(AgentTopics.GET_DHCP_PORT, 1);
        startAgent();

        await().atMost(Duration.ofSeconds(5)).until(() -> agent.servedNetworks().contains(NETWORK));
        assertThat(server.callsOf(AgentTopics.GET_DHCP_PORT, NETWORK)).isEqualTo(2);
        assertThat(driver.actions()).containsExactly("start " + NETWORK);
        assertThat(agent.needsResync(NETWORK)).isFalse();
    }

    @Test
    void aKernelFailureIsRetriedAndTheDeviceIsReadAgain() {
        server.put(network(true, true, DHCP_PORT, VM1), DHCP_PORT);
        executor.answer("ip -n " + NAMESPACE + " -force -batch -",
                new CommandResult(1, "", "RTNETLINK answers: File exists\nCommand failed -:2\n"));
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.needsResync(NETWORK));
        assertThat(agent.servedNetworks()).isEmpty();
        assertThat(driver.actions()).as("dnsmasq waits for its device").isEmpty();

        executor.answer("ip netns list", CommandResult.ok(NAMESPACE + " (id: 0)\n"));
        executor.answer("ip -n " + NAMESPACE + " -j -d link show", CommandResult.ok("[]"));
        executor.answer("ip -n " + NAMESPACE + " -force -batch -", CommandResult.ok(""));
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.servedNetworks().contains(NETWORK));
        assertThat(executor.commandLines()).as("the retry looks at the namespace first")
                .contains("ip -n " + NAMESPACE + " -j -d link show");
    }

    @Test
    void aNetworkAdministrativelyDownOrWithoutDhcpIsNotServed() {
        server.put(network(false, true, DHCP_PORT, VM1), DHCP_PORT);
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.callsOf(AgentTopics.GET_NETWORK_INFO, NETWORK) >= 1);

        server.update(network(true, false, DHCP_PORT, VM1));
        cast(AgentTopics.NETWORK_CHANGED, NETWORK);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.callsOf(AgentTopics.GET_NETWORK_INFO, NETWORK) >= 2);

        assertThat(agent.servedNetworks()).isEmpty();
        assertThat(driver.actions()).isEmpty();
        assertThat(executor.commands()).isEmpty();
        assertThat(server.callsOf(AgentTopics.GET_DHCP_PORT, NETWORK)).isZero();
    }

    @Test
    void startUpRemovesWhatThisAgentServedBeforeButNeverAForeignNamespace() throws IOException {
        String old = "0ld0ld00-1111-4222-8333-444444444444";
        new DhcpStateDirectory(statePath.resolve("dhcp")).claim(old, "9d9d9d9d-aaaa-4bbb-8ccc-dddddddddddd");
        executor.answer("ip netns list", CommandResult.ok("qdhcp-" + old + " (id: 3)\nqdhcp-foreign-net (id: 4)\n"));
        startAgent();

        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(statePath.resolve("dhcp").resolve(old)));
        assertThat(executor.commandLines()).contains("ip netns delete qdhcp-" + old)
                .noneMatch(line -> line.contains("foreign"));
        assertThat(batches()).singleElement().satisfies(
                b -> assertThat(b.stdin()).hasValue("link delete dev tap9d9d9d9d-aa\n"));
        assertThat(driver.actions()).containsExactly("stop " + old, "disable " + old);
        assertThat(server.callsOf(AgentTopics.RELEASE_DHCP_PORT, old)).isEqualTo(1);
    }

    @Test
    void aRestartedAgentKeepsWhatRunsAndChangesNothingInTheKernel() {
        server.put(network(true, true, DHCP_PORT, VM1), DHCP_PORT);
        new DhcpStateDirectory(statePath.resolve("dhcp")).claim(NETWORK, DHCP_PORT.id());
        driver.alreadyRunning(ServedNetwork.of(network(true, true, DHCP_PORT, VM1), DHCP_PORT).config());
        executor.answer("ip netns list", CommandResult.ok(NAMESPACE + " (id: 0)\n"));
        executor.answer("ip -n " + NAMESPACE + " -j -d link show", CommandResult.ok("""
                [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"operstate":"UNKNOWN",
                  "link_type":"loopback","address":"00:00:00:00:00:00"},
                 {"ifindex":2,"link_index":7,"ifname":"ns-3c338602-d8","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],
                  "mtu":1450,"operstate":"UP","link_type":"ether","address":"fa:16:3e:11:22:33","link_netnsid":0,
                  "linkinfo":{"info_kind":"veth"}}]"""));
        executor.answer("ip -n " + NAMESPACE + " -j address show dev ns-3c338602-d8", CommandResult.ok("""
                [{"ifindex":2,"ifname":"ns-3c338602-d8","addr_info":[
                  {"family":"inet","local":"10.0.0.2","prefixlen":24,"scope":"global"},
                  {"family":"inet6","local":"fe80::f816:3eff:fe11:2233","prefixlen":64,"scope":"link"}]}]"""));
        startAgent();

        await().atMost(Duration.ofSeconds(5)).until(() -> agent.servedNetworks().contains(NETWORK));
        assertThat(batches()).as("nothing to change").isEmpty();
        assertThat(driver.actions()).as("a SIGHUP at most, no restart").containsExactly("reload " + NETWORK);
    }

    @Test
    void aNamespaceThisAgentDidNotMakeIsNeverAdopted() {
        server.put(network(true, true, DHCP_PORT, VM1), DHCP_PORT);
        executor.answer("ip netns list", CommandResult.ok(NAMESPACE + " (id: 0)\n"));
        startAgent();

        await().atMost(Duration.ofSeconds(5)).until(() -> agent.needsResync(NETWORK));
        assertThat(executor.commandLines()).allMatch(line -> line.equals("ip netns list"));
        assertThat(driver.actions()).isEmpty();
        assertThat(statePath.resolve("dhcp").resolve(NETWORK)).doesNotExist();
        assertThat(agent.servedNetworks()).isEmpty();
    }
}
