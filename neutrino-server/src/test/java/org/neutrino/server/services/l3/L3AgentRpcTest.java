package org.neutrino.server.services.l3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.RouterInfo;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.OwnServerTest;

/**
 * The L3 agents' side of the router plugin on the in-process bus: scheduling to the least loaded
 * L3 agent, router ports bound to its host, {@code routers_updated} casts to that host after every
 * change, {@code sync_routers} answers and floating IP statuses.
 */
class L3AgentRpcTest extends OwnServerTest {
    /** A fake L3 agent: registered by heartbeat, recording the casts to its host. */
    private static final class FakeL3Agent implements AutoCloseable {
        final String host;
        final BlockingQueue<Message> casts = new LinkedBlockingQueue<>();
        final Subscription subscription;

        FakeL3Agent(String host) {
            this.host = host;
            this.subscription = server.server().bus().subscribe(Target.server(AgentTopics.L3_AGENT, host), message -> {
                casts.add(message);
                return null;
            });
            server.reportAgentState(host, AgentTopics.L3_AGENT_TYPE, Map.of());
        }

        /** The router ids of the next routers_updated cast. */
        List<String> nextUpdate() throws InterruptedException {
            Message message = casts.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a routers_updated cast to %s", host).isNotNull();
            assertThat(message.method()).isEqualTo(AgentTopics.ROUTERS_UPDATED);
            List<String> ids = new ArrayList<>();
            message.args().get("router_ids").forEach(id -> ids.add(id.asText()));
            return ids;
        }

        List<RouterInfo> sync(List<String> routerIds) {
            Map<String, Object> args = new java.util.HashMap<>();
            args.put("host", host);
            args.put("router_ids", routerIds);
            JsonNode answer = server.agentCall(AgentTopics.SYNC_ROUTERS, args);
            List<RouterInfo> out = new ArrayList<>();
            answer.forEach(node -> out.add(AgentJson.read(node, RouterInfo.class)));
            return out;
        }

        @Override
        public void close() {
            subscription.close();
        }
    }

    private static String create(ApiClient client, String collection, Map<String, Object> body) {
        ApiClient.Response response = client.post("/v2.0/" + collection, body);
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        return response.body().elements().next().get("id").asText();
    }

    @Test
    void aRouterIsScheduledAndEveryChangeReachesItsAgent() throws Exception {
        try (FakeL3Agent agent = new FakeL3Agent("l3-host-a")) {
            ApiClient member = server.member("l3-rpc");
            String external = create(admin, "networks", Map.of("network", Map.of("router:external", true)));
            create(admin, "subnets", Map.of("subnet", Map.of("network_id", external, "cidr", "203.0.113.0/24", "ip_version", 4)));
            String net = create(member, "networks", Map.of("network", Map.of()));
            String subnet = create(member, "subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.80.0.0/24", "ip_version", 4)));
            String router = create(member, "routers", Map.of("router", Map.of("name", "edge",
                    "external_gateway_info", Map.of("network_id", external))));
            assertThat(agent.nextUpdate()).containsExactly(router);
            assertThat(admin.get("/v2.0/routers/" + router + "/l3-agents").body().get("agents").get(0).get("host").asText())
                    .isEqualTo("l3-host-a");
            assertThat(member.put("/v2.0/routers/" + router + "/add_router_interface", Map.of("subnet_id", subnet)).status())
                    .isEqualTo(200);
            assertThat(agent.nextUpdate()).containsExactly(router);
            for (JsonNode port : admin.get("/v2.0/ports?device_id=" + router).body().get("ports")) {
                assertThat(port.get("binding:host_id").asText()).as("router port bound to the agent's host").isEqualTo("l3-host-a");
            }

            String vm = create(member, "ports", Map.of("port", Map.of("network_id", net)));
            String fip = create(member, "floatingips", Map.of("floatingip", Map.of("floating_network_id", external, "port_id", vm)));
            assertThat(agent.nextUpdate()).containsExactly(router);

            List<RouterInfo> synced = agent.sync(null);
            assertThat(synced).hasSize(1);
            RouterInfo info = synced.get(0);
            assertThat(info.id()).isEqualTo(router);
            assertThat(info.name()).isEqualTo("edge");
            assertThat(info.enableSnat()).isTrue();
            assertThat(info.gwPort().networkId()).isEqualTo(external);
            assertThat(info.gwPort().fixedIps().get(0).cidr()).isEqualTo("203.0.113.0/24");
            assertThat(info.gwPort().fixedIps().get(0).gatewayIp()).isEqualTo("203.0.113.1");
            assertThat(info.interfaces()).hasSize(1);
            assertThat(info.interfaces().get(0).fixedIps().get(0).ipAddress()).isEqualTo("10.80.0.1");
            assertThat(info.interfaces().get(0).mtu()).isPositive();
            assertThat(info.floatingIps()).hasSize(1);
            assertThat(info.floatingIps().get(0).id()).isEqualTo(fip);
            assertThat(info.floatingIps().get(0).portId()).isEqualTo(vm);
            assertThat(agent.sync(List.of("00000000-0000-0000-0000-000000000000"))).isEmpty();

            server.agentCall(AgentTopics.UPDATE_FLOATINGIP_STATUSES, Map.of("router_id", router, "fip_statuses", Map.of(fip, "ACTIVE")));
            assertThat(member.get("/v2.0/floatingips/" + fip).body().get("floatingip").get("status").asText()).isEqualTo("ACTIVE");

