package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.fixedIp;
import static org.neutrino.server.api.contract.Api.ids;
import static org.neutrino.server.api.contract.Api.link;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** List queries: filters, fields, sorting, pagination with links, port address filters. */
@ExtendWith(SharedServer.class)
class ListQueriesContractTest {
    static TestServer server;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    private static List<String> names(JsonNode collection) {
        List<String> out = new ArrayList<>();
        collection.forEach(r -> out.add(r.get("name").asText()));
        return out;
    }

    @Test
    void filtersOnEveryFilterableNetworkAttribute() {
        ApiClient member = server.member(Api.project("filters"));
        String scope = "&tenant_id=" + member.projectId();
        JsonNode a = network(member, "name", "alpha", "description", "first", "mtu", 1400);
        JsonNode b = network(member, "name", "beta", "admin_state_up", false);
        JsonNode c = network(member, "name", "gamma");
        member.put("/v2.0/networks/" + c.get("id").asText(), Api.wrap("network", Api.map("description", "changed")));
        String base = "/v2.0/networks?";
        assertThat(ids(member.get(base + "name=alpha" + scope).body().get("networks"))).containsExactly(a.get("id").asText());
        assertThat(ids(member.get(base + "name=alpha&name=beta" + scope).body().get("networks")))
                .containsExactlyInAnyOrder(a.get("id").asText(), b.get("id").asText());
        assertThat(ids(member.get(base + "id=" + b.get("id").asText()).body().get("networks"))).containsExactly(b.get("id").asText());
        assertThat(ids(member.get(base + "admin_state_up=false" + scope).body().get("networks"))).containsExactly(b.get("id").asText());
        assertThat(ids(member.get(base + "admin_state_up=False" + scope).body().get("networks"))).containsExactly(b.get("id").asText());
        assertThat(member.get(base + "admin_state_up=True" + scope).body().get("networks")).hasSize(2);
        assertThat(member.get(base + "admin_state_up=1" + scope).body().get("networks")).hasSize(2);
        assertThat(ids(member.get(base + "mtu=1400" + scope).body().get("networks"))).containsExactly(a.get("id").asText());
        assertThat(ids(member.get(base + "description=first" + scope).body().get("networks"))).containsExactly(a.get("id").asText());
        assertThat(ids(member.get(base + "revision_number=1" + scope).body().get("networks"))).containsExactly(c.get("id").asText());
        assertThat(member.get(base + "status=ACTIVE" + scope).body().get("networks")).hasSize(3);
        assertThat(member.get(base + "shared=false" + scope).body().get("networks")).hasSize(3);
        assertThat(member.get(base + "shared=True" + scope).body().get("networks")).isEmpty();
        assertThat(member.get(base + "project_id=" + member.projectId()).body().get("networks")).hasSize(3);
        assertThat(member.get(base + "tenant_id=" + member.projectId() + "&project_id=" + member.projectId()).body().get("networks"))
                .hasSize(3);
        assertThat(member.get(base + "tenant_id=" + member.projectId() + "&project_id=other").body().get("networks")).isEmpty();
        assertThat(member.get(base + "name=nothing" + scope).body().get("networks")).isEmpty();
        assertError(member.get(base + "colour=red"), 400, "HTTPBadRequest");
        assertError(member.get(base + "subnets=x"), 400, "HTTPBadRequest");
        assertError(member.get(base + "admin_state_up=perhaps"), 400, "HTTPBadRequest");
        assertError(member.get(base + "mtu=big"), 400, "HTTPBadRequest");
        assertError(member.get("/v2.0/subnets?gateway=10.0.0.1"), 400, "HTTPBadRequest");
        assertError(member.get("/v2.0/ports?mac=fa:16:3e:00:00:01"), 400, "HTTPBadRequest");
    }

