package org.neutrino.fullstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neutrino.lib.DeviceNames;

/**
 * Three hosts (a controller and two computes, namespaces on one management network), the server
 * and four agents as separate processes over RabbitMQ: an L2 agent per host, a DHCP agent on the
 * controller. Two VXLAN project networks, four VMs (one per network and compute host): their
 * ports become ACTIVE, they get their addresses by DHCP, reach the other VM of their network
 * across hosts and nothing of the other network; admin state cuts and restores a port; an L2
 * agent restarts under traffic and converges; deleting ports removes their devices.
 *
 * <p>The steps run in order on one deployment; a step relies on the ones before it.
 */
@Tag("root")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostVxlanIT {
    @RegisterExtension
    static final FullstackLab LAB = new FullstackLab(Prerequisites.RABBITMQ,
            Prerequisites.programs("dnsmasq", "udhcpc"));

    private static final Duration WIRING = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private static NeutrinoDeployment deployment;
    private static NeutrinoApi api;
    private static NovaCompute nova;
    private static SimulatedHost controller;
    private static SimulatedHost compute1;
    private static SimulatedHost compute2;
    private static String network1;
    private static String network2;
    /** Network 1 on compute 1, network 1 on compute 2, network 2 on compute 1, network 2 on compute 2. */
    private static VirtualMachine vm1a;
    private static VirtualMachine vm1b;
    private static VirtualMachine vm2a;
    private static VirtualMachine vm2b;

    @BeforeAll
    static void deploy() {
        String rabbit = Prerequisites.rabbitUrl();
        LAB.open();
        controller = LAB.addHost("ctl");
        compute1 = LAB.addHost("cmp1");
        compute2 = LAB.addHost("cmp2");
        deployment = new NeutrinoDeployment(LAB, rabbit);
        api = deployment.startServer(deployment.serverConfig());
        for (SimulatedHost host : List.of(controller, compute1, compute2)) {
            deployment.startLinuxBridgeAgent(host, config -> { });
        }
        deployment.startDhcpAgent(controller);
        deployment.awaitAliveAgents(expectedAgents());
        nova = new NovaCompute(LAB, api);

        network1 = createNetwork("net1", "10.100.1.0/24");
        network2 = createNetwork("net2", "10.100.2.0/24");
    }

    private static List<String> expectedAgents() {
        return List.of(NeutrinoDeployment.linuxBridgeAgentKey(controller),
                NeutrinoDeployment.linuxBridgeAgentKey(compute1), NeutrinoDeployment.linuxBridgeAgentKey(compute2),
                NeutrinoDeployment.dhcpAgentKey(controller));
    }

    private static String createNetwork(String name, String cidr) {
        String id = api.createNetwork(Map.of("name", name));
        LAB.track(DeviceNames.dhcpNamespace(id));
        api.createSubnet(id, cidr, true);
        return id;
    }

    @Test
    @Order(1)
    void theAgentsListShowsTheFourAgentsAlive() {
        List<JsonNode> agents = api.agents();
        assertThat(agents).extracting(NeutrinoDeployment::agentKey)
                .containsExactlyInAnyOrderElementsOf(expectedAgents());
        assertThat(agents).allSatisfy(agent ->
                assertThat(agent.path("alive").asBoolean()).as(agent.toString()).isTrue());
    }

    @Test
    @Order(2)
    void pluggedPortsBecomeActiveOnTheirHosts() {
        Timings plugToActive = new Timings("vif plug -> port ACTIVE");
        vm1a = plugAndAwaitActive("vm1a", compute1, network1, plugToActive);
        vm1b = plugAndAwaitActive("vm1b", compute2, network1, plugToActive);
        vm2a = plugAndAwaitActive("vm2a", compute1, network2, plugToActive);
        vm2b = plugAndAwaitActive("vm2b", compute2, network2, plugToActive);
        plugToActive.report();

        JsonNode port = api.port(vm1a.portId());
        assertThat(port.path("binding:host_id").asText()).isEqualTo(compute1.name());
        assertThat(port.path("binding:vif_type").asText()).isEqualTo("bridge");
        assertThat(LAB.masterOf(compute1.namespace(), vm1a.tap())).contains(DeviceNames.bridge(network1));
        assertThat(LAB.masterOf(compute2.namespace(), vm2b.tap())).contains(DeviceNames.bridge(network2));
        int vni = vni(network1);
        assertThat(vni).isBetween(1000, 1999);
        assertThat(LAB.masterOf(compute1.namespace(), DeviceNames.vxlan(vni))).contains(DeviceNames.bridge(network1));
    }

    private static VirtualMachine plugAndAwaitActive(String name, SimulatedHost host, String network, Timings timings) {
        JsonNode port = api.createPort(network, name);
        VirtualMachine vm = nova.plug(name, host, port, false);
        long plugged = System.nanoTime();
        await(name + "'s port ACTIVE").atMost(WIRING).pollInterval(POLL)
                .until(() -> api.portStatus(vm.portId()).equals("ACTIVE"));
        timings.add(Duration.ofNanos(System.nanoTime() - plugged));
        return vm;
    }

    @Test
    @Order(3)
    void everyVmGetsItsAddressByDhcp() {
        requirePluggedVms();
        await("the DHCP ports ACTIVE").atMost(WIRING).pollInterval(POLL).until(() -> {
            JsonNode ports = api.get("/v2.0/ports?device_owner=network:dhcp").path("ports");
            return ports.size() == 2 && ports.findValuesAsText("status").stream().allMatch("ACTIVE"::equals);
        });
        DhcpClient dhcp = new DhcpClient(LAB);
        Timings leases = new Timings("DHCP lease (udhcpc start -> address applied)");
        for (VirtualMachine vm : List.of(vm1a, vm1b, vm2a, vm2b)) {
            leases.add(dhcp.lease(vm));
            assertThat(LAB.inNamespace(vm.namespace(), "ip", "-o", "-4", "address", "show", "dev", "eth0").stdout())
                    .contains(" " + vm.fixedIp() + "/24 ");
            assertThat(LAB.inNamespace(vm.namespace(), "ip", "-4", "route", "show", "default").stdout())
                    .contains("via " + vm.fixedIp().substring(0, vm.fixedIp().lastIndexOf('.')) + ".1 ");
        }
        leases.report();
    }

    @Test
    @Order(4)
    void vmsOfOneNetworkPingEachOtherAcrossHosts() {
        requirePluggedVms();
        assertReachable(vm1a, vm1b);
        assertReachable(vm1b, vm1a);
        assertReachable(vm2a, vm2b);
        assertReachable(vm2b, vm2a);
    }

    @Test
    @Order(5)
    void networksAreIsolated() {
        requirePluggedVms();
        assertThat(LAB.ping(vm1a.namespace(), vm2b.fixedIp())).as("routed: there is no router").isFalse();
        // Even on-link, with an address of network 2, a VM of network 1 finds no one of network 2 (L2 isolation).
        String foreign = "10.100.2.250/24";
        LAB.inNamespace(vm1a.namespace(), "ip", "address", "add", foreign, "dev", "eth0");
        try {
            assertThat(LAB.ping(vm1a.namespace(), vm2b.fixedIp())).isFalse();
            assertThat(LAB.ping(vm1a.namespace(), vm2a.fixedIp())).as("same host, other network").isFalse();
        } finally {
            LAB.inNamespace(vm1a.namespace(), "ip", "address", "del", foreign, "dev", "eth0");
        }
        assertReachable(vm1a, vm1b);
    }

    @Test
    @Order(6)
    void adminStateDownCutsThePortAndUpRestoresIt() {
        requirePluggedVms();
        setAdminState(vm1b, false);
        await("pings to vm1b cut").atMost(WIRING).pollInterval(POLL)
                .until(() -> !LAB.ping(vm1a.namespace(), vm1b.fixedIp()));
        assertThat(LAB.ping(vm1a.namespace(), vm1b.fixedIp())).isFalse();
        await("vm1b's port DOWN").atMost(WIRING).pollInterval(POLL)
                .until(() -> api.portStatus(vm1b.portId()).equals("DOWN"));

        setAdminState(vm1b, true);
        await("vm1b's port ACTIVE again").atMost(WIRING).pollInterval(POLL)
                .until(() -> api.portStatus(vm1b.portId()).equals("ACTIVE"));
        assertReachable(vm1a, vm1b);
    }

    @Test
    @Order(7)
    void restartingAComputeAgentUnderTrafficLosesAtMostACoupleOfPacketsAndConverges() throws InterruptedException {
        requirePluggedVms();
        ServiceProcess agent = deployment.linuxBridgeAgent(compute1);
        List<String> wired = List.of(DeviceNames.bridge(network1), DeviceNames.vxlan(vni(network1)), vm1a.tap());
        List<Integer> indexesBefore = wired.stream()
                .map(device -> LAB.ifindex(compute1.namespace(), device).orElseThrow()).toList();
        String startedBefore = agentOf(compute1).path("started_at").asText();
        ContinuousPing ping = ContinuousPing.start(LAB, "restart", vm1b.namespace(), vm1a.fixedIp(), 75,
                Duration.ofMillis(200));
        Thread.sleep(2000);
        long stopped = System.nanoTime();
        agent.stop();
        // a change while the agent is away: only a resync after its restart can apply it
        setAdminState(vm2a, false);
        agent.start();
        await("compute1's agent restarted and alive").atMost(Duration.ofSeconds(60)).pollInterval(POLL)
                .until(() -> {
                    JsonNode state = agentOf(compute1);
                    return state.path("alive").asBoolean() && !state.path("started_at").asText().equals(startedBefore);
                });
        Duration away = Duration.ofNanos(System.nanoTime() - stopped);
        ContinuousPing.Summary summary = ping.await();
        System.out.println("[fullstack timing] L2 agent restart under ping -i 0.2: stop -> reported alive again in "
                + away.toMillis() + " ms; " + summary.transmitted() + " sent, " + summary.lost() + " lost");
        assertThat(away).as("the agent was back while the ping still ran").isLessThan(Duration.ofSeconds(12));
        assertThat(summary.transmitted()).isEqualTo(75);
        assertThat(summary.lost()).as("packets lost while compute1's agent restarted").isLessThanOrEqualTo(2);

        await("vm2a cut off after the resync").atMost(WIRING).pollInterval(POLL)
                .until(() -> !LAB.ping(vm2b.namespace(), vm2a.fixedIp()));
        await("vm2a's port DOWN").atMost(WIRING).pollInterval(POLL)
                .until(() -> api.portStatus(vm2a.portId()).equals("DOWN"));
        assertThat(api.portStatus(vm1a.portId())).isEqualTo("ACTIVE");
        assertThat(wired.stream().map(device -> LAB.ifindex(compute1.namespace(), device).orElseThrow()).toList())
                .as("bridge, VXLAN device and tap of network 1 on compute1 kept, not re-created")
                .isEqualTo(indexesBefore);
        assertThat(LAB.masterOf(compute1.namespace(), vm1a.tap())).contains(DeviceNames.bridge(network1));
        setAdminState(vm2a, true);
        await("vm2a's port ACTIVE again").atMost(WIRING).pollInterval(POLL)
                .until(() -> api.portStatus(vm2a.portId()).equals("ACTIVE"));
        assertReachable(vm2b, vm2a);
        assertReachable(vm1b, vm1a);
    }

    @Test
    @Order(8)
    void deletingTheLastPortsOfAHostRemovesItsTapsAndBridges() {
        requirePluggedVms();
        for (VirtualMachine vm : List.of(vm1a, vm2a)) {
            nova.unplug(vm);
            assertThat(LAB.links(compute1.namespace())).doesNotContain(vm.tap());
            api.delete("/v2.0/ports/" + vm.portId());
        }
        await("compute1's bridges removed").atMost(WIRING).pollInterval(POLL).until(() -> {
            List<String> links = LAB.links(compute1.namespace());
            return !links.contains(DeviceNames.bridge(network1)) && !links.contains(DeviceNames.bridge(network2));
        });
        assertThat(LAB.links(compute1.namespace())).noneMatch(link -> link.startsWith("vxlan-"));
        assertThat(LAB.links(compute2.namespace()))
                .contains(DeviceNames.bridge(network1), DeviceNames.bridge(network2));
        assertReachable(vm1b, dhcpAddress(network1));
    }

    /** Skips a step when the VMs it works on could not be plugged (that step has failed already). */
    private static void requirePluggedVms() {
        assumeTrue(vm2b != null, "the VMs were not plugged (pluggedPortsBecomeActiveOnTheirHosts failed): skipped");
    }

    private static void assertReachable(VirtualMachine from, VirtualMachine to) {
        assertReachable(from, to.fixedIp());
    }

    private static void assertReachable(VirtualMachine from, String address) {
        assertThat(LAB.reaches(from.namespace(), address))
                .as("%s (%s) pings %s", from.namespace(), from.fixedIp(), address).isTrue();
    }

    private static int vni(String network) {
        return api.get("/v2.0/networks/" + network).path("network").path("provider:segmentation_id").asInt();
    }

    /** The address of the DHCP port of {@code network} (on the controller). */
    private static String dhcpAddress(String network) {
        return api.get("/v2.0/ports?device_owner=network:dhcp&network_id=" + network).path("ports").path(0)
                .path("fixed_ips").path(0).path("ip_address").asText();
    }

    private static void setAdminState(VirtualMachine vm, boolean up) {
        api.put("/v2.0/ports/" + vm.portId(), Map.of("port", Map.of("admin_state_up", up)));
    }

    private static JsonNode agentOf(SimulatedHost host) {
        String key = NeutrinoDeployment.linuxBridgeAgentKey(host);
        return api.agents().stream().filter(agent -> NeutrinoDeployment.agentKey(agent).equals(key))
                .findFirst().orElseThrow();
    }
}
