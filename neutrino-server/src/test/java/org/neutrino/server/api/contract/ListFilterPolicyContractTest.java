package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.ids;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * A list filter or sort key on an attribute the caller may not read ({@code get_port:binding:host_id}
 * and the like) is refused exactly like an unknown filter: its answer would tell the caller the
 * hidden values (which host runs another project's VM on the caller's network). A read rule
 * that depends on the resource (an owner check) cannot be decided for a whole list, so it
 * refuses too; admins and rules that pass for every resource allow the filter.
 */
@ExtendWith(SharedServer.class)
class ListFilterPolicyContractTest {
    static TestServer server;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    @Test
    void aMemberCannotFilterByWhereAnotherProjectsPortIsBound() {
        ApiClient owner = server.member(Api.project("hidden-owner"));
        ApiClient reader = server.client(owner.projectId(), "reader");
        String tenant = Api.project("hidden-tenant");
        String net = network(server.admin(), "shared", true, "project_id", owner.projectId()).get("id").asText();
        String vm = port(server.admin(), net, "project_id", tenant, "binding:host_id", "compute-7").get("id").asText();
        port(server.admin(), net, "project_id", tenant, "binding:host_id", "compute-8");
        assertThat(ids(owner.get("/v2.0/ports?network_id=" + net).body().get("ports"))).contains(vm);

        Map<String, String> refused = Map.of(
                "ports?binding:host_id=compute-7", "binding:host_id",
                "ports?binding:host_id=compute-9", "binding:host_id",
                "ports?network_id=" + net + "&binding:host_id=compute-7&binding:host_id=compute-8", "binding:host_id",
                "networks?provider:network_type=local", "provider:network_type",
                "networks?provider:segmentation_id=1", "provider:segmentation_id",
                "networks?provider:physical_network=physnet1", "provider:physical_network");
        for (ApiClient caller : new ApiClient[] {owner, reader}) {
            refused.forEach((query, attribute) -> {
                var answer = caller.get("/v2.0/" + query);
                assertError(answer, 400, "HTTPBadRequest");
                assertThat(answer.body().at("/NeutronError/message").asText())
                        .isEqualTo("[" + attribute + "] is invalid attribute for filtering");
            });
        }
        assertThat(ids(server.admin().get("/v2.0/ports?network_id=" + net + "&binding:host_id=compute-7").body().get("ports")))
                .containsExactly(vm);
        assertThat(ids(server.admin().get("/v2.0/networks?id=" + net + "&provider:network_type=local").body().get("networks")))
                .containsExactly(net);
    }

    /**
     * An operator's read rules decide: one that passes for the caller whatever the resource
     * allows the filter; one that depends on the resource (owner) or fails refuses it, for
     * filters and sort keys alike.
     */
    @Test
    void operatorReadRulesDecideWhoMayFilterAndSort(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                "get_network:provider:network_type": "role:member"
                "get_port:binding:host_id": "rule:admin_or_owner"
                "get_network:shared": "rule:admin_only"
                "get_port:device_owner": "rule:admin_only or tenant_id:%(tenant_id)s"
                """);
        try (TestServer custom = TestServer.start(Map.of("oslo_policy.policy_file", policy.toString()))) {
            ApiClient member = custom.member(Api.project("rules"));
            String own = network(member).get("id").asText();
            String ownPort = port(custom.admin(), own, "project_id", member.projectId(), "binding:host_id", "compute-1")
                    .get("id").asText();
            assertThat(ids(member.get("/v2.0/networks?provider:network_type=local").body().get("networks"))).containsExactly(own);
            assertError(custom.client(member.projectId(), "reader").get("/v2.0/networks?provider:network_type=local"),
                    400, "HTTPBadRequest");
            assertError(member.get("/v2.0/ports?binding:host_id=compute-1"), 400, "HTTPBadRequest");
            assertThat(member.get("/v2.0/ports/" + ownPort).body().at("/port/binding:host_id").asText()).isEqualTo("compute-1");
            assertError(member.get("/v2.0/networks?shared=false"), 400, "HTTPBadRequest");
            assertError(member.get("/v2.0/networks?sort_key=shared&sort_dir=asc"), 400, "HTTPBadRequest");
            assertError(member.get("/v2.0/ports?device_owner="), 400, "HTTPBadRequest");
            assertError(member.get("/v2.0/ports?sort_key=device_owner&sort_dir=asc"), 400, "HTTPBadRequest");
            assertThat(member.get("/v2.0/networks?sort_key=name&sort_dir=asc").status()).isEqualTo(200);
            ApiClient admin = custom.admin();
            assertThat(ids(admin.get("/v2.0/ports?binding:host_id=compute-1").body().get("ports"))).containsExactly(ownPort);
            assertThat(ids(admin.get("/v2.0/ports?device_owner=&sort_key=device_owner&sort_dir=asc&network_id=" + own)
                    .body().get("ports"))).containsExactly(ownPort);
            assertThat(admin.get("/v2.0/networks?shared=false&sort_key=shared&sort_dir=asc").status()).isEqualTo(200);
        }
    }
}
