package org.neutrino.server.services.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * {@code GET /v2.0/ports/{id}/trace} on a real server and the in-process bus, with fake agents
 * answering {@code trace_port}: what the server asks, the hops it answers, an agent that is
 * registered but not listening, and the admin-only policy.
 */
class PortTraceApiTest {
    static final String HOST = "trace-host";
    static final String SILENT_HOST = "trace-silent";
    static TestServer server;
    static Subscription l2Agent;
    static final BlockingQueue<Message> ASKED = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("ml2.tenant_network_types", "vxlan", "ml2_type_vxlan.vni_ranges", "3000:3010"));
        server.reportAgentState(HOST, AgentTopics.LINUXBRIDGE_AGENT_TYPE, Map.of("tunneling_ip", "192.0.2.31",
                "firewall_driver", "noop"));
        server.reportAgentState(SILENT_HOST, AgentTopics.LINUXBRIDGE_AGENT_TYPE, Map.of("tunneling_ip", "192.0.2.32"));
        l2Agent = server.server().bus().subscribe(Target.server(AgentTopics.L2_AGENT, HOST), message -> {
            ASKED.add(message);
            String tap = DeviceNames.tap(message.args().path("port_id").asText());
            String bridge = DeviceNames.bridge(message.args().path("network_id").asText());
            return AgentJson.tree(new PortTrace(HOST, AgentTopics.LINUXBRIDGE_AGENT_TYPE, List.of(
                    new PortTrace.Device(tap, null, "veth", true, bridge, null, List.of(), null, null, List.of()),
                    new PortTrace.Device(bridge, null, "bridge", false, null, null, List.of(), null, null, List.of())),
                    List.of(), List.of(), List.of(), List.of()));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        l2Agent.close();
        server.close();
    }

    String port(ApiClient owner, String host) {
        ApiClient admin = server.admin();
        String network = owner.post("/v2.0/networks", map("network", map("name", "trace-net"))).body().path("network").path("id").asText();
        Map<String, Object> port = map("network_id", network, "tenant_id", owner.projectId());
        if (host != null) {
            port.put("binding:host_id", host);
        }
        ApiClient.Response created = admin.post("/v2.0/ports", map("port", port));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.body().path("port").path("id").asText();
    }

    static List<String> hops(JsonNode trace) {
        List<String> out = new ArrayList<>();
        trace.path("hops").forEach(h -> out.add(h.path("kind").asText() + ":" + h.path("verdict").asText()));
        return out;
    }

    @Test
    void anAdminGetsTheHopsOfTheAgentsAnswerWithVerdicts() throws Exception {
        ApiClient owner = server.member("trace-" + UUID.randomUUID());
        String portId = port(owner, HOST);
        ASKED.clear();

        ApiClient.Response r = server.admin().get("/v2.0/ports/" + portId + "/trace");

        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        JsonNode trace = r.body().path("trace");
        Message asked = ASKED.take();
        assertThat(asked.method()).isEqualTo(AgentTopics.TRACE_PORT);
        assertThat(asked.args().path("port_id").asText()).isEqualTo(portId);
        assertThat(asked.args().path("network_type").asText()).isEqualTo("vxlan");
        int vni = asked.args().path("segmentation_id").asInt();
        assertThat(vni).isBetween(3000, 3010);
        assertThat(trace.path("port_id").asText()).isEqualTo(portId);
        assertThat(trace.path("host").asText()).isEqualTo(HOST);
        assertThat(trace.path("broken").asBoolean()).isTrue();
        assertThat(hops(trace)).containsExactly("port:down", "l2_agent:ok", "tap:ok", "bridge:down", "vxlan:missing",
                "security_groups:unfiltered");
        JsonNode vxlan = trace.path("hops").get(4);
        assertThat(vxlan.path("name").asText()).isEqualTo("vxlan-" + vni);
        assertThat(vxlan.path("expected").asText()).isEqualTo("up, in " + DeviceNames.bridge(asked.args().path("network_id").asText())
                + ", local 192.0.2.31");
    }

    @Test
    void anAgentThatIsNotListeningIsAHopThatDidNotAnswer() {
        String portId = port(server.member("trace-" + UUID.randomUUID()), SILENT_HOST);

        JsonNode trace = server.admin().get("/v2.0/ports/" + portId + "/trace").body().path("trace");

        assertThat(hops(trace)).containsExactly("port:down", "l2_agent:no_answer");
        assertThat(trace.path("hops").get(1).path("observed").asText()).startsWith("agent did not answer: ");
    }

    @Test
    void anUnboundPortIsBrokenAtThePort() {
        String portId = port(server.member("trace-" + UUID.randomUUID()), null);
        JsonNode trace = server.admin().get("/v2.0/ports/" + portId + "/trace").body().path("trace");
        assertThat(hops(trace)).containsExactly("port:unbound");
        assertThat(trace.path("host").isNull()).isTrue();
    }

    @Test
    void onlyAdminsMayTraceEvenTheirOwnPortsAndUnknownPortsAre404() {
        ApiClient owner = server.member("trace-" + UUID.randomUUID());
        String portId = port(owner, HOST);
        ApiClient other = server.member("trace-" + UUID.randomUUID());

        ApiClient.Response own = owner.get("/v2.0/ports/" + portId + "/trace");
        ApiClient.Response foreign = other.get("/v2.0/ports/" + portId + "/trace");
        assertThat(own.status()).isEqualTo(403);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body().toString()).doesNotContain(DeviceNames.tap(portId)).doesNotContain(HOST);
        assertThat(server.admin().get("/v2.0/ports/" + UUID.randomUUID() + "/trace").status()).isEqualTo(404);
        assertThat(server.admin().put("/v2.0/ports/" + portId + "/trace", map()).status()).isEqualTo(405);
    }

    @Test
    void aProbeNeedsARouterOnTheNetworkAndABooleanAndIsForAdminsOnly() {
        ApiClient owner = server.member("trace-" + UUID.randomUUID());
        String portId = port(owner, HOST);

        JsonNode trace = server.admin().get("/v2.0/ports/" + portId + "/trace?probe=true").body().path("trace");
        assertThat(trace.path("probe").path("error").asText()).startsWith("no router scheduled to an L3 agent has an interface");
        assertThat(server.admin().get("/v2.0/ports/" + portId + "/trace?probe=false").body().path("trace").has("probe")).isFalse();
        ApiClient.Response notBoolean = server.admin().get("/v2.0/ports/" + portId + "/trace?probe=maybe");
        assertThat(notBoolean.status()).isEqualTo(400);
        assertThat(notBoolean.body().path("NeutronError").path("type").asText()).isEqualTo("InvalidInput");
        assertThat(owner.get("/v2.0/ports/" + portId + "/trace?probe=true").status()).isEqualTo(403);
        assertThat(server.member("trace-" + UUID.randomUUID()).get("/v2.0/ports/" + portId + "/trace?probe=true").status())
                .isEqualTo(403);
    }
}
