package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.ids;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.subnet;
import static org.neutrino.server.api.contract.Api.wrap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * The {@code agent} and {@code dhcp_agent_scheduler} extensions as a non-admin meets them:
 * Neutron's policy hides agents from members, and nothing a member is answered depends on
 * whether an agent id exists.
 */
@ExtendWith(SharedServer.class)
class AgentsContractTest {
    static TestServer server;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    /** Registers an agent on a host no other test uses; returns its id. */
    private static String agentOnNewHost(TestServer on, String agentType) {
        String host = "agents-contract-" + UUID.randomUUID().toString().substring(0, 8);
        on.reportAgentState(host, agentType, Map.of());
        return on.admin().get("/v2.0/agents?host=" + host).body().get("agents").get(0).get("id").asText();
    }

    @Test
    void membersListNoAgents() {
        agentOnNewHost(server, AgentTopics.LINUXBRIDGE_AGENT_TYPE);
        ApiClient member = server.member(Api.project("agents-list"));

        var listed = member.get("/v2.0/agents");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().get("agents")).isEmpty();
        assertThat(member.get("/v2.0/agents?agent_type=" + AgentTopics.LINUXBRIDGE_AGENT_TYPE.replace(" ", "%20"))
                .body().get("agents")).isEmpty();
        assertThat(server.client(Api.project("agents-list"), "reader").get("/v2.0/agents").body().get("agents")).isEmpty();
        assertThat(server.admin().get("/v2.0/agents").body().get("agents")).isNotEmpty();
    }

    @Test
    void aMemberIsAnsweredTheSameForAnExistingAndANonexistentAgent() {
        String existing = agentOnNewHost(server, AgentTopics.LINUXBRIDGE_AGENT_TYPE);
        String missing = UUID.randomUUID().toString();
        ApiClient member = server.member(Api.project("agents-oracle"));
        String net = network(member).get("id").asText();

        for (String id : List.of(existing, missing)) {
            String path = "/v2.0/agents/" + id;
            for (var answer : List.of(member.get(path), member.put(path, wrap("agent", map("admin_state_up", false))),
                    member.delete(path))) {
                assertError(answer, 404, "AgentNotFound");
                assertThat(answer.body().get("NeutronError").get("message").asText()).isEqualTo("Agent " + id + " could not be found.");
            }
            assertError(member.get(path + "/dhcp-networks"), 403, "PolicyNotAuthorized");
            assertError(member.post(path + "/dhcp-networks", map("network_id", net)), 403, "PolicyNotAuthorized");
            assertError(member.delete(path + "/dhcp-networks/" + net), 403, "PolicyNotAuthorized");
        }
        var kept = server.admin().get("/v2.0/agents/" + existing);
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.body().get("agent").get("admin_state_up").asBoolean()).isTrue();
    }

    @Test
    void membersMayNotListTheDhcpAgentsOfAnyNetwork() {
        ApiClient member = server.member(Api.project("agents-hosting"));
        String own = network(member).get("id").asText();
        String others = network(server.member(Api.project("agents-hosting-other"))).get("id").asText();

        for (String id : List.of(own, others, UUID.randomUUID().toString())) {
            var refused = member.get("/v2.0/networks/" + id + "/dhcp-agents");
            assertError(refused, 403, "PolicyNotAuthorized");
            assertThat(refused.body().get("NeutronError").get("message").asText())
                    .isEqualTo("rule:get_dhcp-agents is disallowed by policy");
        }
        assertThat(server.admin().get("/v2.0/networks/" + own + "/dhcp-agents").status()).isEqualTo(200);
    }

    @Test
    void whereAnOperatorLetsMembersReadAgentsTheyStillChangeNoneAndSeeOnlyTheirNetworks(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                "get_agent": "rule:regular_user"
                "get_dhcp-networks": "rule:regular_user"
                """);
        try (TestServer custom = TestServer.start(Map.of("oslo_policy.policy_file", policy.toString()))) {
            String agent = agentOnNewHost(custom, AgentTopics.DHCP_AGENT_TYPE);
            ApiClient member = custom.member(Api.project("agents-open"));
            String own = network(member).get("id").asText();
            subnet(member, own, "10.90.0.0/24");
            ApiClient other = custom.member(Api.project("agents-open-other"));
            String others = network(other).get("id").asText();
            subnet(other, others, "10.91.0.0/24");
            assertThat(ids(custom.admin().get("/v2.0/agents/" + agent + "/dhcp-networks").body().get("networks")))
                    .contains(own, others);

            assertThat(ids(member.get("/v2.0/agents").body().get("agents"))).containsExactly(agent);
            assertThat(member.get("/v2.0/agents/" + agent).status()).isEqualTo(200);
            assertError(member.put("/v2.0/agents/" + agent, wrap("agent", map("admin_state_up", false))), 403, "PolicyNotAuthorized");
            assertError(member.delete("/v2.0/agents/" + agent), 403, "PolicyNotAuthorized");
            assertThat(ids(member.get("/v2.0/agents/" + agent + "/dhcp-networks").body().get("networks")))
                    .contains(own).doesNotContain(others);
            assertThat(custom.admin().get("/v2.0/agents/" + agent).body().get("agent").get("admin_state_up").asBoolean()).isTrue();
        }
    }
}
