package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;
import static org.neutrino.server.api.contract.Api.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** The {@code quotas} and {@code quota_details} extensions and quota enforcement. */
@ExtendWith(SharedServer.class)
class QuotasContractTest {
    static TestServer server;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    @Test
    void defaultsAndOwnQuota() {
        ApiClient member = server.member(Api.project("quota-defaults"));
        var own = member.get("/v2.0/quotas/" + member.projectId());
        assertThat(own.status()).isEqualTo(200);
        JsonNode quota = own.body().get("quota");
        assertThat(quota.get("network").asInt()).isEqualTo(100);
        assertThat(quota.get("subnet").asInt()).isEqualTo(100);
        assertThat(quota.get("port").asInt()).isEqualTo(500);
        JsonNode defaults = member.get("/v2.0/quotas/" + member.projectId() + "/default").body().get("quota");
        assertThat(defaults.get("network").asInt()).isEqualTo(100);
        assertThat(defaults.get("port").asInt()).isEqualTo(500);
    }

    @Test
    void onlyAdminMayChangeAndMembersReadOnlyTheirOwn() {
        ApiClient member = server.member(Api.project("quota-rights"));
        ApiClient other = server.member(Api.project("quota-other"));
        assertError(member.get("/v2.0/quotas/" + other.projectId()), 403, "PolicyNotAuthorized");
        assertError(member.get("/v2.0/quotas/" + other.projectId() + "/details"), 403, "PolicyNotAuthorized");
        assertError(member.put("/v2.0/quotas/" + member.projectId(), map("quota", map("network", 1000))), 403, "PolicyNotAuthorized");
        assertError(member.delete("/v2.0/quotas/" + member.projectId()), 403, "PolicyNotAuthorized");
        assertThat(member.get("/v2.0/quotas/" + member.projectId()).body().get("quota").get("network").asInt()).isEqualTo(100);
        assertThat(server.admin().get("/v2.0/quotas/" + member.projectId()).status()).isEqualTo(200);
        assertError(member.get("/v2.0/quotas"), 403, "PolicyNotAuthorized");
    }

    @Test
    void adminSetsListsAndResetsQuotas() {
        ApiClient admin = server.admin();
        String project = Api.project("quota-admin");
        var updated = admin.put("/v2.0/quotas/" + project, map("quota", map("network", 7, "port", -1)));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("quota").get("network").asInt()).isEqualTo(7);
        assertThat(updated.body().get("quota").get("port").asInt()).isEqualTo(-1);
        assertThat(updated.body().get("quota").get("subnet").asInt()).isEqualTo(100);
        assertThat(admin.get("/v2.0/quotas/" + project).body().get("quota").get("network").asInt()).isEqualTo(7);
        List<String> listed = new ArrayList<>();
        admin.get("/v2.0/quotas").body().get("quotas").forEach(q -> listed.add(q.get("project_id").asText()));
        assertThat(listed).contains(project);

        assertError(admin.put("/v2.0/quotas/" + project, map("quota", map("network", -2))), 400, "HTTPBadRequest");
        assertError(admin.put("/v2.0/quotas/" + project, map("quota", map("network", "many"))), 400, "HTTPBadRequest");
        assertError(admin.put("/v2.0/quotas/" + project, map("quota", map("unicorn", 1))), 400, "HTTPBadRequest");
        assertError(admin.put("/v2.0/quotas/" + project, map("quotas", map("network", 1))), 400, "HTTPBadRequest");
        assertThat(admin.get("/v2.0/quotas/" + project).body().get("quota").get("network").asInt()).isEqualTo(7);

        assertThat(admin.delete("/v2.0/quotas/" + project).status()).isEqualTo(204);
        assertThat(admin.get("/v2.0/quotas/" + project).body().get("quota").get("network").asInt()).isEqualTo(100);
    }

    @Test
    void overQuotaAndUsageComingBack() {
        ApiClient member = server.member(Api.project("quota-ports"));
        assertThat(server.admin().put("/v2.0/quotas/" + member.projectId(), map("quota", map("port", 2))).status()).isEqualTo(200);
        String net = network(member).get("id").asText();
        subnet(member, net, "10.90.0.0/24");
        String first = port(member, net).get("id").asText();
        port(member, net);
        var third = member.post("/v2.0/ports", wrap("port", map("network_id", net)));
        assertError(third, 409, "OverQuota");
        assertThat(third.body().get("NeutronError").get("message").asText()).contains("port");
        assertThat(member.get("/v2.0/ports?network_id=" + net).body().get("ports")).hasSize(2);

        JsonNode details = member.get("/v2.0/quotas/" + member.projectId() + "/details").body().get("quota");
        assertThat(details.get("port").get("limit").asInt()).isEqualTo(2);
        assertThat(details.get("port").get("used").asInt()).isEqualTo(2);
        assertThat(details.get("port").get("reserved").asInt()).isZero();
        assertThat(details.get("network").get("used").asInt()).isEqualTo(1);
        assertThat(details.get("subnet").get("used").asInt()).isEqualTo(1);

        assertThat(member.delete("/v2.0/ports/" + first).status()).isEqualTo(204);
        assertThat(member.get("/v2.0/quotas/" + member.projectId() + "/details").body().get("quota").get("port").get("used").asInt())
                .isEqualTo(1);
        port(member, net);
        assertError(member.post("/v2.0/ports", wrap("port", map("network_id", net))), 409, "OverQuota");
    }

    @Test
    void networkAndSubnetQuotas() {
        ApiClient member = server.member(Api.project("quota-nets"));
        server.admin().put("/v2.0/quotas/" + member.projectId(), map("quota", map("network", 1, "subnet", 1)));
        String net = network(member).get("id").asText();
        assertError(member.post("/v2.0/networks", wrap("network", map())), 409, "OverQuota");
        subnet(member, net, "10.91.0.0/24");
        assertError(member.post("/v2.0/subnets", wrap("subnet", map("network_id", net, "ip_version", 4, "cidr", "10.92.0.0/24"))),
                409, "OverQuota");
        assertThat(member.delete("/v2.0/networks/" + net).status()).isEqualTo(204);
        JsonNode details = member.get("/v2.0/quotas/" + member.projectId() + "/details").body().get("quota");
        assertThat(details.get("network").get("used").asInt()).isZero();
        assertThat(details.get("subnet").get("used").asInt()).isZero();
        String again = network(member).get("id").asText();
        subnet(member, again, "10.91.0.0/24");
    }

    @Test
    void zeroQuotaRefusesEverything() {
        ApiClient member = server.member(Api.project("quota-zero"));
        server.admin().put("/v2.0/quotas/" + member.projectId(), map("quota", map("network", 0)));
        assertError(member.post("/v2.0/networks", wrap("network", map())), 409, "OverQuota");
        assertThat(member.get("/v2.0/networks?tenant_id=" + member.projectId()).body().get("networks")).isEmpty();
    }
}
