package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.server.api.ResourceHandler;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * Throws a few thousand generated garbage requests (fixed, printed seed; override with
 * {@code -Dneutrino.garbage.seed=N}, size with {@code -Dneutrino.garbage.requests=N}) at every
 * endpoint and method of a fresh server, and checks after each one: never a 5xx, every 4xx has
 * Neutron's error body, and a rejected request changed nothing in the database (every table,
 * compared row by row). The one 5xx allowed is Neutron's own 503 {@code NoNetworkAvailable}, the
 * answer when a segment type has no free segmentation id (no VNI range is configured here).
 */
class GarbageInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Bodies over the size limit go on their own connections: the server closes those after its early 413. */
    private static final HttpClient BIG = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int BIG_BODY = 1024 * 1024;
    private static final int MAX_REPORTED = 25;

    @Test
    void garbageNeverBreaksTheServerNorChangesState() throws Exception {
        long seed = Long.getLong("neutrino.garbage.seed", 20261123L);
        int requests = Integer.getInteger("neutrino.garbage.requests", 3000);
        System.out.println("GarbageInputTest: seed=" + seed + " requests=" + requests + " (rerun with -Dneutrino.garbage.seed=" + seed + ")");
        try (TestServer server = TestServer.start()) {
            Garbage garbage = new Garbage(new Random(seed), collections(server), fixture(server), List.of("garbage-a", "garbage-b",
                    "admin-project"));
            List<String> failures = new ArrayList<>();
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            String before = fingerprint(server);
            for (int i = 0; i < requests; i++) {
                Garbage.Request request = garbage.next();
                Answer answer = send(server, request);
                String after = fingerprint(server);
                statuses.merge(answer.status(), 1, Integer::sum);
                report(failures, i, request, answer, before, after);
                rememberCreated(garbage, request, answer);
                before = after;
            }
            System.out.println("GarbageInputTest: statuses " + statuses);
            assertThat(failures).as("seed %d", seed).isEmpty();
        }
    }

    /**
     * Every attribute a client may set on a core resource (from the server's own definitions, plus
     * a read-only and an unknown one) set to every value of a list of wrong shapes and types, on
     * create and on update.
     */
    @Test
    void everyAttributeWithEveryWrongValue() throws Exception {
        try (TestServer server = TestServer.start()) {
            Map<String, List<String>> ids = fixture(server);
            List<Garbage.Request> requests = new ArrayList<>();
            for (ResourceDef definition : server.server().definitions().collections().values()) {
                requests.addAll(sweep(definition.collection(), definition, ids));
            }
            System.out.println("GarbageInputTest: " + requests.size() + " attribute/value requests");
            List<String> failures = new ArrayList<>();
            String before = fingerprint(server);
            for (int i = 0; i < requests.size(); i++) {
                Answer answer = send(server, requests.get(i));
                String after = fingerprint(server);
                report(failures, i, requests.get(i), answer, before, after);
                before = after;
            }
            assertThat(failures).isEmpty();
        }
    }

    /**
     * Every filter of every collection the server serves (its filterable attributes, the tag
     * filters, {@code changed_since}) and every list parameter, with values that are empty or
     * split into nothing ({@code k=}, {@code k=,}, a bare {@code k}) and repeated values, as admin
     * and as member: never a 5xx (PostgreSQL refuses the {@code IN ()} an empty list would build),
     * every 4xx a NeutronError, and nothing changes.
     */
    @Test
    void everyFilterWithEmptyAndRepeatedValues() throws Exception {
        try (TestServer server = TestServer.start()) {
            Map<String, List<String>> ids = fixture(server);
            List<Garbage.Request> requests = new ArrayList<>();
            for (ResourceHandler handler : server.server().resourceHandlers()) {
                String collection = handler.definition().collection();
                List<String> keys = new ArrayList<>(handler.definition().attributes().values().stream()
                        .filter(AttributeDef::filterable).map(AttributeDef::name).toList());
                keys.addAll(List.of("tags", "tags-any", "not-tags", "not-tags-any", "changed_since", "fields", "sort_key", "sort_dir",
                        "limit", "marker", "page_reverse"));
                String id = ids.get(collection).get(0);
                for (String key : keys) {
                    for (String query : List.of(key + "=", key + "=,", key + "=,,", key, key + "=&" + key + "=", key + "=,&" + key + "=,",
                            key + "=a&" + key + "=a", key + "=" + id + "&" + key + "=" + id, key + "=" + id + "&" + key + "=&limit=1")) {
                        for (Map<String, String> headers : List.of(ADMIN_HEADERS, MEMBER_HEADERS)) {
                            requests.add(new Garbage.Request("GET", "/v2.0/" + collection.replace('_', '-'), query, null, headers, "filter"));
                        }
                    }
                }
            }
            System.out.println("GarbageInputTest: " + requests.size() + " filter requests");
            List<String> failures = new ArrayList<>();
            String before = fingerprint(server);
            for (int i = 0; i < requests.size(); i++) {
                report(failures, i, requests.get(i), send(server, requests.get(i)), before, before);
            }
            assertThat(failures).isEmpty();
            assertThat(fingerprint(server)).as("lists changed the database").isEqualTo(before);
        }
    }

    /** The fingerprint that proves "nothing changed" reads the tables of the data, on every database. */
    @Test
    void theFingerprintSeesEveryChange() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<String> tables = server.server().database().read(GarbageInputTest::tables).stream()
                    .map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
            assertThat(tables).contains("networks", "subnets", "ports", "ipallocations", "tags", "quota_usages");
            String empty = fingerprint(server);
            String network = Api.network(server.member("fingerprint")).get("id").asText();
            String created = fingerprint(server);
            assertThat(created).isNotEqualTo(empty);
            server.member("fingerprint").put("/v2.0/networks/" + network + "/tags/red", null);
            assertThat(fingerprint(server)).isNotEqualTo(created);
        }
    }

    /** Creates and updates of {@code collection} with one attribute set to each wrong value. */
    private static List<Garbage.Request> sweep(String collection, ResourceDef definition, Map<String, List<String>> ids)
            throws IOException {
        String member = definition.member();
        String id = ids.get(collection).get(0);
        List<Garbage.Request> requests = new ArrayList<>();
        for (AttributeDef attribute : definition.attributes().values()) {
            for (Object value : wrongValues(ids)) {
                if (attribute.allowPost() || attribute.name().equals("id")) {
                    Map<String, Object> item = validItem(collection, ids);
                    item.put(attribute.name(), value);
                    requests.add(new Garbage.Request("POST", "/v2.0/" + collection.replace('_', '-'), "", JSON.writeValueAsBytes(Api.map(member, item)),
                            ADMIN_HEADERS, "sweep"));
                }
                if (attribute.allowPut() || attribute.name().equals("status")) {
                    requests.add(new Garbage.Request("PUT", "/v2.0/" + collection.replace('_', '-') + "/" + id, "",
                            JSON.writeValueAsBytes(Api.map(member, Api.map(attribute.name(), value))), ADMIN_HEADERS, "sweep"));
                }
            }
        }
        Map<String, Object> unknown = validItem(collection, ids);
        unknown.put("unknown_attribute", 1);
        requests.add(new Garbage.Request("POST", "/v2.0/" + collection.replace('_', '-'), "", JSON.writeValueAsBytes(Api.map(member, unknown)),
                ADMIN_HEADERS, "sweep"));
        return requests;
    }

    private static final Map<String, String> ADMIN_HEADERS = Map.of("X-Project-Id", "garbage-a", "X-Roles", "admin",
            "Content-Type", "application/json");
    private static final Map<String, String> MEMBER_HEADERS = Map.of("X-Project-Id", "garbage-b", "X-Roles", "member",
            "Content-Type", "application/json");

    /** A valid create body of each collection; a collection added without one fails the sweep, naming it. */
    private static Map<String, Object> validItem(String collection, Map<String, List<String>> ids) {
        return switch (collection) {
            case "networks" -> Api.map("name", "sweep");
            case "subnets" -> Api.map("network_id", ids.get("networks").get(0), "ip_version", 4, "cidr", "10.77.0.0/24");
            case "ports" -> Api.map("network_id", ids.get("networks").get(0));
            case "security_groups" -> Api.map("name", "sweep");
            case "security_group_rules" -> Api.map("security_group_id", ids.get("security_groups").get(0), "direction", "ingress",
                    "protocol", "tcp", "port_range_min", 1000, "port_range_max", 1001);
            case "subnetpools" -> Api.map("name", "sweep", "prefixes", List.of("10.200.0.0/16"));
            case "address_scopes" -> Api.map("name", "sweep", "ip_version", 4);
            case "address_groups" -> Api.map("name", "sweep", "addresses", List.of("10.201.0.0/16"));
            case "routers" -> Api.map("name", "sweep");
            case "floatingips" -> Api.map("floating_network_id", ids.get("external networks").get(0));
            default -> throw new AssertionError("GarbageInputTest has no valid " + collection + " body: add one to validItem");
        };
    }

    private static List<Object> wrongValues(Map<String, List<String>> ids) {
        List<Object> values = new ArrayList<>(java.util.Arrays.asList(null, true, false, 0, -1, 2147483648L, Long.MAX_VALUE,
                new java.math.BigInteger("123456789012345678901234567890"), 1e308, 0.5, "", " ", "x".repeat(300), "ñ€𝄞", "a\u0000b",
                List.of(), java.util.Collections.singletonList(null), List.of(List.of()), List.of(Map.of()), Map.of(),
                Map.of("a", Map.of()), java.util.Collections.nCopies(1000, "z"), "not-a-uuid", ids.get("subnets").get(0),
                ids.get("networks").get(1), "10.0.0.0/24", "10.0.0.1", "fa:16:3e:00:00:01", "true", "4"));
        values.add(List.of(Map.of("subnet_id", ids.get("subnets").get(1)), Map.of("ip_address", "10.0.0.1")));
        values.add(List.of(Map.of("start", "10.0.0.5", "end", "10.0.0.4")));
        values.add(List.of(Map.of("destination", "10.0.0.0/24", "nexthop", "10.0.0.1", "extra", 1)));
        return values;
    }

    /** Adds what is wrong with answer {@code n}, if anything, to {@code failures} (at most {@value #MAX_REPORTED}). */
    private static void report(List<String> failures, int n, Garbage.Request request, Answer answer, String before, String after) {
        String problem = problem(request, answer, before, after);
        if (problem != null && failures.size() < MAX_REPORTED) {
            failures.add("#" + n + " " + problem + "\n    request " + request.describe() + "\n    answer " + answer.status() + " "
                    + answer.text().substring(0, Math.min(400, answer.text().length())));
        }
    }

    /** What is wrong with this answer, or {@code null}. */
    private static String problem(Garbage.Request request, Answer answer, String before, String after) {
        if (answer.status() == CLOSED) {
            return before.equals(after) ? null : "connection closed on an oversized body but the database changed";
        }
        if (answer.status() < 0) {
            return "no answer: " + answer.text();
        }
        if (answer.status() >= 500 && !(answer.status() == 503 && "NoNetworkAvailable".equals(errorType(answer.json())))) {
            return "server error " + answer.status();
        }
        if (answer.status() >= 400) {
            if (!before.equals(after)) {
                return "rejected with " + answer.status() + " but the database changed";
            }
            if (!request.method().equals("HEAD") && !isNeutronError(answer.json())) {
                return "4xx without a NeutronError body";
            }
        } else if (!answer.text().isEmpty() && answer.json() == null) {
            return "2xx with a body that is not JSON";
        }
        return null;
    }

    private static String errorType(JsonNode body) {
        return body == null ? null : body.path("NeutronError").path("type").asText(null);
    }

    private static boolean isNeutronError(JsonNode body) {
        if (body == null || body.size() != 1 || !body.has("NeutronError")) {
            return false;
        }
        JsonNode error = body.get("NeutronError");
        return error.path("type").isTextual() && error.path("message").isTextual() && error.path("detail").isTextual();
    }

    private static void rememberCreated(Garbage garbage, Garbage.Request request, Answer answer) {
        if (answer.status() != 201 || answer.json() == null) {
            return;
        }
        answer.json().fields().forEachRemaining(entry -> {
            String collection = request.path().split("/")[2].replace('-', '_');
            if (entry.getValue().isObject() && entry.getValue().has("id")) {
                garbage.remember(collection, entry.getValue().get("id").asText());
            } else if (entry.getValue().isArray()) {
                entry.getValue().forEach(item -> garbage.remember(collection, item.path("id").asText()));
            }
        });
    }

    /** The status of an oversized request the server refused by closing the connection before reading it all. */
    private static final int CLOSED = 0;

    /** An HTTP answer: status ({@code -1} when the exchange failed, {@link #CLOSED}), text, JSON or {@code null}. */
    private record Answer(int status, String text, JsonNode json) {
    }

    /**
     * Sends the request; once more when the connection was found closed before any answer (the
     * client reused a connection the server had just closed, e.g. after refusing a bad message).
     */
    private static Answer send(TestServer server, Garbage.Request request) {
        Answer answer = sendOnce(server, request);
        return answer.status() == -1 && answer.text().contains("received no bytes") ? sendOnce(server, request) : answer;
    }

    private static Answer sendOnce(TestServer server, Garbage.Request request) {
        String uri = server.url() + request.path() + (request.query().isEmpty() ? "" : "?" + request.query());
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            boolean big = request.body() != null && request.body().length >= BIG_BODY;
            HttpResponse<byte[]> response = (big ? BIG : HTTP).send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            JsonNode json = null;
            try {
                json = response.body().length == 0 ? null : JSON.readTree(response.body());
            } catch (IOException e) {
                // not JSON: reported by the checks
            }
            return new Answer(response.statusCode(), text, json);
        } catch (IOException e) {
            if (request.body() != null && request.body().length >= BIG_BODY) {
                return new Answer(CLOSED, "connection closed while sending a large body (the server refused it early)", null);
            }
            return new Answer(-1, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every collection under /v2.0, core ones first. */
    private static List<String> collections(TestServer server) {
        List<String> out = new ArrayList<>(List.of("networks", "subnets", "ports"));
        server.admin().get("/v2.0").body().get("resources").forEach(r -> {
            String collection = r.get("collection").asText();
            if (!out.contains(collection)) {
                out.add(collection);
            }
        });
        return out;
    }

    /** A few valid resources of two projects and a shared network; returns ids by collection. */
    private static Map<String, List<String>> fixture(TestServer server) {
        ApiClient admin = server.admin();
        ApiClient a = server.member("garbage-a");
        ApiClient b = server.member("garbage-b");
        Map<String, List<String>> ids = new LinkedHashMap<>();
        String na = Api.network(a).get("id").asText();
        String sa = Api.subnet(a, na, "10.0.0.0/24").get("id").asText();
        String pa = Api.port(a, na).get("id").asText();
        String ns = Api.network(admin, "shared", true).get("id").asText();
        String ss = Api.subnet(admin, ns, "10.1.0.0/24").get("id").asText();
        String pb = Api.port(b, ns).get("id").asText();
        String nb = Api.network(b).get("id").asText();
        String s6 = Api.subnet(b, nb, "2001:db8::/64", "ipv6_ra_mode", "slaac", "ipv6_address_mode", "slaac").get("id").asText();
        ids.put("networks", new ArrayList<>(List.of(na, ns, nb)));
        ids.put("subnets", new ArrayList<>(List.of(sa, ss, s6)));
        ids.put("ports", new ArrayList<>(List.of(pa, pb)));
        ids.put("routers", new ArrayList<>(List.of(Api.created(a.post("/v2.0/routers", Api.wrap("router", Api.map("name", "ra"))),
                "router").get("id").asText())));
        String external = Api.network(admin, "router:external", true).get("id").asText();
        Api.subnet(admin, external, "203.0.113.0/24");
        ids.put("external networks", new ArrayList<>(List.of(external)));
        ids.put("floatingips", new ArrayList<>(List.of(Api.created(a.post("/v2.0/floatingips", Api.wrap("floatingip",
                Api.map("floating_network_id", external))), "floatingip").get("id").asText())));
        for (String collection : collections(server)) {
            if (!ids.containsKey(collection)) {
                JsonNode list = admin.get("/v2.0/" + collection.replace('_', '-')).body();
                List<String> found = new ArrayList<>();
                if (list != null && list.path(collection).isArray()) {
                    list.get(collection).forEach(r -> found.add(r.path("id").asText()));
                }
                if (found.isEmpty()) {
                    String member = server.server().definitions().collection(collection).member();
                    found.add(Api.created(admin.post("/v2.0/" + collection.replace('_', '-'),
                            Api.map(member, validItem(collection, ids))), member).get("id").asText());
                }
                ids.put(collection, found);
            }
        }
        return ids;
    }

    /** A digest of every row of every table (but the migration history). */
    private static String fingerprint(TestServer server) {
        return server.server().database().read(h -> {
            MessageDigest digest = sha256();
            for (String table : tables(h)) {
                List<String> rows = new ArrayList<>();
                h.createQuery("SELECT * FROM " + table).mapToMap().forEach(row -> rows.add(new java.util.TreeMap<>(row).toString()));
                rows.sort(null);
                digest.update((table + rows).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        });
    }

    private static List<String> tables(org.jdbi.v3.core.Handle h) {
        List<String> tables = new ArrayList<>();
        try {
            DatabaseMetaData meta = h.getConnection().getMetaData();
            try (ResultSet rs = meta.getTables(null, h.getConnection().getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        tables.removeIf(t -> t.toLowerCase(java.util.Locale.ROOT).contains("flyway"));
        tables.sort(null);
        return tables;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
