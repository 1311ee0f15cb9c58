package org.neutrino.fullstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.CommandResult;

/**
 * The reference scenario of the OpenStack networking guides ({@link ReferenceScenario}: a
 * controller/network host and a compute host, separate processes over RabbitMQ, a flat external
 * provider network, a VXLAN self-service network, a router, an instance allowing ICMP and TCP 22,
 * the metadata agent and a stand-in for Nova's metadata API).
 * From outside the floating IP answers pings and TCP 22, TCP 23 is dropped; the instance
 * reaches outside as its floating IP (as the router's gateway IP without one); disassociating
 * makes it unreachable; the devices a person traces are where the guides say; the instance gets
 * its metadata through the router's proxy and the metadata agent from a stand-in for Nova's
 * metadata API, which sees the instance's signed headers; every agent of the data path restarts
 * under a ping losing at most two packets (the router's metadata proxy is adopted, not started
 * twice), and metadata answers again after the metadata agent's restart;
 * deleting the router ends its metadata proxy.
 *
 * <p>The steps run in order on one deployment; a step relies on the ones before it.
 */
@Tag("root")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferenceScenarioIT {
    @RegisterExtension
    static final FullstackLab LAB = new FullstackLab(Prerequisites.RABBITMQ, Prerequisites.L3_AGENT,
            Prerequisites.programs("dnsmasq", "udhcpc", "socat"));

    private static final String UPSTREAM = ReferenceScenario.UPSTREAM;
    private static final String PROVIDER_INTERFACE = ReferenceScenario.PROVIDER_INTERFACE;
    private static final Duration WIRING = ReferenceScenario.WIRING;
    private static final Duration POLL = ReferenceScenario.POLL;
    private static final String PROJECT = ReferenceScenario.PROJECT;
    private static final String METADATA_SECRET = ReferenceScenario.METADATA_SECRET;
    private static final int METADATA_PORT = ReferenceScenario.METADATA_PORT;

    private static ReferenceScenario scenario;
    private static NeutrinoApi api;
    private static SimulatedHost controller;
    private static SimulatedHost compute;
    private static String outside;
    private static String provider;
    private static String selfservice;
    private static String router;
    private static String gatewayIp;
    private static VirtualMachine instance;
    private static String floatingIpId;
    private static String floatingIp;

    @BeforeAll
    static void deploy() {
        scenario = ReferenceScenario.deploy(LAB, config -> { });
        api = scenario.api;
        controller = scenario.controller;
        compute = scenario.compute;
        outside = scenario.outside;
    }

    @AfterAll
    static void stopNova() {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    @Order(1)
    void theInstanceGetsItsAddressAndTheRouterItsDevices() {
        scenario.build();
        provider = scenario.provider;
        selfservice = scenario.selfservice;
        router = scenario.router;
        assertThat(scenario.gatewayIp).startsWith("203.0.113.");
        assertThat(LAB.reaches(scenario.instance.namespace(), "172.16.1.1")).as("the instance pings its router").isTrue();
        gatewayIp = scenario.gatewayIp;
        instance = scenario.instance;
    }

    @Test
    @Order(2)
    void withoutAFloatingIpTheInstanceReachesOutsideAsTheRoutersGatewayAddress() {
        requireInstance();
        assertThat(LAB.reaches(instance.namespace(), UPSTREAM)).as("the instance pings the upstream router").isTrue();
        assertThat(scenario.whoami()).as("the source address the outside sees (SNAT)").isEqualTo(gatewayIp);
        assertThat(LAB.ping(outside, instance.fixedIp())).as("the fixed address is not routed from outside").isFalse();
    }

    @Test
    @Order(3)
    void theFloatingIpAnswersPingAndTcp22FromOutsideAndDropsTcp23() {
        requireInstance();
        ReferenceScenario.FloatingIp created = scenario.associateFloatingIp();
        long associated = System.nanoTime();
        floatingIpId = created.id();
        floatingIp = created.address();
        await("the floating IP answers a ping from outside").atMost(WIRING).pollInterval(Duration.ofMillis(50))
                .until(() -> LAB.ping(outside, floatingIp));
        System.out.println("[fullstack timing] floating IP association -> first ping answered: "
                + Duration.ofNanos(System.nanoTime() - associated).toMillis() + " ms");
        assertThat(LAB.tcpConnects(outside, floatingIp, 22)).as("TCP 22 of the floating IP").isTrue();
        assertThat(LAB.tcpConnects(outside, floatingIp, 23)).as("TCP 23 of the floating IP (security group)").isFalse();
        assertThat(LAB.tcpConnects(instance.namespace(), instance.fixedIp(), 23)).as("the instance listens on 23")
                .isTrue();
        assertThat(scenario.whoami()).as("the source address the outside sees").isEqualTo(floatingIp);
        await("the floating IP ACTIVE").atMost(WIRING).pollInterval(POLL).until(() ->
                api.get("/v2.0/floatingips/" + floatingIpId).path("floatingip").path("status").asText().equals("ACTIVE"));
    }

    @Test
    @Order(4)
    void theDevicesAreWhereAPersonTracesThem() {
        requireFloatingIp();
        int vni = api.get("/v2.0/networks/" + selfservice).path("network").path("provider:segmentation_id").asInt();
        String bridge = DeviceNames.bridge(selfservice);
        assertThat(LAB.masterOf(compute.namespace(), instance.tap())).as("compute: the instance's tap")
                .contains(bridge);
        assertThat(LAB.masterOf(compute.namespace(), DeviceNames.vxlan(vni))).as("compute: vxlan-" + vni)
                .contains(bridge);
        assertThat(LAB.masterOf(controller.namespace(), DeviceNames.vxlan(vni))).as("controller: vxlan-" + vni)
                .contains(bridge);
        assertThat(LAB.masterOf(controller.namespace(), PROVIDER_INTERFACE)).as("controller: the provider uplink")
                .contains(DeviceNames.bridge(provider));

        String namespace = DeviceNames.routerNamespace(router);
        List<String> routerLinks = LAB.links(namespace);
        for (JsonNode port : api.get("/v2.0/ports?device_id=" + router).path("ports")) {
            String id = port.path("id").asText();
            boolean gateway = port.path("device_owner").asText().equals("network:router_gateway");
            String inRouter = gateway ? DeviceNames.routerGateway(id) : DeviceNames.routerInternal(id);
            assertThat(routerLinks).as(namespace + "'s links").contains(inRouter);
            assertThat(LAB.masterOf(controller.namespace(), DeviceNames.tap(id))).as("the host end of " + inRouter)
                    .contains(DeviceNames.bridge(gateway ? provider : selfservice));
        }
        String nat = LAB.inNamespace(namespace, "iptables", "-t", "nat", "-n", "-L").stdout();
        assertThat(nat).as("the router's nat table").containsPattern(
                "DNAT .*" + floatingIp.replace(".", "\\.") + " +to:" + instance.fixedIp().replace(".", "\\.") + "\\b");
        assertThat(nat).containsPattern("SNAT .*to:" + gatewayIp.replace(".", "\\.") + "\\b");
    }

    @Test
    @Order(5)
    void metadataAnswersTheInstanceThroughItsRouter() {
        requireInstance();
        String instanceId = api.get("/v2.0/ports/" + instance.portId()).path("port").path("device_id").asText();
        assertThat(instanceId).as("the instance's device_id").isNotBlank();
        await("the instance's metadata").atMost(WIRING).pollInterval(POLL)
                .until(() -> metadata("latest/meta-data/instance-id").equals(instanceId));
        NovaMetadataStandIn.Request seen = scenario.nova.received().getLast();
        assertThat(seen.path()).isEqualTo("/latest/meta-data/instance-id");
        assertThat(seen.header("X-Instance-ID")).contains(instanceId);
        assertThat(seen.header("X-Tenant-ID")).contains(PROJECT);
        assertThat(seen.header("X-Forwarded-For")).as("the instance's own address").contains(instance.fixedIp());
        assertThat(seen.header("X-Instance-ID-Signature")).contains(hmacSha256Hex(METADATA_SECRET, instanceId));
        assertThat(seen.header("X-Neutron-Router-ID")).as("not passed to Nova").isEmpty();
        assertThat(metadataProxyPids()).as("one metadata proxy in the router's namespace").hasSize(1);
        assertThat(LAB.tcpConnects(outside, gatewayIp, METADATA_PORT)).as("the proxy's port from outside").isFalse();
    }

    @Test
    @Order(6)
    void everyAgentRestartsUnderAPingLosingAtMostTwo() {
        requireFloatingIp();
        List<Long> proxyBefore = metadataProxyPids();
        List<ServiceProcess> agents = List.of(scenario.deployment.linuxBridgeAgent(compute),
                scenario.deployment.linuxBridgeAgent(controller), scenario.dhcpAgent, scenario.l3Agent);
        String namespace = DeviceNames.routerNamespace(router);
        List<String> routerDevices = LAB.links(namespace).stream().filter(link -> !link.equals("lo")).toList();
        List<Integer> indexesBefore = routerDevices.stream()
                .map(device -> LAB.ifindex(namespace, device).orElseThrow()).toList();
        ContinuousPing ping = ContinuousPing.start(LAB, "restart-all", outside, floatingIp, 200, Duration.ofMillis(200));
        sleep(Duration.ofSeconds(2));
        Map<String, String> startedBefore = startedAt();
        long stopped = System.nanoTime();
        for (ServiceProcess agent : agents) {
            agent.stop();
            agent.start();
        }
        await("every agent restarted and alive").atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> {
            Map<String, String> now = startedAt();
            return now.keySet().containsAll(scenario.dataPathAgents()) && scenario.dataPathAgents().stream().allMatch(key ->
                    !now.get(key).equals(startedBefore.get(key)) && aliveAgents().contains(key));
        });
        Duration away = Duration.ofNanos(System.nanoTime() - stopped);
        ContinuousPing.Summary summary = ping.await();
        System.out.println("[fullstack timing] every agent restarted under ping -i 0.2 of the floating IP: first stop"
                + " -> all reported alive again in " + away.toMillis() + " ms; " + summary.transmitted() + " sent, "
                + summary.lost() + " lost");
        assertThat(away).as("every agent was back while the ping still ran").isLessThan(Duration.ofSeconds(36));
        assertThat(summary.transmitted()).isEqualTo(200);
        assertThat(summary.lost()).as("pings of the floating IP lost while every agent restarted")
                .isLessThanOrEqualTo(2);
        assertThat(routerDevices.stream().map(device -> LAB.ifindex(namespace, device).orElseThrow()).toList())
                .as("the router's devices %s kept, not re-created", routerDevices).isEqualTo(indexesBefore);
        assertThat(LAB.tcpConnects(outside, floatingIp, 22)).as("TCP 22 after the restarts").isTrue();
        assertThat(LAB.tcpConnects(outside, floatingIp, 23)).as("TCP 23 after the restarts").isFalse();
        assertThat(metadataProxyPids()).as("the metadata proxy adopted by the restarted L3 agent").isEqualTo(proxyBefore);
        scenario.metadataAgent.stop();
        scenario.metadataAgent.start();
        await("metadata after the metadata agent's restart too").atMost(WIRING).pollInterval(POLL)
                .until(() -> !metadata("latest/meta-data/instance-id").isEmpty());
    }

    @Test
    @Order(7)
    void disassociatingTheFloatingIpMakesTheInstanceUnreachable() {
        requireFloatingIp();
        Map<String, Object> disassociate = new HashMap<>();
        disassociate.put("port_id", null);
        api.put("/v2.0/floatingips/" + floatingIpId, Map.of("floatingip", disassociate));
        await("the floating IP unreachable").atMost(WIRING).pollInterval(POLL).until(() -> !LAB.ping(outside, floatingIp));
        assertThat(LAB.tcpConnects(outside, floatingIp, 22)).as("TCP 22 of the disassociated address").isFalse();
        assertThat(scenario.whoami()).as("the instance is SNATed to the gateway again").isEqualTo(gatewayIp);
        assertThat(LAB.inNamespace(DeviceNames.routerNamespace(router), "iptables", "-t", "nat", "-n", "-L").stdout())
                .doesNotContain("to:" + instance.fixedIp());
    }

    @Test
    @Order(8)
    void deletingTheRouterEndsItsMetadataProxy() {
        requireInstance();
        List<Long> proxy = metadataProxyPids();
        assertThat(proxy).hasSize(1);
        Path files = scenario.deployment.routerStateDirectory(controller, router);
        assertThat(files.resolve("haproxy.cfg")).exists();
        if (floatingIpId != null) {
            api.delete("/v2.0/floatingips/" + floatingIpId);
        }
        String subnet = api.get("/v2.0/subnets?network_id=" + selfservice).path("subnets").path(0).path("id").asText();
        api.put("/v2.0/routers/" + router + "/remove_router_interface", Map.of("subnet_id", subnet));
        api.delete("/v2.0/routers/" + router);
        await("the router's namespace gone").atMost(WIRING).pollInterval(POLL)
                .until(() -> LAB.tryInNamespace(controller.namespace(), "ip", "netns", "list").stdout().lines()
                        .noneMatch(line -> line.startsWith(DeviceNames.routerNamespace(router))));
        assertThat(running(proxy.getFirst())).as("the metadata proxy process").isFalse();
        assertThat(Files.exists(files.resolve("haproxy.cfg")) || Files.exists(files.resolve("haproxy.pid")))
                .as("the metadata proxy's files").isFalse();
    }

    /** The body {@code curl http://169.254.169.254/<path>} gets in the instance (empty when it fails). */
    private static String metadata(String path) {
        return LAB.tryInNamespace(instance.namespace(), "curl", "-sf", "--max-time", "5",
                "http://169.254.169.254/" + path).stdout().strip();
    }

    /** The pids of the haproxy processes in the router's namespace. */
    private static List<Long> metadataProxyPids() {
        CommandResult pids = LAB.tryInNamespace(controller.namespace(), "ip", "netns", "pids",
                DeviceNames.routerNamespace(router));
        return pids.stdout().lines().map(String::strip).filter(pid -> pid.matches("\\d+")).map(Long::parseLong)
                .filter(pid -> ProcessHandle.of(pid).flatMap(p -> p.info().command())
                        .filter(command -> command.endsWith("haproxy")).isPresent())
                .sorted().toList();
    }

    /** Whether process {@code pid} runs (a zombie does not). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** X-Instance-ID-Signature as Nova recomputes it. */
    private static String hmacSha256Hex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> startedAt() {
        Map<String, String> started = new HashMap<>();
        api.agents().forEach(agent -> started.put(NeutrinoDeployment.agentKey(agent), agent.path("started_at").asText()));
        return started;
    }

    private static List<String> aliveAgents() {
        return api.agents().stream().filter(agent -> agent.path("alive").asBoolean())
                .map(NeutrinoDeployment::agentKey).toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void requireInstance() {
        assumeTrue(instance != null && gatewayIp != null, "the scenario was not built (the first step failed): skipped");
    }

    private static void requireFloatingIp() {
        assumeTrue(floatingIp != null, "no floating IP (an earlier step failed): skipped");
    }
}
