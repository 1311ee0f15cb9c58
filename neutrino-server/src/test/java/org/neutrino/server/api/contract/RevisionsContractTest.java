package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;
import static org.neutrino.server.api.contract.Api.wrap;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** The {@code revision-if-match} extension: {@code If-Match: revision_number=N} on updates and deletes. */
@ExtendWith(SharedServer.class)
class RevisionsContractTest {
    static TestServer server;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    private static Map<String, String> ifMatch(int revision) {
        return Map.of("If-Match", "revision_number=" + revision);
    }

    private static String resource(ApiClient member, String collection) {
        String net = network(member).get("id").asText();
        return switch (collection) {
            case "networks" -> net;
            case "subnets" -> subnet(member, net, "10.70.0.0/24").get("id").asText();
            default -> port(member, net).get("id").asText();
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"networks", "subnets", "ports"})
    void updateAndDeleteAreConditional(String collection) {
        ApiClient member = server.member(Api.project("revisions"));
        String memberName = collection.substring(0, collection.length() - 1);
        String id = resource(member, collection);
        String path = "/v2.0/" + collection + "/" + id;
        int revision = member.get(path).body().get(memberName).get("revision_number").asInt();

        var stale = member.send("PUT", path, wrap(memberName, map("name", "stale")), ifMatch(revision + 1));
        assertError(stale, 412, "RevisionNumberConstraintFailed");
        assertThat(stale.body().get("NeutronError").get("message").asText())
                .isEqualTo("Constrained to " + (revision + 1) + ", but current revision is " + revision);
        assertThat(member.get(path).body().get(memberName).get("name").asText()).isNotEqualTo("stale");
        assertThat(member.get(path).body().get(memberName).get("revision_number").asInt()).isEqualTo(revision);

        var fresh = member.send("PUT", path, wrap(memberName, map("name", "fresh")), ifMatch(revision));
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.body().get(memberName).get("name").asText()).isEqualTo("fresh");
        assertThat(fresh.body().get(memberName).get("revision_number").asInt()).isEqualTo(revision + 1);

        assertError(member.send("DELETE", path, null, ifMatch(revision)), 412, "RevisionNumberConstraintFailed");
        assertThat(member.get(path).status()).isEqualTo(200);
        assertThat(member.send("DELETE", path, null, ifMatch(revision + 1)).status()).isEqualTo(204);
        assertThat(member.get(path).status()).isEqualTo(404);
    }

    @Test
    void tagChangesAreConditionalToo() {
        ApiClient member = server.member(Api.project("revisions-tags"));
        String id = network(member).get("id").asText();
        String tags = "/v2.0/networks/" + id + "/tags";
        assertError(member.send("PUT", tags + "/a", null, ifMatch(5)), 412, "RevisionNumberConstraintFailed");
        assertThat(member.get(tags).body().get("tags")).isEmpty();
        assertThat(member.send("PUT", tags + "/a", null, ifMatch(0)).status()).isEqualTo(201);
        assertThat(member.send("PUT", tags, map("tags", java.util.List.of("b")), ifMatch(1)).status()).isEqualTo(200);
        assertError(member.send("DELETE", tags, null, ifMatch(1)), 412, "RevisionNumberConstraintFailed");
        assertThat(member.send("DELETE", tags, null, ifMatch(2)).status()).isEqualTo(204);
    }

    @Test
    void headerWithoutRevisionIsIgnoredAndBadRevisionIsRefused() {
        ApiClient member = server.member(Api.project("revisions-header"));
        String path = "/v2.0/networks/" + network(member).get("id").asText();
        assertThat(member.send("PUT", path, wrap("network", map("name", "x")), Map.of("If-Match", "\"some-etag\"")).status())
                .isEqualTo(200);
        assertError(member.send("PUT", path, wrap("network", map("name", "y")), Map.of("If-Match", "revision_number=abc")),
                400, "HTTPBadRequest");
        assertThat(member.get(path).body().get("network").get("name").asText()).isEqualTo("x");
        assertThat(member.get(path).body().get("network").get("revision_number").asInt()).isEqualTo(1);
    }

    @Test
    void subnetChangesBumpTheirNetworksRevisionAsInNeutron() {
        ApiClient member = server.member(Api.project("revisions-subnet"));
        String net = network(member).get("id").asText();
        String path = "/v2.0/networks/" + net;
        java.util.function.IntSupplier revision = () -> member.get(path).body().get("network").get("revision_number").asInt();
        int created = revision.getAsInt();
        String subnet = subnet(member, net, "10.71.0.0/24").get("id").asText();
        assertThat(revision.getAsInt()).as("after the subnet's create").isEqualTo(created + 1);
        assertThat(member.put("/v2.0/subnets/" + subnet, wrap("subnet", map("name", "renamed"))).status()).isEqualTo(200);
        assertThat(revision.getAsInt()).as("after the subnet's update").isEqualTo(created + 2);
        assertThat(member.delete("/v2.0/subnets/" + subnet).status()).isEqualTo(204);
        assertThat(revision.getAsInt()).as("after the subnet's delete").isEqualTo(created + 3);
        assertError(member.put("/v2.0/subnets/" + subnet, wrap("subnet", map("name", "gone"))), 404, "SubnetNotFound");
        assertThat(revision.getAsInt()).isEqualTo(created + 3);
    }

    @Test
    void everyUpdateBumpsTheRevisionAndUpdatedAt() {
        ApiClient member = server.member(Api.project("revisions-bump"));
        String path = "/v2.0/networks/" + network(member).get("id").asText();
        for (int i = 1; i <= 3; i++) {
            var updated = member.put(path, wrap("network", map("description", "v" + i)));
            assertThat(updated.body().get("network").get("revision_number").asInt()).isEqualTo(i);
            assertThat(updated.body().get("network").get("updated_at").asText()).matches(Api.TIMESTAMP);
        }
    }
}
