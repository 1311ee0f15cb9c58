package org.neutrino.fullstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neutrino.lib.DeviceNames;

/**
 * {@code neutrino trace floatingip} over the {@link ReferenceScenario} (controller with the L3
 * agent and the flat provider uplink, compute with the instance, VXLAN between them): the trace
 * of the healthy floating IP is ok at every hop, from the provider uplink through the router's
 * namespace (veth host ends found by peer index, routes, DNAT/SNAT) and the controller's VXLAN
 * to the instance's tap; then the path is broken on purpose — the controller's bridge of the
 * self-service network set down, the DNAT rule flushed, the router's {@code qr-} veth deleted —
 * and each time the trace names the broken hop. The agents' safety-net scans are slowed down so
 * that they do not repair a break before it is traced; each break but the last is repaired by
 * the test.
 */
@Tag("root")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FloatingIpTraceFullstackIT {
    @RegisterExtension
    static final FullstackLab LAB = new FullstackLab(Prerequisites.RABBITMQ, Prerequisites.L3_AGENT,
            Prerequisites.programs("dnsmasq", "udhcpc", "socat", "iptables"));

    private static ReferenceScenario scenario;
    private static ReferenceScenario.FloatingIp floatingIp;

    @BeforeAll
    static void deploy() {
        scenario = ReferenceScenario.deploy(LAB, config -> config
                .set("AGENT", "polling_interval", 3600)
                .set("DEFAULT", "resync_interval", 3600)
                .set("DEFAULT", "periodic_interval", 3600));
        scenario.build();
        floatingIp = scenario.associateFloatingIp();
        await("the floating IP answers a ping from outside").atMost(ReferenceScenario.WIRING).pollInterval(Duration.ofMillis(100))
                .until(() -> LAB.ping(scenario.outside, floatingIp.address()));
    }

    @AfterAll
    static void stopNova() {
        if (scenario != null) {
            scenario.close();
        }
    }

    static JsonNode trace() {
        return scenario.api.get("/v2.0/floatingips/" + floatingIp.id() + "/trace").path("trace");
    }

    /** {@code kind:name@host:verdict} of every hop. */
    static List<String> hops(JsonNode trace) {
        List<String> out = new ArrayList<>();
        trace.path("hops").forEach(h -> out.add(h.path("kind").asText() + ":" + h.path("name").asText() + "@"
                + h.path("host").asText() + ":" + h.path("verdict").asText()));
        return out;
    }

    static List<String> broken(JsonNode trace) {
        List<String> out = new ArrayList<>();
        trace.path("hops").forEach(h -> {
            String verdict = h.path("verdict").asText();
            if (!verdict.equals("ok") && !verdict.equals("unfiltered")) {
                out.add(h.path("kind").asText() + ":" + h.path("name").asText() + "@" + h.path("host").asText() + ":" + verdict);
            }
        });
        return out;
    }

    /** The probe of the floating IP's trace ({@code ?probe=true}). */
    static JsonNode probe() {
        return scenario.api.get("/v2.0/floatingips/" + floatingIp.id() + "/trace?probe=true").path("trace").path("probe");
    }

    static NeutrinoCliProcess.Result cli(String... command) {
        NeutrinoCliProcess.Result result = NeutrinoCliProcess.run(LAB, scenario.api.endpoint(), command);
        System.out.println("$ neutrino " + String.join(" ", command) + "\n" + result.output());
        return result;
    }

    static String routerNamespace() {
        return DeviceNames.routerNamespace(scenario.router);
    }

    static String routerPort(String owner) {
        return scenario.api.get("/v2.0/ports?device_owner=" + owner + "&device_id=" + scenario.router).path("ports").path(0)
                .path("id").asText();
    }

    @Test
    @Order(1)
    void theTraceOfTheHealthyFloatingIpIsOkAtEveryHopFromTheUplinkToTheInstance() {
        requireFloatingIp();
        JsonNode[] last = new JsonNode[1];
        try {
            await("a healthy trace").atMost(ReferenceScenario.WIRING).pollInterval(Duration.ofMillis(500))
                    .until(() -> broken(last[0] = trace()).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the trace never became healthy; the last: " + last[0], e);
        }
        String ctl = scenario.controller.name();
        String cmp = scenario.compute.name();
        String gw = routerPort("network:router_gateway");
        String qr = routerPort("network:router_interface");
        int vni = scenario.api.get("/v2.0/networks/" + scenario.selfservice).path("network").path("provider:segmentation_id").asInt();
        String vxlan = DeviceNames.vxlan(vni);
        JsonNode healthy = trace();
        assertThat(hops(healthy)).startsWith(
                "floatingip:" + floatingIp.address() + "@" + ctl + ":ok",
                "l3_agent:L3 agent@" + ctl + ":ok",
                "uplink:" + ReferenceScenario.PROVIDER_INTERFACE + "@" + ctl + ":ok",
                "bridge:" + DeviceNames.bridge(scenario.provider) + "@" + ctl + ":ok",
                "tap:" + DeviceNames.tap(gw) + "@" + ctl + ":ok",
                "router_namespace:" + routerNamespace() + "@" + ctl + ":ok",
                "router_gateway:" + DeviceNames.routerGateway(gw) + "@" + ctl + ":ok",
                "routes:" + routerNamespace() + "@" + ctl + ":ok",
                "dnat:DNAT@" + ctl + ":ok",
                "snat:SNAT@" + ctl + ":ok",
                "router_interface:" + DeviceNames.routerInternal(qr) + "@" + ctl + ":ok",
                "tap:" + DeviceNames.tap(qr) + "@" + ctl + ":ok",
                "bridge:" + DeviceNames.bridge(scenario.selfservice) + "@" + ctl + ":ok",
                "vxlan:" + vxlan + "@" + ctl + ":ok",
                "fdb:" + vxlan + " -> " + scenario.compute.managementIp() + "@" + ctl + ":ok",
                "port:" + scenario.instance.portId() + "@" + cmp + ":ok",
                "l2_agent:Linux bridge agent@" + cmp + ":ok",
                "tap:" + scenario.instance.tap() + "@" + cmp + ":ok",
                "bridge:" + DeviceNames.bridge(scenario.selfservice) + "@" + cmp + ":ok",
                "vxlan:" + vxlan + "@" + cmp + ":ok",
                "fdb:" + vxlan + " -> " + scenario.controller.managementIp() + "@" + cmp + ":ok",
                "security_groups:" + scenario.securityGroup + "@" + cmp + ":ok");
        assertThat(healthy.path("broken").asBoolean()).isFalse();
        JsonNode gateway = healthy.path("hops").get(6);
        assertThat(gateway.path("observed").asText()).as("the qg- veth's host end, found by its peer index")
                .endsWith("veth peer " + DeviceNames.tap(gw) + " in " + DeviceNames.bridge(scenario.provider));
        assertThat(healthy.path("hops").get(7).path("observed").asText()).as("the router's routes")
                .contains("default via " + ReferenceScenario.UPSTREAM + " dev " + DeviceNames.routerGateway(gw))
                .contains("172.16.1.0/24 dev " + DeviceNames.routerInternal(qr));
        NeutrinoCliProcess.Result table = cli("trace", "floatingip", floatingIp.address());
        assertThat(table.status()).as(table.output()).isZero();
        assertThat(table.output()).contains("Every hop is as the model says.");
    }

    @Test
    @Order(2)
    void theProbeOfTheHealthyFloatingIpReachesTheInstanceAndComesBack() {
        requireFloatingIp();
        JsonNode probe = probe();
        assertThat(probe.path("sent").asInt()).as("%s", probe).isEqualTo(5);
        assertThat(probe.path("received").asInt()).isEqualTo(5);
        assertThat(probe.path("stopped_at").isNull()).as("%s", probe).isTrue();
        List<String> seen = new ArrayList<>();
        probe.path("points").forEach(p -> seen.add(p.path("kind").asText() + ":" + p.path("seen").asBoolean()));
        assertThat(seen).containsExactly("dnat:true", "router_interface:true", "tap:true", "vxlan:true", "vxlan:true",
                "security_groups:true", "tap:true", "port:true");
        NeutrinoCliProcess.Result table = cli("trace", "floatingip", floatingIp.address(), "--probe");
        assertThat(table.status()).as(table.output()).isZero();
        assertThat(table.output()).contains("The probe went all the way");
        NeutrinoCliProcess.Result json = cli("trace", "floatingip", floatingIp.address(), "--probe", "-f", "json");
        assertThat(json.output()).contains("\"last_seen\"").contains("\"points\"");

        // the port's own probe pings its fixed address from the router, without the DNAT
        JsonNode portProbe = scenario.api.get("/v2.0/ports/" + scenario.instance.portId() + "/trace?probe=true").path("trace")
                .path("probe");
        assertThat(portProbe.path("to").asText()).as("%s", portProbe).isEqualTo(scenario.instance.fixedIp());
        assertThat(portProbe.path("received").asInt()).isEqualTo(5);
        assertThat(portProbe.path("stopped_at").isNull()).as("%s", portProbe).isTrue();
        assertThat(portProbe.path("points").path(0).path("kind").asText()).isEqualTo("router_interface");
        NeutrinoCliProcess.Result port = cli("trace", "port", scenario.instance.portId(), "--probe", "-f", "value");
        assertThat(port.status()).as(port.output()).isZero();
        assertThat(port.output()).contains("probe port " + scenario.instance.tap() + " (the instance's replies)");
    }

    @Test
    @Order(5)
    void withoutItsIcmpRuleTheProbeStopsAtThePortsSecurityGroup() {
        requireFloatingIp();
        String icmp = null;
        for (JsonNode rule : scenario.api.get("/v2.0/security-group-rules?protocol=icmp&security_group_id=" + scenario.securityGroup)
                .path("security_group_rules")) {
            icmp = rule.path("id").asText();
        }
        scenario.api.delete("/v2.0/security-group-rules/" + icmp);
        try {
            await("the ping from outside dropped").atMost(ReferenceScenario.WIRING).pollInterval(ReferenceScenario.POLL)
                    .until(() -> !LAB.ping(scenario.outside, floatingIp.address()));
            JsonNode probe = probe();
            String cmp = scenario.compute.name();
            assertThat(probe.path("last_seen").asText()).as("%s", probe).startsWith("security_groups " + scenario.securityGroup);
            assertThat(probe.path("stopped_at").asText()).isEqualTo("tap " + scenario.instance.tap() + " on " + cmp);
            assertThat(probe.path("received").asInt()).isZero();
        } finally {
            scenario.addIngressRule("icmp", null);
        }
        await("the ping from outside answered again").atMost(ReferenceScenario.WIRING).pollInterval(ReferenceScenario.POLL)
                .until(() -> LAB.ping(scenario.outside, floatingIp.address()));
    }

    @Test
    @Order(3)
    void aBridgeSetDownOnTheControllerIsNamed() {
        requireFloatingIp();
        String bridge = DeviceNames.bridge(scenario.selfservice);
        LAB.inNamespace(scenario.controller.namespace(), "ip", "link", "set", bridge, "down");
        try {
            JsonNode down = trace();
            assertThat(broken(down)).as("%s", down).containsExactly("bridge:" + bridge + "@" + scenario.controller.name() + ":down");
            JsonNode probe = probe();
            assertThat(probe.path("last_seen").asText()).as("%s", probe)
                    .isEqualTo("tap " + DeviceNames.tap(routerPort("network:router_interface")) + " on " + scenario.controller.name());
            assertThat(probe.path("stopped_at").asText()).startsWith("vxlan vxlan-");
        } finally {
            LAB.inNamespace(scenario.controller.namespace(), "ip", "link", "set", bridge, "up");
        }
        assertThat(broken(trace())).isEmpty();
    }

    @Test
    @Order(4)
    void aFlushedDnatRuleIsNamed() {
        requireFloatingIp();
        String saved = LAB.inNamespace(routerNamespace(), "iptables-save", "-t", "nat").stdout();
        flushDnat();
        try {
            JsonNode flushed = trace();
            assertThat(broken(flushed)).as("%s", flushed).containsExactly("dnat:DNAT@" + scenario.controller.name() + ":no_rule");
            JsonNode probe = probe();
            assertThat(probe.path("stopped_at").asText()).as("%s", probe).isEqualTo("dnat OUTPUT DNAT on " + scenario.controller.name());
            assertThat(probe.path("last_seen").isNull()).isTrue();
            // the router itself now answers pings of the floating address; a new connection to TCP 22 finds no instance
            assertThat(LAB.tcpConnects(scenario.outside, floatingIp.address(), 22)).as("TCP 22 without the DNAT rule").isFalse();
            NeutrinoCliProcess.Result table = cli("trace", "floatingip", floatingIp.address(), "--probe");
            assertThat(table.status()).isEqualTo(5);
            assertThat(table.output()).contains("the first: dnat DNAT (no_rule:");
        } finally {
            LAB.inNamespace(routerNamespace(), "sh", "-c", "printf '%s' \"$0\" | iptables-restore", saved);
        }
        assertThat(broken(trace())).isEmpty();
    }

    @Test
    @Order(9)
    void theRoutersQrVethDeletedIsNamedAtBothEnds() {
        requireFloatingIp();
        String qr = routerPort("network:router_interface");
        LAB.inNamespace(routerNamespace(), "ip", "link", "del", DeviceNames.routerInternal(qr));
        String ctl = scenario.controller.name();
        JsonNode gone = trace();
        assertThat(broken(gone)).as("%s", gone).startsWith("routes:" + routerNamespace() + "@" + ctl + ":missing",
                "router_interface:" + DeviceNames.routerInternal(qr) + "@" + ctl + ":missing",
                "tap:" + DeviceNames.tap(qr) + "@" + ctl + ":missing");
    }

    /** Flushes the router's DNAT rules (its chains for the traffic from outside and from the router itself). */
    private static void flushDnat() {
        LAB.inNamespace(routerNamespace(), "iptables", "-t", "nat", "-F", "neutrino-l3-PREROUTING");
        LAB.inNamespace(routerNamespace(), "iptables", "-t", "nat", "-F", "neutrino-l3-OUTPUT");
    }

    private static void requireFloatingIp() {
        assumeTrue(floatingIp != null, "no floating IP (the deployment failed): skipped");
    }
}
