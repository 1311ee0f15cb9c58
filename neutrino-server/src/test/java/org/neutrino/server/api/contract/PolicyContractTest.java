package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.ids;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;
import static org.neutrino.server.api.contract.Api.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** Who may see and do what: admin, owner, other projects, shared networks, readers, operator policy files. */
@ExtendWith(SharedServer.class)
class PolicyContractTest {
    static TestServer server;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    @Test
    void adminSeesEveryProjectMemberSeesOwnAndShared() {
        ApiClient a = server.member(Api.project("policy-a"));
        ApiClient b = server.member(Api.project("policy-b"));
        String na = network(a).get("id").asText();
        String nb = network(b).get("id").asText();
        String sa = subnet(a, na, "10.80.0.0/24").get("id").asText();
        String pa = port(a, na).get("id").asText();
        String shared = network(server.admin(), "shared", true).get("id").asText();
        String sharedSubnet = subnet(server.admin(), shared, "10.81.0.0/24").get("id").asText();

        ApiClient admin = server.admin();
        assertThat(ids(admin.get("/v2.0/networks").body().get("networks"))).contains(na, nb, shared);
        assertThat(ids(admin.get("/v2.0/subnets").body().get("subnets"))).contains(sa, sharedSubnet);
        assertThat(ids(admin.get("/v2.0/ports").body().get("ports"))).contains(pa);
        assertThat(admin.get("/v2.0/networks/" + na).status()).isEqualTo(200);

        assertThat(ids(b.get("/v2.0/networks").body().get("networks"))).contains(nb, shared).doesNotContain(na);
        assertThat(ids(b.get("/v2.0/subnets").body().get("subnets"))).contains(sharedSubnet).doesNotContain(sa);
        assertThat(ids(b.get("/v2.0/ports").body().get("ports"))).doesNotContain(pa);
        assertThat(b.get("/v2.0/subnets/" + sharedSubnet).status()).isEqualTo(200);
    }

    @Test
    void otherProjectsResourcesAreNotFoundNeverForbidden() {
        ApiClient owner = server.member(Api.project("policy-owner"));
        ApiClient other = server.member(Api.project("policy-other"));
        String net = network(owner).get("id").asText();
        String sub = subnet(owner, net, "10.82.0.0/24").get("id").asText();
        String prt = port(owner, net).get("id").asText();
        for (String[] r : new String[][] {{"networks", "network", net, "NetworkNotFound"}, {"subnets", "subnet", sub, "SubnetNotFound"},
                {"ports", "port", prt, "PortNotFound"}}) {
            String path = "/v2.0/" + r[0] + "/" + r[2];
            assertError(other.get(path), 404, r[3]);
            assertError(other.put(path, wrap(r[1], map("name", "stolen"))), 404, r[3]);
            assertError(other.delete(path), 404, r[3]);
            assertError(other.get(path + "/tags"), 404, r[3]);
            assertThat(owner.get(path).body().get(r[1]).get("name").asText()).isNotEqualTo("stolen");
        }
        assertThat(other.get("/v2.0/networks?id=" + net).body().get("networks")).isEmpty();
    }

