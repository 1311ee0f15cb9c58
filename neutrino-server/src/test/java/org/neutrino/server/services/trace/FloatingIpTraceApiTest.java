package org.neutrino.server.services.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * {@code GET /v2.0/floatingips/{id}/trace} with the router plugin, a real model (external
 * network, router with gateway and interface, floating IP of a bound port) and a fake L3 agent
 * that has the namespace and the DNAT rule only: the router hops name the right devices and the
 * missing pieces, then come the port's hops.
 */
class FloatingIpTraceApiTest {
    static final String HOST = "fip-trace-host";
    static TestServer server;
    static Subscription l3Agent;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("DEFAULT.service_plugins", "router"));
        server.reportAgentState(HOST, AgentTopics.L3_AGENT_TYPE, Map.of());
        l3Agent = server.server().bus().subscribe(Target.server(AgentTopics.L3_AGENT, HOST), message -> {
            if (!message.method().equals(AgentTopics.TRACE_ROUTER)) {
                return null;
            }
            String fip = message.args().path("floating_ip_address").asText();
            return AgentJson.tree(new PortTrace(HOST, AgentTopics.L3_AGENT_TYPE, List.of(),
                    List.of(new PortTrace.Rule("neutrino-l3-PREROUTING", "DNAT", 7, "-d " + fip + "/32 -j DNAT --to-destination 10.61.0.9")),
                    List.of(), List.of(DeviceNames.routerNamespace(message.args().path("router_id").asText())), List.of()));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        l3Agent.close();
        server.close();
    }

    static JsonNode ok(ApiClient.Response r) {
        assertThat(r.status()).as("%s", r.body()).isBetween(200, 201);
        return r.body();
    }

    @Test
    void theRouterHopsNameTheRoutersDevicesAndRulesThenThePortsHopsFollow() {
        ApiClient admin = server.admin();
        String ext = ok(admin.post("/v2.0/networks", map("network", map("name", "ext", "router:external", true)))).path("network").path("id").asText();
        ok(admin.post("/v2.0/subnets", map("subnet", map("network_id", ext, "ip_version", 4, "cidr", "203.0.113.0/24"))));
        String net = ok(admin.post("/v2.0/networks", map("network", map("name", "in")))).path("network").path("id").asText();
        String subnet = ok(admin.post("/v2.0/subnets", map("subnet", map("network_id", net, "ip_version", 4, "cidr", "10.61.0.0/24"))))
                .path("subnet").path("id").asText();
        String router = ok(admin.post("/v2.0/routers", map("router", map("name", "r", "external_gateway_info", map("network_id", ext)))))
                .path("router").path("id").asText();
        String qrPort = ok(admin.put("/v2.0/routers/" + router + "/add_router_interface", map("subnet_id", subnet))).path("port_id").asText();
        String port = ok(admin.post("/v2.0/ports", map("port", map("network_id", net, "binding:host_id", "nowhere",
                "fixed_ips", List.of(map("ip_address", "10.61.0.9")))))).path("port").path("id").asText();
        JsonNode fip = ok(admin.post("/v2.0/floatingips", map("floatingip", map("floating_network_id", ext, "port_id", port))))
                .path("floatingip");
        String gwPort = ok(admin.get("/v2.0/ports?device_owner=network:router_gateway&device_id=" + router)).path("ports").get(0)
                .path("id").asText();

        JsonNode trace = ok(admin.get("/v2.0/floatingips/" + fip.path("id").asText() + "/trace")).path("trace");

        List<String> hops = new ArrayList<>();
        trace.path("hops").forEach(h -> hops.add(h.path("kind").asText() + ":" + h.path("name").asText() + ":" + h.path("verdict").asText()));
        // no L2 agent on the router's host: its gateway and interface sides end at once; the agent reported no routes
        assertThat(hops).startsWith("floatingip:" + fip.path("floating_ip_address").asText() + ":ok", "l3_agent:L3 agent:ok",
                "l2_agent:Linux bridge agent:no_agent",
                "router_namespace:qrouter-" + router + ":ok", "router_gateway:" + DeviceNames.routerGateway(gwPort) + ":missing",
                "routes:qrouter-" + router + ":missing",
                "dnat:DNAT:ok", "snat:SNAT:no_rule", "router_interface:" + DeviceNames.routerInternal(qrPort) + ":missing",
                "l2_agent:Linux bridge agent:no_agent",
                "port:" + port + ":down", "l2_agent:Linux bridge agent:no_agent");
        assertThat(trace.path("port_id").asText()).isEqualTo(port);
        assertThat(trace.path("host").asText()).isEqualTo(HOST);
        assertThat(trace.path("hops").get(6).path("observed").asText()).endsWith("(7 packets)");
        assertThat(trace.path("hops").get(5).path("expected").asText()).isEqualTo("default via 203.0.113.1 dev "
                + DeviceNames.routerGateway(gwPort) + "; 10.61.0.0/24 dev " + DeviceNames.routerInternal(qrPort));

        // the fake L3 agent does not probe: the probe says why it was not sent
        JsonNode probed = ok(admin.get("/v2.0/floatingips/" + fip.path("id").asText() + "/trace?probe=true")).path("trace");
        assertThat(probed.path("probe").path("error").asText()).startsWith("the L3 agent on " + HOST + " did not send the probe");
        assertThat(admin.get("/v2.0/floatingips/" + fip.path("id").asText() + "/trace?probe=1").status()).isEqualTo(400);

        ApiClient member = server.member("fip-" + UUID.randomUUID());
        assertThat(member.get("/v2.0/floatingips/" + fip.path("id").asText() + "/trace").status()).isEqualTo(403);
        assertThat(member.get("/v2.0/floatingips/" + fip.path("id").asText() + "/trace?probe=true").status()).isEqualTo(403);
    }
}
