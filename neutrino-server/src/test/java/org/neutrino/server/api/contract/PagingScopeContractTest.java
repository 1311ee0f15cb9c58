package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.ids;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * Paging and sorting never leave the caller's scope (the review's critical finding: the marker
 * condition was joined to the scope without parentheses), and a marker the caller may not see
 * answers exactly as one that does not exist.
 */
@ExtendWith(SharedServer.class)
class PagingScopeContractTest {
    static TestServer server;
    static ApiClient owner;
    static ApiClient other;
    static String ownerNetwork;
    static String ownerSubnet;
    static String ownerPort;
    static String otherNetwork;
    static String otherSubnet;
    static String otherPort;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
        owner = server.member(Api.project("scope-a"));
        other = server.member(Api.project("scope-b"));
        ownerNetwork = network(owner, "name", "private-a").get("id").asText();
        ownerSubnet = subnet(owner, ownerNetwork, "10.61.0.0/24").get("id").asText();
        ownerPort = port(owner, ownerNetwork).get("id").asText();
        otherNetwork = network(other, "name", "private-b").get("id").asText();
        otherSubnet = subnet(other, otherNetwork, "10.62.0.0/24").get("id").asText();
        otherPort = port(other, otherNetwork).get("id").asText();
        network(server.member(Api.project("scope-c")), "name", "private-c");
    }

    private static final String TWO_KEYS = "sort_key=status&sort_dir=asc&sort_key=id&sort_dir=asc";

    @Test
    void aMarkerWithTwoSortKeysKeepsNetworksInScope() {
        assertOnlyOwn("networks", otherNetwork, ownerNetwork, "sort_key=name&sort_dir=desc&sort_key=id&sort_dir=asc");
        assertOnlyOwn("networks", otherNetwork, ownerNetwork, TWO_KEYS);
    }

    @Test
    void aMarkerWithTwoSortKeysKeepsSubnetsInScope() {
        assertOnlyOwn("subnets", otherSubnet, ownerSubnet, "sort_key=name&sort_dir=asc&sort_key=id&sort_dir=asc");
        assertOnlyOwn("subnets", otherSubnet, ownerSubnet, "sort_key=cidr&sort_dir=desc&sort_key=id&sort_dir=desc");
    }

    @Test
    void aMarkerWithTwoSortKeysKeepsPortsInScope() {
        assertOnlyOwn("ports", otherPort, ownerPort, TWO_KEYS);
        assertOnlyOwn("ports", otherPort, ownerPort, "sort_key=mac_address&sort_dir=desc&sort_key=id&sort_dir=desc");
    }

    /** Every page B can reach from its own marker, forwards and backwards, holds nothing of A's (all private). */
    private static void assertOnlyOwn(String collection, String otherMarker, String ownerId, String sort) {
        for (String reverse : List.of("", "&page_reverse=True")) {
            ApiClient.Response page = other.get("/v2.0/" + collection + "?" + sort + "&limit=50&marker=" + otherMarker + reverse);
            assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
            for (JsonNode row : page.body().get(collection)) {
                assertThat(row.get("project_id").asText()).as("%s leaked to project B", row).isNotEqualTo(owner.projectId());
            }
            assertThat(ids(page.body().get(collection))).doesNotContain(ownerId);
        }
    }

    @Test
    void anInvisibleMarkerAnswersAsANonexistentOne() {
        String random = UUID.randomUUID().toString();
        for (String[] c : new String[][] {{"networks", ownerNetwork, "NetworkNotFound"}, {"subnets", ownerSubnet, "SubnetNotFound"},
                {"ports", ownerPort, "PortNotFound"}}) {
            ApiClient.Response hidden = other.get("/v2.0/" + c[0] + "?limit=1&marker=" + c[1]);
            ApiClient.Response missing = other.get("/v2.0/" + c[0] + "?limit=1&marker=" + random);
            assertError(hidden, 404, c[2]);
            assertError(missing, 404, c[2]);
            assertThat(hidden.body().at("/NeutronError/message").asText())
                    .isEqualTo(missing.body().at("/NeutronError/message").asText().replace(random, c[1]));
        }
    }

    @Test
    void anAdminPagesAFilteredListWithoutStrayRows() {
        // C's network lies before or after B's marker: one of the two directions meets it.
        ApiClient admin = server.admin();
        String filter = "tenant_id=" + owner.projectId();
        for (String reverse : List.of("", "&page_reverse=True")) {
            ApiClient.Response page = admin.get("/v2.0/networks?" + filter + "&" + TWO_KEYS + "&limit=50&marker=" + otherNetwork + reverse);
            assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
            for (JsonNode row : page.body().get("networks")) {
                assertThat(row.get("project_id").asText()).isEqualTo(owner.projectId());
            }
        }
    }
}