    @Test
    void readerMayReadButNotWrite() {
        String project = Api.project("policy-reader");
        ApiClient member = server.member(project);
        ApiClient reader = server.client(project, "reader");
        String net = network(member).get("id").asText();
        String sub = subnet(member, net, "10.83.0.0/24").get("id").asText();
        String prt = port(member, net).get("id").asText();
        assertThat(reader.get("/v2.0/networks/" + net).status()).isEqualTo(200);
        assertThat(ids(reader.get("/v2.0/ports").body().get("ports"))).containsExactly(prt);
        assertThat(reader.get("/v2.0/subnets/" + sub).status()).isEqualTo(200);
        assertThat(reader.get("/v2.0/networks/" + net + "/tags").status()).isEqualTo(200);
        assertError(reader.post("/v2.0/networks", wrap("network", map("name", "r"))), 403, "PolicyNotAuthorized");
        assertError(reader.post("/v2.0/ports", wrap("port", map("network_id", net))), 403, "PolicyNotAuthorized");
        assertError(reader.post("/v2.0/subnets", wrap("subnet", map("network_id", net, "ip_version", 4, "cidr", "10.84.0.0/24"))),
                403, "PolicyNotAuthorized");
        assertError(reader.put("/v2.0/networks/" + net, wrap("network", map("name", "r"))), 403, "PolicyNotAuthorized");
        assertError(reader.put("/v2.0/ports/" + prt, wrap("port", map("name", "r"))), 403, "PolicyNotAuthorized");
        assertError(reader.delete("/v2.0/ports/" + prt), 403, "PolicyNotAuthorized");
        assertError(reader.delete("/v2.0/subnets/" + sub), 403, "PolicyNotAuthorized");
        assertError(reader.put("/v2.0/networks/" + net + "/tags/r", null), 403, "PolicyNotAuthorized");
        assertThat(member.get("/v2.0/networks?tenant_id=" + project).body().get("networks")).hasSize(1);
        assertThat(member.get("/v2.0/ports/" + prt).status()).isEqualTo(200);
    }

    @Test
    void onlyAdminMaySetShared() {
        ApiClient member = server.member(Api.project("policy-shared"));
        var refused = member.post("/v2.0/networks", wrap("network", map("shared", true)));
        assertError(refused, 403, "PolicyNotAuthorized");
        assertThat(member.get("/v2.0/networks?tenant_id=" + member.projectId()).body().get("networks")).isEmpty();
        String net = network(member).get("id").asText();
        assertError(member.put("/v2.0/networks/" + net, wrap("network", map("shared", true))), 403, "PolicyNotAuthorized");
        assertThat(member.get("/v2.0/networks/" + net).body().get("network").get("shared").asBoolean()).isFalse();
        var byAdmin = server.admin().put("/v2.0/networks/" + net, wrap("network", map("shared", true)));
        assertThat(byAdmin.body().get("network").get("shared").asBoolean()).isTrue();
        assertThat(network(member, "shared", false).get("shared").asBoolean()).isFalse();
    }

    @Test
    void adminMayActForAnotherProjectAMemberMayNot() {
        ApiClient member = server.member(Api.project("policy-for"));
        JsonNode forMember = network(server.admin(), "tenant_id", member.projectId());
        assertThat(forMember.get("project_id").asText()).isEqualTo(member.projectId());
        assertThat(member.get("/v2.0/networks/" + forMember.get("id").asText()).status()).isEqualTo(200);
        assertError(member.post("/v2.0/networks", wrap("network", map("project_id", "someone-else"))), 400, "HTTPBadRequest");
        assertError(server.admin().post("/v2.0/networks", wrap("network", map("project_id", "p1", "tenant_id", "p2"))),
                400, "HTTPBadRequest");
    }

    @Test
    void providerAttributesAreAdminOnly() {
        ApiClient member = server.member(Api.project("policy-provider"));
        JsonNode net = network(member);
        assertThat(net.has("provider:network_type")).isFalse();
        assertThat(net.has("provider:segmentation_id")).isFalse();
        assertThat(member.get("/v2.0/networks/" + net.get("id").asText()).body().get("network").has("provider:network_type")).isFalse();
        boolean provider = server.admin().get("/v2.0/extensions/provider").status() == 200;
        var attempt = member.post("/v2.0/networks", wrap("network", map("provider:network_type", "vlan")));
        if (provider) {
            assertError(attempt, 403, "PolicyNotAuthorized");
        } else {
            assertError(attempt, 400, "HTTPBadRequest");
        }
        assertThat(member.get("/v2.0/networks?tenant_id=" + member.projectId()).body().get("networks")).hasSize(1);
    }

