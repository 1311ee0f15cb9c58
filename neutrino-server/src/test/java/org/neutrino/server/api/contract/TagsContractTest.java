package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.ids;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** The {@code standard-attr-tag} and {@code tag-creation} extensions on networks, subnets and ports. */
@ExtendWith(SharedServer.class)
class TagsContractTest {
    static TestServer server;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    /** Creates one resource of {@code collection} for {@code member} and returns its id. */
    private static String resource(ApiClient member, String collection) {
        String net = network(member).get("id").asText();
        return switch (collection) {
            case "networks" -> net;
            case "subnets" -> subnet(member, net, "10.60.0.0/24").get("id").asText();
            default -> port(member, net).get("id").asText();
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }

    private static int revision(ApiClient member, String collection, String id) {
        String memberName = collection.substring(0, collection.length() - 1);
        return member.get("/v2.0/" + collection + "/" + id).body().get(memberName).get("revision_number").asInt();
    }

    @ParameterizedTest
    @ValueSource(strings = {"networks", "subnets", "ports"})
    void tagLifecycle(String collection) {
        ApiClient member = server.member(Api.project("tags"));
        String id = resource(member, collection);
        String tags = "/v2.0/" + collection + "/" + id + "/tags";
        assertThat(member.get(tags).body().get("tags")).isEmpty();
        int r0 = revision(member, collection, id);

        var replaced = member.put(tags, map("tags", List.of("red", "blue")));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(texts(replaced.body().get("tags"))).containsExactlyInAnyOrder("red", "blue");
        assertThat(texts(member.get(tags).body().get("tags"))).containsExactlyInAnyOrder("red", "blue");
        int r1 = revision(member, collection, id);
        assertThat(r1).isGreaterThan(r0);

        var added = member.put(tags + "/green", null);
        assertThat(added.status()).isEqualTo(201);
        assertThat(member.get(tags + "/green").status()).isEqualTo(204);
        assertError(member.get(tags + "/purple"), 404, "TagNotFound");
        int r2 = revision(member, collection, id);
        assertThat(r2).isGreaterThan(r1);
        String memberName = collection.substring(0, collection.length() - 1);
        assertThat(texts(member.get("/v2.0/" + collection + "/" + id).body().get(memberName).get("tags")))
                .containsExactlyInAnyOrder("red", "blue", "green");

        assertThat(member.delete(tags + "/red").status()).isEqualTo(204);
        assertError(member.delete(tags + "/red"), 404, "TagNotFound");
        assertThat(texts(member.get(tags).body().get("tags"))).containsExactlyInAnyOrder("blue", "green");
        assertThat(revision(member, collection, id)).isGreaterThan(r2);

        assertThat(member.delete(tags).status()).isEqualTo(204);
        assertThat(member.get(tags).body().get("tags")).isEmpty();
    }

    @Test
    void badTagsAreRefusedAndChangeNothing() {
        ApiClient member = server.member(Api.project("tags-bad"));
        String id = network(member).get("id").asText();
        String tags = "/v2.0/networks/" + id + "/tags";
        member.put(tags, map("tags", List.of("keep")));
        int revision = revision(member, "networks", id);
        assertError(member.put(tags, map("tags", "keep")), 400, "InvalidInput");
        assertError(member.put(tags, map("tags", List.of("x".repeat(256)))), 400, "InvalidInput");
        assertError(member.put(tags, map("tags", List.of(""))), 400, "InvalidInput");
        assertError(member.put(tags, map("tags", List.of(42))), 400, "InvalidInput");
        var duplicate = member.put(tags, map("tags", List.of("a", "b", "a")));
        assertError(duplicate, 400, "InvalidInput");
        assertThat(duplicate.body().at("/NeutronError/message").asText())
                .isEqualTo("Invalid input for operation: Duplicate items in the list: 'a'.");
        var noTags = member.put(tags, map("labels", List.of("a")));
        assertError(noTags, 400, "InvalidInput");
        assertThat(noTags.body().at("/NeutronError/message").asText()).isEqualTo("Invalid input for operation: Invalid tags body.");
        assertError(member.put(tags, List.of("a")), 400, "HTTPBadRequest");
        assertError(member.put(tags + "/" + "y".repeat(256), null), 400, "InvalidInput");
        assertThat(texts(member.get(tags).body().get("tags"))).containsExactly("keep");
        assertThat(revision(member, "networks", id)).isEqualTo(revision);
        String missing = "/v2.0/networks/6d1c7a5e-1111-4222-8333-444455556666/tags";
        assertError(member.get(missing), 404, "NetworkNotFound");
        assertError(member.put(missing + "/a", null), 404, "NetworkNotFound");
        ApiClient stranger = server.member(Api.project("tags-stranger"));
        assertError(stranger.put(tags + "/mine", null), 404, "NetworkNotFound");
        assertError(stranger.get(tags), 404, "NetworkNotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"networks", "subnets", "ports"})
    void atMostFiftyTagsPerResource(String collection) {
        ApiClient member = server.member(Api.project("tags-limit"));
        String id = resource(member, collection);
        String tags = "/v2.0/" + collection + "/" + id + "/tags";
        List<String> fifty = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "t" + i).toList();
        List<String> fiftyOne = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "t" + i).toList();

        var tooMany = member.put(tags, map("tags", fiftyOne));
        assertError(tooMany, 400, "InvalidInput");
        assertThat(tooMany.body().at("/NeutronError/message").asText())
                .isEqualTo("Invalid input for operation: Number of tags exceeds the limit of 50 per resource.");
        assertThat(member.get(tags).body().get("tags")).isEmpty();
        int revision = revision(member, collection, id);

        var replaced = member.put(tags, map("tags", fifty));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(texts(replaced.body().get("tags"))).as("echoed as given").containsExactlyElementsOf(fifty);
        assertThat(member.put(tags + "/t7", null).status()).as("a tag it has already").isEqualTo(201);
        var fiftyFirst = member.put(tags + "/t50", null);
        assertError(fiftyFirst, 400, "InvalidInput");
        assertThat(fiftyFirst.body().at("/NeutronError/message").asText())
                .isEqualTo("Invalid input for operation: Number of tags exceeds the limit of 50 per resource.");
        assertThat(member.get(tags).body().get("tags")).hasSize(50);
        assertThat(revision(member, collection, id)).isEqualTo(revision + 1);
        assertThat(member.delete(tags + "/t0").status()).isEqualTo(204);
        assertThat(member.put(tags + "/t50", null).status()).isEqualTo(201);

        String memberName = collection.substring(0, collection.length() - 1);
        String net = network(member).get("id").asText();
        var created = member.post("/v2.0/" + collection, map(memberName, switch (collection) {
            case "networks" -> map("tags", fiftyOne);
            case "subnets" -> map("network_id", net, "ip_version", 4, "cidr", "10.62.0.0/24", "tags", fiftyOne);
            default -> map("network_id", net, "tags", fiftyOne);
        }));
        assertError(created, 400, "HTTPBadRequest");
        assertThat(created.body().at("/NeutronError/message").asText())
                .isEqualTo("Invalid input for tags. Reason: Number of tags exceeds the limit of 50 per resource.");
        assertThat(member.get("/v2.0/" + collection + "?tags=t50&tenant_id=" + member.projectId()).body().get(collection))
                .hasSize(1);
    }

    @Test
    void tagsOnSharedNetworkAreOwnerOnly() {
        String shared = network(server.admin(), "shared", true).get("id").asText();
        ApiClient stranger = server.member(Api.project("tags-shared"));
        assertThat(stranger.get("/v2.0/networks/" + shared + "/tags").status()).isEqualTo(200);
        assertError(stranger.put("/v2.0/networks/" + shared + "/tags/x", null), 403, "PolicyNotAuthorized");
        assertError(stranger.delete("/v2.0/networks/" + shared + "/tags"), 403, "PolicyNotAuthorized");
    }

    @Test
    void tagFilters() {
        ApiClient member = server.member(Api.project("tags-filter"));
        String ab = network(member, "name", "ab").get("id").asText();
        String a = network(member, "name", "a").get("id").asText();
        String c = network(member, "name", "c").get("id").asText();
        String none = network(member, "name", "none").get("id").asText();
        member.put("/v2.0/networks/" + ab + "/tags", map("tags", List.of("a", "b")));
        member.put("/v2.0/networks/" + a + "/tags", map("tags", List.of("a")));
        member.put("/v2.0/networks/" + c + "/tags", map("tags", List.of("c")));
        String base = "/v2.0/networks?tenant_id=" + member.projectId() + "&";
        assertThat(ids(member.get(base + "tags=a").body().get("networks"))).containsExactlyInAnyOrder(ab, a);
        assertThat(ids(member.get(base + "tags=a,b").body().get("networks"))).containsExactly(ab);
        assertThat(ids(member.get(base + "tags=a&tags=b").body().get("networks"))).containsExactly(ab);
        assertThat(ids(member.get(base + "tags-any=b,c").body().get("networks"))).containsExactlyInAnyOrder(ab, c);
        assertThat(ids(member.get(base + "not-tags=a,b").body().get("networks"))).containsExactlyInAnyOrder(a, c, none);
        assertThat(ids(member.get(base + "not-tags-any=a,c").body().get("networks"))).containsExactly(none);
        assertThat(ids(member.get(base + "tags=a&not-tags=b").body().get("networks"))).containsExactly(a);
        assertThat(ids(member.get(base + "tags=zzz").body().get("networks"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"networks", "subnets", "ports"})
    void tagsOnCreate(String collection) {
        ApiClient member = server.member(Api.project("tags-create"));
        String net = network(member, "tags", List.of("n1", "n2")).get("id").asText();
        assertThat(texts(member.get("/v2.0/networks/" + net + "/tags").body().get("tags"))).containsExactlyInAnyOrder("n1", "n2");
        JsonNode created = switch (collection) {
            case "networks" -> network(member, "tags", List.of("x"));
            case "subnets" -> subnet(member, net, "10.61.0.0/24", "tags", List.of("x"));
            default -> port(member, net, "tags", List.of("x"));
        };
        assertThat(texts(created.get("tags"))).containsExactly("x");
        assertThat(ids(member.get("/v2.0/" + collection + "?tags=x&tenant_id=" + member.projectId()).body().get(collection)))
                .containsExactly(created.get("id").asText());
        String memberName = collection.substring(0, collection.length() - 1);
        assertError(member.post("/v2.0/" + collection, map(memberName, map("network_id", net, "tags", "x"))), 400, "HTTPBadRequest");
    }
}
