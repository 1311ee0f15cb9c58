package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.ids;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;
import static org.neutrino.server.api.contract.Api.wrap;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.FakeKeystoneServer;
import org.neutrino.server.testing.TestServer;

/**
 * A caller whose Keystone token is scoped to no project (here: to a domain), as Neutron treats
 * it: it may not create anything without naming an owner it may name, and it sees what a
 * member of a project that owns nothing sees.
 */
class ProjectlessCallerContractTest {
    private static final String NO_OWNER = "Running without keystone AuthN requires that tenant_id is specified";

    static FakeKeystoneServer keystone;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        keystone = FakeKeystoneServer.start();
        server = TestServer.start(keystone.serverConfig());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        keystone.close();
    }

    private static ApiClient as(String token) {
        return ApiClient.withToken(server.url(), token);
    }

    private static void assertBadRequest(ApiClient.Response response, String message) {
        assertError(response, 400, "HTTPBadRequest");
        assertThat(response.body().get("NeutronError").get("message").asText()).isEqualTo(message);
    }

    @Test
    void aMemberWithoutProjectCreatesNothing() {
        ApiClient admin = as(keystone.projectToken("admin-project", "admin"));
        ApiClient member = as(keystone.domainToken("member"));
        String shared = network(admin, "shared", true).get("id").asText();
        subnet(admin, shared, "10.96.0.0/24");

        assertBadRequest(member.post("/v2.0/networks", wrap("network", map("name", "ownerless"))), NO_OWNER);
        assertBadRequest(member.post("/v2.0/networks", map("networks", List.of(map("name", "ownerless")))), NO_OWNER);
        assertBadRequest(member.post("/v2.0/ports", wrap("port", map("network_id", shared))), NO_OWNER);
        assertBadRequest(member.post("/v2.0/networks", wrap("network", map("name", "ownerless", "tenant_id", "someone"))),
                "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin or "
                        + "advsvc privileges");

        assertThat(admin.get("/v2.0/networks?name=ownerless").body().get("networks")).isEmpty();
        assertThat(admin.get("/v2.0/ports?network_id=" + shared).body().get("ports")).isEmpty();
    }

    @Test
    void anAdminWithoutProjectNamesTheOwnerAndItsQuotaApplies() {
        ApiClient admin = as(keystone.domainToken("admin"));
        String project = Api.project("projectless-owner");
        assertBadRequest(admin.post("/v2.0/networks", wrap("network", map("name", "ownerless"))), NO_OWNER);
        assertThat(admin.put("/v2.0/quotas/" + project, map("quota", map("network", 1))).status()).isEqualTo(200);

        assertThat(network(admin, "tenant_id", project).get("project_id").asText()).isEqualTo(project);
        assertError(admin.post("/v2.0/networks", wrap("network", map("tenant_id", project))), 409, "OverQuota");

        var details = admin.get("/v2.0/quotas/" + project + "/details").body().get("quota");
        assertThat(details.get("network").get("used").asInt()).isEqualTo(1);
        assertThat(admin.get("/v2.0/networks?name=ownerless").body().get("networks")).isEmpty();
    }

    @Test
    void aCallerWithoutProjectHasNoOwnQuota() {
        ApiClient admin = as(keystone.domainToken("admin"));
        for (String own : List.of("tenant", "project")) {
            assertError(admin.get("/v2.0/quotas/" + own), 400, "QuotaMissingTenant");
            assertError(admin.put("/v2.0/quotas/" + own, map("quota", map("network", 7))), 400, "QuotaMissingTenant");
            assertError(as(keystone.domainToken("member")).get("/v2.0/quotas/" + own + "/details"), 400, "QuotaMissingTenant");
        }
        assertThat(admin.get("/v2.0/quotas").body().get("quotas").toString()).doesNotContain("\"null\"");
    }

    @Test
    void aCallerWithoutProjectSeesOnlySharedResources() {
        ApiClient admin = as(keystone.projectToken("admin-project", "admin"));
        ApiClient owner = as(keystone.projectToken("null", "member"));
        String privateNet = network(owner).get("id").asText();
        String privateSubnet = subnet(owner, privateNet, "10.97.0.0/24").get("id").asText();
        String privatePort = port(owner, privateNet).get("id").asText();
        String shared = network(admin, "shared", true).get("id").asText();
        String sharedSubnet = subnet(admin, shared, "10.98.0.0/24").get("id").asText();

        ApiClient member = as(keystone.domainToken("member"));

        assertThat(ids(member.get("/v2.0/networks").body().get("networks"))).contains(shared).doesNotContain(privateNet);
        assertThat(ids(member.get("/v2.0/subnets").body().get("subnets"))).contains(sharedSubnet).doesNotContain(privateSubnet);
        assertThat(ids(member.get("/v2.0/ports").body().get("ports"))).doesNotContain(privatePort);
        assertError(member.get("/v2.0/networks/" + privateNet), 404, "NetworkNotFound");
        assertThat(member.get("/v2.0/networks/" + shared).status()).isEqualTo(200);
    }
}