            assertThat(member.put("/v2.0/routers/" + router, Map.of("router", Map.of("routes",
                    List.of(Map.of("destination", "192.0.2.0/24", "nexthop", "10.80.0.9"))))).status()).isEqualTo(200);
            assertThat(agent.nextUpdate()).containsExactly(router);
            assertThat(agent.sync(List.of(router)).get(0).routes()).containsExactly(new RouterInfo.Route("192.0.2.0/24", "10.80.0.9"));

            String forwarded = create(member, "floatingips", Map.of("floatingip", Map.of("floating_network_id", external)));
            String pfPath = "/v2.0/floatingips/" + forwarded + "/port_forwardings";
            String second = create(member, "ports", Map.of("port", Map.of("network_id", net)));
            var pf = member.post(pfPath, Map.of("port_forwarding", Map.of("internal_port_id", second, "internal_port", 22,
                    "external_port", 2222, "protocol", "tcp"))).body().get("port_forwarding");
            assertThat(agent.nextUpdate()).as("a new forwarding reaches the router's agent").containsExactly(router);
            RouterInfo withForwarding = agent.sync(List.of(router)).get(0);
            assertThat(withForwarding.floatingIps()).extracting(RouterInfo.FloatingIp::id).containsExactly(fip);
            assertThat(withForwarding.portForwardings()).containsExactly(new RouterInfo.PortForwarding(pf.get("id").asText(), forwarded,
                    member.get("/v2.0/floatingips/" + forwarded).body().get("floatingip").get("floating_ip_address").asText(), "tcp", 2222,
                    pf.get("internal_ip_address").asText(), 22));
            assertThat(member.put(pfPath + "/" + pf.get("id").asText(), Map.of("port_forwarding", Map.of("external_port", 2200)))
                    .status()).isEqualTo(200);
            assertThat(agent.nextUpdate()).containsExactly(router);
            assertThat(agent.sync(List.of(router)).get(0).portForwardings().get(0).externalPort()).isEqualTo(2200);
            assertThat(member.delete("/v2.0/ports/" + second).status()).isEqualTo(204);
            assertThat(agent.nextUpdate()).as("the deleted port's forwarding goes").containsExactly(router);
            assertThat(agent.sync(List.of(router)).get(0).portForwardings()).isEmpty();
            assertThat(member.delete("/v2.0/floatingips/" + forwarded).status()).isEqualTo(204);

            assertThat(member.delete("/v2.0/floatingips/" + fip).status()).isEqualTo(204);
            assertThat(agent.nextUpdate()).containsExactly(router);
            assertThat(member.put("/v2.0/routers/" + router, Map.of("router", Map.of("routes", List.of()))).status()).isEqualTo(200);
            agent.nextUpdate();
            assertThat(member.put("/v2.0/routers/" + router + "/remove_router_interface", Map.of("subnet_id", subnet)).status())
                    .isEqualTo(200);
            assertThat(agent.nextUpdate()).containsExactly(router);
            assertThat(member.put("/v2.0/routers/" + router, Map.of("router", Map.of("external_gateway_info", Map.of()))).status())
                    .isEqualTo(200);
            agent.nextUpdate();
            assertThat(member.delete("/v2.0/routers/" + router).status()).isEqualTo(204);
            assertThat(agent.nextUpdate()).containsExactly(router);
            assertThat(agent.sync(null)).isEmpty();
        }
    }

    @Test
    void aNewAgentTakesTheUnscheduledRoutersAndAdminsMoveThem() throws Exception {
        String external = create(admin, "networks", Map.of("network", Map.of("router:external", true)));
        create(admin, "subnets", Map.of("subnet", Map.of("network_id", external, "cidr", "198.51.100.0/24", "ip_version", 4)));
        String router = create(admin, "routers", Map.of("router", Map.of("external_gateway_info", Map.of("network_id", external))));
        String idle = create(admin, "routers", Map.of("router", Map.of("name", "no ports")));
        assertThat(admin.get("/v2.0/routers/" + router + "/l3-agents").body().get("agents")).isEmpty();
        try (FakeL3Agent first = new FakeL3Agent("l3-host-b")) {
            assertThat(first.nextUpdate()).contains(router).doesNotContain(idle);
            String firstId = admin.get("/v2.0/routers/" + router + "/l3-agents").body().get("agents").get(0).get("id").asText();
            assertThat(admin.get("/v2.0/agents/" + firstId + "/l3-routers").body().get("routers").findValuesAsText("id"))
                    .contains(router);
            try (FakeL3Agent second = new FakeL3Agent("l3-host-c")) {
                String secondId = admin.get("/v2.0/agents?host=l3-host-c").body().get("agents").get(0).get("id").asText();
                assertThat(admin.delete("/v2.0/agents/" + firstId + "/l3-routers/" + router).status()).isEqualTo(204);
                assertThat(first.nextUpdate()).containsExactly(router);
                assertThat(admin.get("/v2.0/ports?device_id=" + router).body().get("ports").get(0).get("binding:host_id").asText())
                        .isEmpty();
                assertThat(admin.post("/v2.0/agents/" + secondId + "/l3-routers", Map.of("router_id", router)).status()).isEqualTo(201);
                assertThat(second.nextUpdate()).containsExactly(router);
                assertThat(admin.get("/v2.0/ports?device_id=" + router).body().get("ports").get(0).get("binding:host_id").asText())
                        .isEqualTo("l3-host-c");
                assertThat(admin.post("/v2.0/agents/" + firstId + "/l3-routers", Map.of("router_id", router)).status()).isEqualTo(409);
                assertThat(server.member("x").get("/v2.0/agents/" + secondId + "/l3-routers").status()).isEqualTo(403);
            }
        }
    }
}
