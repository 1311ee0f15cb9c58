package org.neutrino.server.services.availabilityzones;

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

/** Availability zones from the agents, and the zone hints and zones of networks. */
class AvailabilityZonesContractTest extends OwnServerTest {
    @BeforeAll
    static void reportAgents() {
        server.reportAgentState("az-host-1", AgentTopics.DHCP_AGENT_TYPE, Map.of(), "zone-a");
        server.reportAgentState("az-host-2", AgentTopics.L3_AGENT_TYPE, Map.of(), "zone-b");
    }

    private static List<String> zones(ApiClient client, String query) {
        ApiClient.Response answer = client.get("/v2.0/availability_zones" + query);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        answer.body().get("availability_zones").forEach(z -> out.add(z.get("name").asText() + " " + z.path("resource").asText()
                + " " + z.path("state").asText()));
        return out;
    }

    @Test
    void zonesAreListedFromTheDhcpAndL3Agents() {
        ApiClient member = server.member("az-member");
        assertThat(zones(member, "")).containsExactly("zone-a network available", "zone-b router available");
        assertThat(zones(member, "?resource=router")).containsExactly("zone-b router available");
        assertThat(zones(member, "?state=unavailable")).isEmpty();
        assertThat(member.get("/v2.0/availability_zones?bogus=1").status()).isEqualTo(400);
        assertThat(member.post("/v2.0/availability_zones", Map.of()).status()).isEqualTo(405);
        String id = server.admin().get("/v2.0/agents?host=az-host-2").body().at("/agents/0/id").asText();
        server.admin().put("/v2.0/agents/" + id, Map.of("agent", Map.of("admin_state_up", false)));
        assertThat(zones(member, "?name=zone-b")).containsExactly("zone-b router unavailable");
        server.admin().put("/v2.0/agents/" + id, Map.of("agent", Map.of("admin_state_up", true)));
    }

    @Test
    void networksCarryTheirHintsAndTheZonesOfTheirDhcpAgents() {
        ApiClient member = server.member("az-net");
        JsonNode plain = member.post("/v2.0/networks", Map.of("network", Map.of("name", "plain"))).body().get("network");
        assertThat(plain.get("availability_zone_hints")).isEmpty();
        assertThat(plain.get("availability_zones")).isEmpty();
        ApiClient.Response hinted = member.post("/v2.0/networks", Map.of("network", Map.of("name", "hinted",
                "availability_zone_hints", List.of("zone-a"))));
        assertThat(hinted.status()).as("%s", hinted.body()).isEqualTo(201);
        String id = hinted.body().get("network").get("id").asText();
        assertThat(hinted.body().get("network").get("availability_zone_hints").get(0).asText()).isEqualTo("zone-a");
        ApiClient.Response unknown = member.post("/v2.0/networks", Map.of("network", Map.of("availability_zone_hints", List.of("zone-b"))));
        assertThat(unknown.status()).as("%s", unknown.body()).isEqualTo(404);
        assertThat(unknown.errorType()).isEqualTo("AvailabilityZoneNotFound");
        assertThat(member.post("/v2.0/networks", Map.of("network", Map.of("availability_zone_hints", List.of("a", "a")))).status())
                .isEqualTo(400);
        assertThat(member.put("/v2.0/networks/" + id, Map.of("network", Map.of("availability_zone_hints", List.of())))
                .status()).isEqualTo(400);
        assertThat(member.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", id, "ip_version", 4, "cidr", "10.0.0.0/24")))
                .status()).isEqualTo(201);
        JsonNode shown = member.get("/v2.0/networks/" + id).body().get("network");
        assertThat(shown.get("availability_zones").get(0).asText()).isEqualTo("zone-a");
        assertThat(member.get("/v2.0/networks").body().get("networks")).allSatisfy(n -> assertThat(n.has("availability_zones")).isTrue());
    }
}