    @Test
    void changedSinceSelectsRecentlyUpdatedResources() throws InterruptedException {
        ApiClient member = server.member(Api.project("changed-since"));
        JsonNode net = network(member);
        String id = net.get("id").asText();
        java.time.Instant updated = java.time.Instant.parse(net.get("updated_at").asText());
        String base = "/v2.0/networks?tenant_id=" + member.projectId() + "&changed_since=";
        assertThat(ids(member.get(base + updated).body().get("networks"))).containsExactly(id);
        String later = updated.plusSeconds(1).toString();
        assertThat(member.get(base + later).body().get("networks")).isEmpty();
        assertThat(ids(member.get(base + updated.toString().replace("Z", "")).body().get("networks"))).containsExactly(id);
        String sameInstantAnHourEast = updated.plusSeconds(3600).toString().replace("Z", "%2B01:00");
        assertThat(ids(member.get(base + sameInstantAnHourEast).body().get("networks"))).containsExactly(id);
        while (!java.time.Instant.now().isAfter(updated.plusSeconds(1))) {
            Thread.sleep(50);
        }
        member.put("/v2.0/networks/" + id, Api.wrap("network", Api.map("name", "touched")));
        assertThat(ids(member.get(base + later).body().get("networks"))).containsExactly(id);
        assertError(member.get(base + "yesterday"), 400, "InvalidInput");
    }

    @Test
    void sharedFilterAcceptsNeutronBooleanSpellings() {
        ApiClient admin = server.admin();
        String shared = network(admin, "shared", true, "name", "shared-spelling").get("id").asText();
        for (String spelling : List.of("true", "True", "TRUE", "1")) {
            assertThat(ids(server.member(Api.project("spell")).get("/v2.0/networks?shared=" + spelling).body().get("networks")))
                    .as(spelling).contains(shared);
        }
    }

    @Test
    void subnetAndPortFilters() {
        ApiClient member = server.member(Api.project("filters-ports"));
        String net = network(member).get("id").asText();
        String s4 = subnet(member, net, "10.50.0.0/24", "name", "v4", "enable_dhcp", false).get("id").asText();
        String s6 = subnet(member, net, "2001:db8:50::/64", "name", "v6").get("id").asText();
        assertThat(ids(member.get("/v2.0/subnets?ip_version=6&network_id=" + net).body().get("subnets"))).containsExactly(s6);
        assertThat(ids(member.get("/v2.0/subnets?cidr=10.50.0.0/24").body().get("subnets"))).containsExactly(s4);
        assertThat(ids(member.get("/v2.0/subnets?enable_dhcp=false&network_id=" + net).body().get("subnets"))).containsExactly(s4);
        assertThat(ids(member.get("/v2.0/subnets?gateway_ip=10.50.0.1").body().get("subnets"))).containsExactly(s4);
        JsonNode p1 = port(member, net, "fixed_ips", List.of(fixedIp(s4, "10.50.0.10")), "device_owner", "compute:nova",
                "device_id", "vm-1", "name", "p1");
        JsonNode p2 = port(member, net, "fixed_ips", List.of(fixedIp(s4, "10.50.0.11"), fixedIp(s6, null)), "name", "p2");
        String id1 = p1.get("id").asText();
        String id2 = p2.get("id").asText();
        assertThat(ids(member.get("/v2.0/ports?fixed_ips=ip_address%3D10.50.0.10").body().get("ports"))).containsExactly(id1);
        assertThat(ids(member.get("/v2.0/ports?fixed_ips=ip_address=10.50.0.11").body().get("ports"))).containsExactly(id2);
        assertThat(ids(member.get("/v2.0/ports?fixed_ips=subnet_id%3D" + s6).body().get("ports"))).containsExactly(id2);
        assertThat(ids(member.get("/v2.0/ports?fixed_ips=subnet_id%3D" + s4).body().get("ports")))
                .containsExactlyInAnyOrder(id1, id2);
        assertThat(ids(member.get("/v2.0/ports?fixed_ips=ip_address%3D10.50.0.10&fixed_ips=ip_address%3D10.50.0.11")
                .body().get("ports"))).containsExactlyInAnyOrder(id1, id2);
        assertThat(ids(member.get("/v2.0/ports?fixed_ips=ip_address%3D10.50.0.10&fixed_ips=subnet_id%3D" + s6)
                .body().get("ports"))).isEmpty();
        assertThat(ids(member.get("/v2.0/ports?device_owner=compute:nova&network_id=" + net).body().get("ports"))).containsExactly(id1);
        assertThat(ids(member.get("/v2.0/ports?device_id=vm-1").body().get("ports"))).containsExactly(id1);
        assertThat(ids(member.get("/v2.0/ports?mac_address=" + p2.get("mac_address").asText()).body().get("ports")))
                .containsExactly(id2);
        assertThat(ids(member.get("/v2.0/ports?status=DOWN&network_id=" + net).body().get("ports"))).hasSize(2);
        assertError(member.get("/v2.0/ports?fixed_ips=colour%3Dred"), 400, "HTTPBadRequest");
        assertError(member.get("/v2.0/ports?fixed_ips=garbage"), 400, "InvalidInput");
    }

