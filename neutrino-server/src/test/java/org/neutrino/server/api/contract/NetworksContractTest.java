package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** Networks: defaults, update, delete, bulk create, sharing, errors, as Neutron serves them. */
@ExtendWith(SharedServer.class)
class NetworksContractTest {
    static TestServer server;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    @Test
    void createFillsNeutronDefaults() {
        ApiClient member = server.member(Api.project("net-defaults"));
        var response = member.post("/v2.0/networks", wrap("network", map()));
        JsonNode net = Api.created(response, "network");
        assertThat(net.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(net.get("name").asText()).isEmpty();
        assertThat(net.get("admin_state_up").asBoolean()).isTrue();
        assertThat(net.get("shared").isBoolean()).isTrue();
        assertThat(net.get("shared").asBoolean()).isFalse();
        assertThat(net.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(net.get("mtu").asInt()).isEqualTo(1500);
        assertThat(net.get("subnets").isArray()).isTrue();
        assertThat(net.get("subnets")).isEmpty();
        assertThat(net.get("tags")).isEmpty();
        assertThat(net.get("description").asText()).isEmpty();
        assertThat(net.get("revision_number").asInt()).isZero();
        assertThat(net.get("created_at").asText()).matches(Api.TIMESTAMP);
        assertThat(net.get("updated_at").asText()).matches(Api.TIMESTAMP);
        assertThat(net.get("project_id").asText()).isEqualTo(member.projectId());
        assertThat(net.get("tenant_id").asText()).isEqualTo(member.projectId());
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode shown = member.get("/v2.0/networks/" + net.get("id").asText()).body().get("network");
        assertThat(shown).isEqualTo(net);
    }

    @Test
    void createRefusesUnknownAndReadOnlyAttributesAndBadValues() {
        ApiClient member = server.member(Api.project("net-bad"));
        assertError(member.post("/v2.0/networks", wrap("network", map("colour", "red"))), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/networks", wrap("network", map("status", "DOWN"))), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/networks", wrap("network", map("admin_state_up", "maybe"))), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/networks", wrap("network", map("mtu", 20))), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/networks", wrap("network", map("name", "x".repeat(256)))), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/networks", map("net", map())), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/networks", "{\"network\": "), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/networks", wrap("network", map("tenant_id", "someone-else"))), 400, "HTTPBadRequest");
        assertThat(member.get("/v2.0/networks?tenant_id=" + member.projectId()).body().get("networks")).isEmpty();
    }

    @Test
    void nulCharactersAreRefusedEverywhere() {
        ApiClient member = server.member(Api.project("net-nul"));
        String id = network(member).get("id").asText();
        assertError(member.post("/v2.0/networks", wrap("network", map("name", "a\u0000b"))), 400, "HTTPBadRequest");
        assertError(member.put("/v2.0/networks/" + id, wrap("network", map("description", "\u0000"))), 400, "HTTPBadRequest");
        assertError(member.get("/v2.0/networks?name=a%00b"), 400, "HTTPBadRequest");
        assertError(member.put("/v2.0/networks/" + id + "/tags", map("tags", List.of("t\u0000"))), 400, "HTTPBadRequest");
        assertError(member.get("/v2.0/networks/" + id + "%00"), 400, "HTTPBadRequest");
        assertThat(member.get("/v2.0/networks?tenant_id=" + member.projectId()).body().get("networks")).hasSize(1);
    }

    @Test
    void updateChangesAttributesAndBumpsRevision() {
        ApiClient member = server.member(Api.project("net-update"));
        JsonNode net = network(member, "name", "before");
        String id = net.get("id").asText();
        var updated = member.put("/v2.0/networks/" + id, wrap("network", map("name", "after", "admin_state_up", false,
                "description", "d", "mtu", 1400)));
        assertThat(updated.status()).isEqualTo(200);
        JsonNode after = updated.body().get("network");
        assertThat(after.get("name").asText()).isEqualTo("after");
        assertThat(after.get("admin_state_up").asBoolean()).isFalse();
        assertThat(after.get("description").asText()).isEqualTo("d");
        assertThat(after.get("mtu").asInt()).isEqualTo(1400);
        assertThat(after.get("revision_number").asInt()).isEqualTo(net.get("revision_number").asInt() + 1);
        assertThat(after.get("created_at")).isEqualTo(net.get("created_at"));
        assertError(member.put("/v2.0/networks/" + id, wrap("network", map("id", "x"))), 400, "HTTPBadRequest");
        assertError(member.put("/v2.0/networks/" + id, wrap("network", map("tenant_id", "x"))), 400, "HTTPBadRequest");
        assertError(member.put("/v2.0/networks/" + id, wrap("network", map("status", "DOWN"))), 400, "HTTPBadRequest");
        assertThat(member.get("/v2.0/networks/" + id).body().get("network").get("revision_number").asInt())
                .isEqualTo(after.get("revision_number").asInt());
    }

