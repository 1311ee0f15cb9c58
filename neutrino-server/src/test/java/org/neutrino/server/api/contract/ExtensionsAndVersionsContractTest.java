package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** {@code GET /}, {@code GET /v2.0}, the extension list, and the request id header on every answer. */
@ExtendWith(SharedServer.class)
class ExtensionsAndVersionsContractTest {
    /** The aliases the core server implements (and the tests of this package exercise). */
    private static final List<String> CORE_ALIASES = List.of("binding", "filter-validation", "net-mtu", "net-mtu-writable",
            "network-ip-availability", "pagination", "project-id", "quota_details", "quotas", "revision-if-match", "sorting",
            "standard-attr-description", "standard-attr-revisions", "standard-attr-tag", "standard-attr-timestamp", "tag-creation");
    private static final String REQUEST_ID = "req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    static TestServer server;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    @Test
    void versionsAtTheRoot() {
        var root = new ApiClient(server.url(), null, null).get("/");
        assertThat(root.status()).isEqualTo(200);
        JsonNode version = root.body().get("versions").get(0);
        assertThat(version.get("id").asText()).isEqualTo("v2.0");
        assertThat(version.get("status").asText()).isEqualTo("CURRENT");
        assertThat(version.get("links").get(0).get("href").asText()).isEqualTo(server.url() + "/v2.0/");
        assertThat(root.header("X-Openstack-Request-Id")).matches(REQUEST_ID);
    }

    @Test
    void resourcesOfTheVersion() {
        var v2 = server.member(Api.project("versions")).get("/v2.0");
        assertThat(v2.status()).isEqualTo(200);
        List<String> collections = new ArrayList<>();
        v2.body().get("resources").forEach(r -> collections.add(r.get("collection").asText()));
        assertThat(collections).contains("networks", "subnets", "ports");
        for (JsonNode r : v2.body().get("resources")) {
            // Neutron serves a collection at its name with - for _ (security_groups at /v2.0/security-groups).
            assertThat(r.get("links").get(0).get("href").asText())
                    .isEqualTo(server.url() + "/v2.0/" + r.get("collection").asText().replace('_', '-'));
        }
    }

    @Test
    void extensionsListEveryImplementedAlias() {
        ApiClient member = server.member(Api.project("extensions"));
        var list = member.get("/v2.0/extensions");
        assertThat(list.status()).isEqualTo(200);
        List<String> aliases = new ArrayList<>();
        for (JsonNode e : list.body().get("extensions")) {
            aliases.add(e.get("alias").asText());
            assertThat(e.get("name").asText()).isNotBlank();
            assertThat(e.get("description").isTextual()).isTrue();
            assertThat(e.get("updated").asText()).isNotBlank();
            assertThat(e.get("links").isArray()).isTrue();
        }
        assertThat(aliases).doesNotHaveDuplicates().containsAll(CORE_ALIASES);
        assertThat(aliases).isSorted();
        for (String alias : aliases) {
            var one = member.get("/v2.0/extensions/" + alias);
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.body().get("extension").get("alias").asText()).isEqualTo(alias);
        }
        assertError(member.get("/v2.0/extensions/unicorn"), 404, "HTTPNotFound");
        assertError(member.post("/v2.0/extensions", "{}"), 405, "HTTPMethodNotAllowed");
    }

    @Test
    void everyAnswerCarriesARequestId() {
        ApiClient member = server.member(Api.project("request-id"));
        List<ApiClient.Response> answers = List.of(member.get("/v2.0/networks"), member.get("/v2.0/networks/nope"),
                member.post("/v2.0/networks", "garbage"), member.get("/v2.0/unknown"), member.send("PATCH", "/v2.0/networks", "{}",
                        java.util.Map.of()), member.get("/not-a-version"), member.get("/v2.0/networks/a%2Fb"),
                member.delete("/v2.0//networks"), member.put("/v2.0/networks/%00", "{}"));
        List<String> ids = new ArrayList<>();
        for (ApiClient.Response answer : answers) {
            assertThat(answer.header("X-Openstack-Request-Id")).as("%s", answer.status()).matches(REQUEST_ID);
            ids.add(answer.header("X-Openstack-Request-Id"));
            if (answer.status() >= 400) {
                Api.assertNeutronError(answer);
            }
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(answers.subList(answers.size() - 3, answers.size())).allMatch(a -> a.status() == 400 || a.status() == 404);
    }

    @Test
    void unsupportedMethodsAre405() {
        ApiClient member = server.member(Api.project("methods"));
        assertError(member.send("PATCH", "/v2.0/networks", "{}", java.util.Map.of()), 405, "HTTPMethodNotAllowed");
        assertError(member.put("/v2.0/networks", "{}"), 405, "HTTPMethodNotAllowed");
        assertError(member.delete("/v2.0/ports"), 405, "HTTPMethodNotAllowed");
        assertError(member.post("/v2.0/networks/" + Api.network(member).get("id").asText(), "{}"), 405, "HTTPMethodNotAllowed");
    }
}