    @Test
    void anOperatorContextIsAdminRuleDecidesWhoIsAdminEverywhere(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                # the admin role makes an admin only in the operators' project; cloud_admin anywhere
                "context_is_admin": "(role:admin and project_id:ops) or role:cloud_admin"
                """);
        try (TestServer custom = TestServer.start(Map.of("oslo_policy.policy_file", policy.toString()))) {
            ApiClient owner = custom.member(Api.project("narrow-owner"));
            String privateNet = network(owner).get("id").asText();
            String agents = "/v2.0/agents/11111111-2222-4333-8444-555555555555";

            ApiClient projectAdmin = custom.client(Api.project("narrow-admin"), "admin");
            assertThat(ids(projectAdmin.get("/v2.0/networks").body().get("networks"))).doesNotContain(privateNet);
            assertError(projectAdmin.get("/v2.0/networks/" + privateNet), 404, "NetworkNotFound");
            assertError(projectAdmin.post("/v2.0/ports", wrap("port", map("network_id", privateNet))), 404, "NetworkNotFound");
            assertError(projectAdmin.post("/v2.0/networks", wrap("network", map("shared", true))), 403, "PolicyNotAuthorized");
            assertError(projectAdmin.post("/v2.0/networks", wrap("network", map("project_id", owner.projectId()))),
                    400, "HTTPBadRequest");
            assertError(projectAdmin.get("/v2.0/quotas/" + owner.projectId()), 403, "PolicyNotAuthorized");
            assertError(projectAdmin.put("/v2.0/quotas/" + projectAdmin.projectId(), map("quota", map("network", 1))),
                    403, "PolicyNotAuthorized");
            assertThat(projectAdmin.get("/v2.0/agents").body().get("agents")).isEmpty();
            assertError(projectAdmin.put(agents, wrap("agent", map("admin_state_up", false))), 404, "AgentNotFound");

            for (ApiClient admin : new ApiClient[] {custom.client("ops", "admin"), custom.client(Api.project("narrow-cloud"), "cloud_admin")}) {
                assertThat(ids(admin.get("/v2.0/networks").body().get("networks"))).contains(privateNet);
                assertThat(admin.get("/v2.0/networks/" + privateNet).status()).isEqualTo(200);
                assertThat(port(admin, privateNet).get("project_id").asText()).isEqualTo(admin.projectId());
                assertThat(network(admin, "shared", true, "project_id", owner.projectId()).get("project_id").asText())
                        .isEqualTo(owner.projectId());
                assertThat(admin.put("/v2.0/quotas/" + owner.projectId(), map("quota", map("network", 50))).status()).isEqualTo(200);
                assertThat(admin.get("/v2.0/agents").status()).isEqualTo(200);
                assertError(admin.get(agents), 404, "AgentNotFound");
            }
        }
    }

    @Test
    void operatorPolicyFileOverridesARuleByName(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                # operators may restrict network creation to admins and let anyone list availability
                "create_network": "rule:admin_only"
                "get_network_ip_availability": ""
                """);
        try (TestServer custom = TestServer.start(Map.of("oslo_policy.policy_file", policy.toString()))) {
            ApiClient member = custom.member(Api.project("policy-file"));
            var refused = member.post("/v2.0/networks", wrap("network", map("name", "n")));
            assertError(refused, 403, "PolicyNotAuthorized");
            assertThat(refused.body().get("NeutronError").get("message").asText()).contains("create_network");
            assertThat(custom.admin().post("/v2.0/networks", wrap("network", map("name", "n"))).status()).isEqualTo(201);
            assertThat(member.get("/v2.0/network-ip-availabilities").status()).isEqualTo(200);
            assertThat(member.post("/v2.0/ports", wrap("port", map("network_id", "11111111-2222-4333-8444-555555555555"))).status())
                    .isEqualTo(404);
        }
        ApiClient member = server.member(Api.project("policy-default"));
        assertThat(member.post("/v2.0/networks", wrap("network", map("name", "n"))).status()).isEqualTo(201);
        assertError(member.get("/v2.0/network-ip-availabilities"), 403, "PolicyNotAuthorized");
    }
}