    @Test
    void deleteRemovesTheNetworkAndItsSubnets() {
        ApiClient member = server.member(Api.project("net-delete"));
        String id = network(member).get("id").asText();
        String subnetId = Api.subnet(member, id, "10.9.0.0/24").get("id").asText();
        var deleted = member.delete("/v2.0/networks/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isNull();
        assertError(member.get("/v2.0/networks/" + id), 404, "NetworkNotFound");
        assertError(member.get("/v2.0/subnets/" + subnetId), 404, "SubnetNotFound");
        assertError(member.delete("/v2.0/networks/" + id), 404, "NetworkNotFound");
    }

    @Test
    void notFoundHasNeutronShape() {
        ApiClient member = server.member(Api.project("net-404"));
        String missing = "2c4a9d2e-8f0b-4a55-9d61-0a3c5a1f7e10";
        var response = member.get("/v2.0/networks/" + missing);
        assertError(response, 404, "NetworkNotFound");
        assertThat(response.body().get("NeutronError").get("message").asText())
                .isEqualTo("Network " + missing + " could not be found.");
        assertThat(response.body().get("NeutronError").get("detail").asText()).isEmpty();
        assertError(member.put("/v2.0/networks/" + missing, wrap("network", map("name", "x"))), 404, "NetworkNotFound");
        assertError(member.get("/v2.0/nothing-here"), 404, "HTTPNotFound");
    }

    @Test
    void bulkCreateIsAllOrNothing() {
        ApiClient member = server.member(Api.project("net-bulk"));
        var ok = member.post("/v2.0/networks", map("networks", List.of(map("name", "a"), map("name", "b"))));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.body().get("networks")).hasSize(2);
        assertThat(ok.body().get("networks").get(0).get("name").asText()).isEqualTo("a");
        assertThat(ok.body().get("networks").get(1).get("name").asText()).isEqualTo("b");

        ApiClient other = server.member(Api.project("net-bulk-bad"));
        var invalid = other.post("/v2.0/networks", map("networks", List.of(map("name", "a"), map("mtu", "lots"))));
        assertError(invalid, 400, "HTTPBadRequest");
        assertThat(other.get("/v2.0/networks?tenant_id=" + other.projectId()).body().get("networks")).isEmpty();

        assertThat(server.admin().put("/v2.0/quotas/" + other.projectId(), map("quota", map("network", 2))).status())
                .isEqualTo(200);
        var overQuota = other.post("/v2.0/networks", map("networks", List.of(map("name", "1"), map("name", "2"), map("name", "3"))));
        assertError(overQuota, 409, "OverQuota");
        assertThat(other.get("/v2.0/networks?tenant_id=" + other.projectId()).body().get("networks")).isEmpty();
        assertError(other.post("/v2.0/networks", map("networks", List.of())), 400, "HTTPBadRequest");
    }

    @Test
    void sharedNetworkIsVisibleToOtherProjectsButNotWritable() {
        ApiClient admin = server.admin();
        ApiClient owner = server.member(Api.project("net-owner"));
        ApiClient stranger = server.member(Api.project("net-stranger"));
        JsonNode shared = network(admin, "tenant_id", owner.projectId(), "shared", true);
        JsonNode priv = network(owner);
        String sharedId = shared.get("id").asText();
        List<String> seen = Api.ids(stranger.get("/v2.0/networks").body().get("networks"));
        assertThat(seen).contains(sharedId).doesNotContain(priv.get("id").asText());
        assertThat(stranger.get("/v2.0/networks/" + sharedId).status()).isEqualTo(200);
        assertError(stranger.get("/v2.0/networks/" + priv.get("id").asText()), 404, "NetworkNotFound");
        assertError(stranger.put("/v2.0/networks/" + sharedId, wrap("network", map("name", "mine"))), 403, "PolicyNotAuthorized");
        assertError(stranger.delete("/v2.0/networks/" + sharedId), 403, "PolicyNotAuthorized");
        assertThat(stranger.get("/v2.0/networks?shared=true").body().get("networks"))
                .allMatch(n -> n.get("shared").asBoolean());
    }

    @Test
    void unsharingRefusedWhileOtherProjectsHavePorts() {
        ApiClient admin = server.admin();
        ApiClient stranger = server.member(Api.project("net-unshare"));
        String id = network(admin, "shared", true).get("id").asText();
        Api.subnet(admin, id, "10.8.0.0/24");
        port(stranger, id);
        assertError(admin.put("/v2.0/networks/" + id, wrap("network", map("shared", false))), 409, "InvalidSharedSetting");
    }

    @Test
    void deleteRefusedWhilePortsExist() {
        ApiClient member = server.member(Api.project("net-inuse"));
        String id = network(member).get("id").asText();
        String portId = port(member, id).get("id").asText();
        var refused = member.delete("/v2.0/networks/" + id);
        assertError(refused, 409, "NetworkInUse");
        assertThat(refused.body().get("NeutronError").get("message").asText()).contains(id);
        assertThat(member.get("/v2.0/networks/" + id).status()).isEqualTo(200);
        assertThat(member.delete("/v2.0/ports/" + portId).status()).isEqualTo(204);
        assertThat(member.delete("/v2.0/networks/" + id).status()).isEqualTo(204);
    }

    @Test
    void dhcpPortsDoNotKeepANetworkInUse() {
        ApiClient admin = server.admin();
        String id = network(admin).get("id").asText();
        String subnetId = Api.subnet(admin, id, "10.7.0.0/24").get("id").asText();
        String dhcpPort = port(admin, id, "device_owner", "network:dhcp").get("id").asText();
        assertThat(admin.delete("/v2.0/networks/" + id).status()).isEqualTo(204);
        assertError(admin.get("/v2.0/ports/" + dhcpPort), 404, "PortNotFound");
        assertError(admin.get("/v2.0/subnets/" + subnetId), 404, "SubnetNotFound");
    }

    @Test
    void listReturnsOnlyOwnNetworksForMembers() {
        ApiClient a = server.member(Api.project("net-list-a"));
        ApiClient b = server.member(Api.project("net-list-b"));
        String na = network(a).get("id").asText();
        String nb = network(b).get("id").asText();
        var list = a.get("/v2.0/networks");
        assertThat(list.status()).isEqualTo(200);
        assertThat(Api.ids(list.body().get("networks"))).contains(na).doesNotContain(nb);
        assertThat(list.body().has("networks_links")).isFalse();
    }
}
