package org.neutrino.server.services.l3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.OwnServerTest;

/**
 * {@code router_availability_zone} and the schedulers' zones, with L3 and DHCP agents of two
 * zones registered by {@code report_state} as real agents are: routers and networks hinted to a
 * zone go to its agents only (the agent of the other zone would win on load and name otherwise).
 */
class RouterAvailabilityZonesTest extends OwnServerTest {
    private static String external;

    @BeforeAll
    static void agentsOfTwoZones() {
        server.reportAgentState("az-l3-a", AgentTopics.L3_AGENT_TYPE, Map.of(), "zone-a");
        server.reportAgentState("az-l3-b", AgentTopics.L3_AGENT_TYPE, Map.of(), "zone-b");
        server.reportAgentState("az-dhcp-a", AgentTopics.DHCP_AGENT_TYPE, Map.of(), "zone-a");
        server.reportAgentState("az-dhcp-b", AgentTopics.DHCP_AGENT_TYPE, Map.of(), "zone-b");
        server.reportAgentState("az-dhcp-c", AgentTopics.DHCP_AGENT_TYPE, Map.of(), "zone-c");
        external = create(admin, "networks", Map.of("network", Map.of("router:external", true)));
        create(admin, "subnets", Map.of("subnet", Map.of("network_id", external, "cidr", "203.0.113.0/24", "ip_version", 4,
                "enable_dhcp", false)));
    }

    private static String create(ApiClient client, String collection, Map<String, Object> body) {
        ApiClient.Response response = client.post("/v2.0/" + collection, body);
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        return response.body().elements().next().get("id").asText();
    }

    private static void assertError(ApiClient.Response response, int status, String type) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
        assertThat(response.errorType()).as("%s", response.body()).isEqualTo(type);
    }

    private static List<String> hosts(String path, String key) {
        List<String> out = new ArrayList<>();
        admin.get(path).body().get(key).forEach(a -> out.add(a.get("host").asText()));
        return out;
    }

    private static String agentId(String host) {
        return admin.get("/v2.0/agents?host=" + host).body().at("/agents/0/id").asText();
    }

    @Test
    void routerZonesAreListedHintedAndDerivedFromTheirL3Agent() {
        List<String> zones = new ArrayList<>();
        admin.get("/v2.0/availability_zones?resource=router").body().get("availability_zones")
                .forEach(z -> zones.add(z.get("name").asText()));
        assertThat(zones).containsExactly("zone-a", "zone-b");
        ApiClient member = server.member("az-router-member");
        assertError(member.post("/v2.0/routers", Map.of("router", Map.of("availability_zone_hints", List.of("zone-x")))), 404,
                "AvailabilityZoneNotFound");
        assertError(member.post("/v2.0/routers", Map.of("router", Map.of("availability_zone_hints", List.of("zone-c")))), 404,
                "AvailabilityZoneNotFound");
        assertError(member.post("/v2.0/routers", Map.of("router", Map.of("availability_zone_hints", List.of("zone-a", "zone-a")))),
                400, "HTTPBadRequest");
        JsonNode plain = member.post("/v2.0/routers", Map.of("router", Map.of("name", "plain"))).body().get("router");
        assertThat(plain.get("availability_zone_hints")).isEmpty();
        assertThat(plain.get("availability_zones")).isEmpty();

        String hinted = create(admin, "routers", Map.of("router", Map.of("availability_zone_hints", List.of("zone-b"),
                "external_gateway_info", Map.of("network_id", external))));
        assertThat(hosts("/v2.0/routers/" + hinted + "/l3-agents", "agents")).as("zone-a's agent would win on its name")
                .containsExactly("az-l3-b");
        JsonNode shown = admin.get("/v2.0/routers/" + hinted).body().get("router");
        assertThat(shown.get("availability_zone_hints").toString()).isEqualTo("[\"zone-b\"]");
        assertThat(shown.get("availability_zones").toString()).isEqualTo("[\"zone-b\"]");
        assertError(admin.put("/v2.0/routers/" + hinted, Map.of("router", Map.of("availability_zone_hints", List.of()))), 400,
                "HTTPBadRequest");

        String free = create(admin, "routers", Map.of("router", Map.of("external_gateway_info", Map.of("network_id", external))));
        assertThat(hosts("/v2.0/routers/" + free + "/l3-agents", "agents")).as("without hints, the least loaded")
                .containsExactly("az-l3-a");
        assertThat(admin.get("/v2.0/routers?id=" + free).body().at("/routers/0/availability_zones").toString())
                .isEqualTo("[\"zone-a\"]");
    }

    @Test
    void dhcpAgentsOfANetworkComeFromItsHintedZones() {
        String hinted = create(admin, "networks", Map.of("network", Map.of("availability_zone_hints", List.of("zone-b"))));
        create(admin, "subnets", Map.of("subnet", Map.of("network_id", hinted, "cidr", "10.60.0.0/24", "ip_version", 4)));
        assertThat(hosts("/v2.0/networks/" + hinted + "/dhcp-agents", "agents")).containsExactly("az-dhcp-b");

        // With zone-c's agent down, a network hinted to zone-c waits; a restarting agent of another zone does not take it.
        String zoneC = agentId("az-dhcp-c");
        assertThat(admin.put("/v2.0/agents/" + zoneC, Map.of("agent", Map.of("admin_state_up", false))).status()).isEqualTo(200);
        String waiting = create(admin, "networks", Map.of("network", Map.of("availability_zone_hints", List.of("zone-c"))));
        create(admin, "subnets", Map.of("subnet", Map.of("network_id", waiting, "cidr", "10.61.0.0/24", "ip_version", 4)));
        assertThat(hosts("/v2.0/networks/" + waiting + "/dhcp-agents", "agents")).isEmpty();
        server.reportAgentState("az-dhcp-a", AgentTopics.DHCP_AGENT_TYPE, Map.of(), "zone-a");
        assertThat(hosts("/v2.0/networks/" + waiting + "/dhcp-agents", "agents")).isEmpty();
        assertThat(admin.put("/v2.0/agents/" + zoneC, Map.of("agent", Map.of("admin_state_up", true))).status()).isEqualTo(200);
        server.reportAgentState("az-dhcp-c", AgentTopics.DHCP_AGENT_TYPE, Map.of(), "zone-c");
        assertThat(hosts("/v2.0/networks/" + waiting + "/dhcp-agents", "agents")).containsExactly("az-dhcp-c");
    }
}