    @Test
    void fieldsSelectAttributes() {
        ApiClient member = server.member(Api.project("fields"));
        String id = network(member, "name", "selected").get("id").asText();
        JsonNode one = member.get("/v2.0/networks?fields=id&fields=name&id=" + id).body().get("networks").get(0);
        assertThat(iterable(one.fieldNames())).containsExactlyInAnyOrder("id", "name");
        JsonNode comma = member.get("/v2.0/networks?fields=id,mtu&id=" + id).body().get("networks").get(0);
        assertThat(iterable(comma.fieldNames())).containsExactlyInAnyOrder("id", "mtu");
        JsonNode shown = member.get("/v2.0/networks/" + id + "?fields=status").body().get("network");
        assertThat(iterable(shown.fieldNames())).containsExactly("status");
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Test
    void sortingByOneOrMoreKeys() {
        ApiClient member = server.member(Api.project("sort"));
        String scope = "&tenant_id=" + member.projectId();
        network(member, "name", "b", "mtu", 1400);
        network(member, "name", "a", "mtu", 1500);
        network(member, "name", "c", "mtu", 1400);
        assertThat(names(member.get("/v2.0/networks?sort_key=name&sort_dir=asc" + scope).body().get("networks")))
                .containsExactly("a", "b", "c");
        assertThat(names(member.get("/v2.0/networks?sort_key=name&sort_dir=desc" + scope).body().get("networks")))
                .containsExactly("c", "b", "a");
        assertThat(names(member.get("/v2.0/networks?sort_key=mtu&sort_dir=asc&sort_key=name&sort_dir=desc" + scope)
                .body().get("networks"))).containsExactly("c", "b", "a");
        assertThat(names(member.get("/v2.0/networks?sort_key=mtu&sort_dir=desc&sort_key=name&sort_dir=asc" + scope)
                .body().get("networks"))).containsExactly("a", "b", "c");
        assertThat(names(member.get("/v2.0/networks?sort_key=name" + scope).body().get("networks"))).containsExactly("a", "b", "c");
        assertError(member.get("/v2.0/networks?sort_key=colour"), 400, "HTTPBadRequest");
        assertError(member.get("/v2.0/networks?sort_key=subnets"), 400, "HTTPBadRequest");
        assertError(member.get("/v2.0/networks?sort_key=name&sort_dir=sideways"), 400, "HTTPBadRequest");
        assertError(member.get("/v2.0/networks?sort_key=name&sort_key=mtu&sort_dir=asc"), 400, "HTTPBadRequest");
    }

    @Test
    void paginationWalksEveryPageForwardAndBackward() {
        ApiClient member = server.member(Api.project("pages"));
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(network(member, "name", "page-" + i).get("id").asText());
        }
        String first = "/v2.0/networks?tenant_id=" + member.projectId() + "&sort_key=name&sort_dir=asc&limit=3";
        List<String> seen = new ArrayList<>();
        String next = first;
        String previousOfLast = null;
        int pages = 0;
        while (next != null) {
            var page = member.get(next);
            assertThat(page.status()).isEqualTo(200);
            JsonNode items = page.body().get("networks");
            assertThat(items.size()).isBetween(1, 3);
            seen.addAll(ids(items));
            next = link(page.body().get("networks_links"), "next");
            previousOfLast = link(page.body().get("networks_links"), "previous");
            pages++;
            assertThat(pages).isLessThanOrEqualTo(4);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(all);

        List<String> backwards = new ArrayList<>();
        String previous = previousOfLast;
        List<String> lastPage = seen.subList(6, 7);
        backwards.addAll(0, lastPage);
        while (previous != null) {
            var page = member.get(previous);
            JsonNode items = page.body().get("networks");
            if (items.isEmpty()) {
                break;
            }
            backwards.addAll(0, ids(items));
            previous = link(page.body().get("networks_links"), "previous");
            assertThat(backwards.size()).isLessThanOrEqualTo(7);
        }
        assertThat(backwards).containsExactlyElementsOf(all);

        var marker = member.get(first + "&marker=" + all.get(4));
        assertThat(ids(marker.body().get("networks"))).containsExactly(all.get(5), all.get(6));
        var reverse = member.get(first + "&marker=" + all.get(4) + "&page_reverse=True");
        assertThat(ids(reverse.body().get("networks"))).containsExactly(all.get(1), all.get(2), all.get(3));
        assertError(member.get(first.replace("limit=3", "limit=-1")), 400, "HTTPBadRequest");
        assertError(member.get(first.replace("limit=3", "limit=many")), 400, "HTTPBadRequest");
        var unlimited = member.get("/v2.0/networks?tenant_id=" + member.projectId() + "&limit=0");
        assertThat(unlimited.body().get("networks")).hasSize(7);
        var huge = member.get("/v2.0/networks?tenant_id=" + member.projectId() + "&limit=" + Integer.MAX_VALUE);
        assertThat(huge.status()).isEqualTo(200);
        assertThat(huge.body().get("networks")).hasSize(7);
    }

    @Test
    void paginationWithoutSortKeyUsesIds() {
        ApiClient member = server.member(Api.project("pages-id"));
        for (int i = 0; i < 5; i++) {
            network(member);
        }
        List<String> seen = new ArrayList<>();
        String next = "/v2.0/networks?tenant_id=" + member.projectId() + "&limit=2";
        while (next != null) {
            var page = member.get(next);
            seen.addAll(ids(page.body().get("networks")));
            next = link(page.body().get("networks_links"), "next");
            assertThat(seen.size()).isLessThanOrEqualTo(5);
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(seen).isSorted();
    }

    /**
     * Links exactly as Neutron's {@code get_pagination_links}: {@code next} unless a forward page
     * is short, {@code previous} unless a backward page is short, with the first or last row as
     * marker; {@code page_reverse} without a marker is the last page; without a limit there is
     * no paging at all (marker and page_reverse are ignored, no links).
     */
    @Test
    void paginationLinksAreNeutrons() {
        ApiClient member = server.member(Api.project("links"));
        List<String> n = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            n.add(network(member, "name", "link-" + i).get("id").asText());
        }
        String base = "/v2.0/networks?tenant_id=" + member.projectId() + "&sort_key=name&sort_dir=asc";

        var first = member.get(base + "&limit=2");
        assertThat(ids(first.body().get("networks"))).containsExactly(n.get(0), n.get(1));
        assertLinks(first, n.get(1), n.get(0));
        assertThat(linkParams(first, "next")).containsEntry("limit", List.of("2")).containsEntry("sort_key", List.of("name"))
                .containsEntry("tenant_id", List.of(member.projectId())).doesNotContainKey("page_reverse");
        assertThat(linkParams(first, "previous")).containsEntry("page_reverse", List.of("True")).containsEntry("limit", List.of("2"));

        var second = member.get(link(first.body().get("networks_links"), "next"));
        assertThat(ids(second.body().get("networks"))).containsExactly(n.get(2), n.get(3));
        assertLinks(second, n.get(3), n.get(2));

        var empty = member.get(link(second.body().get("networks_links"), "next"));
        assertThat(empty.body().get("networks")).isEmpty();
        assertThat(link(empty.body().get("networks_links"), "next")).isNull();
        assertThat(linkParams(empty, "previous")).doesNotContainKey("marker").containsEntry("page_reverse", List.of("True"));
        var last = member.get(link(empty.body().get("networks_links"), "previous"));
        assertThat(ids(last.body().get("networks"))).containsExactly(n.get(2), n.get(3));

        var shortForward = member.get(base + "&limit=3&marker=" + n.get(1));
        assertThat(ids(shortForward.body().get("networks"))).containsExactly(n.get(2), n.get(3));
        assertLinks(shortForward, null, n.get(2));

        var lastPage = member.get(base + "&limit=3&page_reverse=True");
        assertThat(ids(lastPage.body().get("networks"))).containsExactly(n.get(1), n.get(2), n.get(3));
        assertLinks(lastPage, n.get(3), n.get(1));

        var shortBackward = member.get(base + "&limit=3&page_reverse=True&marker=" + n.get(2));
        assertThat(ids(shortBackward.body().get("networks"))).containsExactly(n.get(0), n.get(1));
        assertLinks(shortBackward, n.get(1), null);

        var unlimited = member.get(base + "&marker=" + n.get(1) + "&page_reverse=True");
        assertThat(ids(unlimited.body().get("networks"))).containsExactlyElementsOf(n);
        assertThat(unlimited.body().has("networks_links")).isFalse();
        assertThat(ids(member.get(base + "&limit=2&marker=").body().get("networks"))).containsExactly(n.get(0), n.get(1));
    }

    /** The page has a next link with {@code next} as marker (none if {@code null}), and likewise previous. */
    private static void assertLinks(ApiClient.Response page, String next, String previous) {
        assertThat(page.status()).as("%s", page.body()).isEqualTo(200);
        if (next == null) {
            assertThat(link(page.body().get("networks_links"), "next")).as("next link").isNull();
        } else {
            assertThat(linkParams(page, "next")).as("next link").containsEntry("marker", List.of(next));
        }
        if (previous == null) {
            assertThat(link(page.body().get("networks_links"), "previous")).as("previous link").isNull();
        } else {
            assertThat(linkParams(page, "previous")).as("previous link").containsEntry("marker", List.of(previous))
                    .containsEntry("page_reverse", List.of("True"));
        }
    }

    /** The query parameters of a page's link with {@code rel} (which must exist). */
    private static Map<String, List<String>> linkParams(ApiClient.Response page, String rel) {
        String href = link(page.body().get("networks_links"), rel);
        assertThat(href).as("%s link of %s", rel, page.body()).isNotNull();
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : URI.create(href).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    /**
     * A repeated sort key counts once (its first direction decides), and a request with more
     * sort keys than the resource has sortable attributes is refused at once: such a request
     * used to build SQL that grew with the square of the number of keys.
     */
    @Test
    void repeatedSortKeysCountOnceAndTooManyAreRefused() {
        ApiClient member = server.member(Api.project("sort-keys"));
        String scope = "&tenant_id=" + member.projectId();
        String b = network(member, "name", "b", "mtu", 1400).get("id").asText();
        network(member, "name", "a", "mtu", 1500);
        network(member, "name", "c", "mtu", 1400);
        assertThat(names(member.get("/v2.0/networks?sort_key=name&sort_dir=asc&sort_key=name&sort_dir=desc" + scope)
                .body().get("networks"))).containsExactly("a", "b", "c");
        assertThat(names(member.get("/v2.0/networks?sort_key=tenant_id&sort_dir=asc&sort_key=project_id&sort_dir=desc"
                + "&sort_key=mtu&sort_dir=asc&sort_key=name&sort_dir=desc" + scope).body().get("networks")))
                .containsExactly("c", "b", "a");
        long sortable = server.server().definitions().collection("networks").attributes().values().stream()
                .filter(AttributeDef::sortable).count();
        String allowed = "&sort_key=mtu&sort_dir=desc" + "&sort_key=name&sort_dir=asc".repeat((int) sortable - 1);
        var paged = member.get("/v2.0/networks?limit=1&marker=" + b + allowed + scope);
        assertThat(paged.status()).as("%s", paged.body()).isEqualTo(200);
        assertThat(names(paged.body().get("networks"))).containsExactly("c");
        assertError(member.get("/v2.0/networks?limit=1&marker=" + b + allowed + "&sort_key=id&sort_dir=asc" + scope),
                400, "HTTPBadRequest");
        var hundreds = member.get("/v2.0/networks?limit=1&marker=" + b + "&sort_key=id".repeat(600) + scope);
        assertError(hundreds, 400, "HTTPBadRequest");
        assertThat(hundreds.body().at("/NeutronError/message").asText()).contains(String.valueOf(sortable), "600");
        assertThat(names(member.get("/v2.0/networks?sort_key=&sort_dir=&sort_key=name&sort_dir=desc" + scope)
                .body().get("networks"))).containsExactly("c", "b", "a");
    }

    /** NULL sorts as the smallest value on every database, and pages past like any other value. */
    @Test
    void nullsSortFirstAndPageLikeAnyValue() {
        ApiClient member = server.member(Api.project("sort-nulls"));
        String net = network(member).get("id").asText();
        List<String> withGateway = new ArrayList<>();
        List<String> withoutGateway = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String cidr = "10.73." + i + ".0/24";
            JsonNode s = i % 2 == 0 ? subnet(member, net, cidr, "gateway_ip", null) : subnet(member, net, cidr);
            (i % 2 == 0 ? withoutGateway : withGateway).add(s.get("id").asText());
        }
        for (String dir : List.of("asc", "desc")) {
            String query = "/v2.0/subnets?network_id=" + net + "&sort_key=gateway_ip&sort_dir=" + dir;
            List<String> all = ids(member.get(query).body().get("subnets"));
            List<String> nulls = dir.equals("asc") ? all.subList(0, 2) : all.subList(2, 4);
            assertThat(nulls).as(dir).containsExactlyInAnyOrderElementsOf(withoutGateway);
            List<String> forward = new ArrayList<>();
            String next = query + "&limit=1";
            while (next != null && forward.size() <= all.size()) {
                JsonNode page = member.get(next).body();
                forward.addAll(ids(page.get("subnets")));
                next = page.get("subnets").isEmpty() ? null : link(page.get("subnets_links"), "next");
            }
            assertThat(forward).as(dir).containsExactlyElementsOf(all);
            List<String> backward = new ArrayList<>();
            String previous = query + "&limit=1&page_reverse=True";
            while (previous != null && backward.size() <= all.size()) {
                JsonNode page = member.get(previous).body();
                backward.addAll(0, ids(page.get("subnets")));
                previous = page.get("subnets").isEmpty() ? null : link(page.get("subnets_links"), "previous");
            }
            assertThat(backward).as(dir).containsExactlyElementsOf(all);
        }
    }

    /**
     * Tag filters split on commas as Neutron does, empty pieces included: {@code tags=,} asks for
     * the empty tag, which no resource has (it used to build {@code IN ()}, a 500 on PostgreSQL).
     */
    @Test
    void emptyTagFiltersAskForTheEmptyTag() {
        ApiClient member = server.member(Api.project("tags-empty"));
        String red = network(member, "tags", List.of("red")).get("id").asText();
        String plain = network(member).get("id").asText();
        String base = "/v2.0/networks?tenant_id=" + member.projectId() + "&";
        for (String query : List.of("tags=,", "tags=", "tags-any=,,", "tags=red,", "tags=,&tags=,")) {
            var answer = member.get(base + query);
            assertThat(answer.status()).as(query + ": %s", answer.body()).isEqualTo(200);
            assertThat(answer.body().get("networks")).as(query).isEmpty();
        }
        assertThat(ids(member.get(base + "tags-any=red,").body().get("networks"))).containsExactly(red);
        assertThat(ids(member.get(base + "not-tags=,").body().get("networks"))).containsExactlyInAnyOrder(red, plain);
        assertThat(ids(member.get(base + "not-tags-any=,red").body().get("networks"))).containsExactly(plain);
    }
}
