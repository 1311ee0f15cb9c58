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
            for (int i = 0; i < requests && failures.size() < MAX_REPORTED; i++) {
                Garbage.Request request = garbage.next();
                Answer answer = send(server, request);
                String after = fingerprint(server);
                statuses.merge(answer.status(), 1, Integer::sum);
                String problem = problem(request, answer, before, after);
                if (problem != null) {
                    failures.add("#" + i + " " + problem + "\n    request " + request.describe() + "\n    answer " + answer.status() + " "
                            + answer.text().substring(0, Math.min(400, answer.text().length())));
                }
                rememberCreated(garbage, request, answer);
                before = after;
            }
            System.out.println("GarbageInputTest: statuses " + statuses);
            assertThat(failures).as("seed %d", seed).isEmpty();
        }
    }

    /** What is wrong with this answer, or {@code null}. */
    private static String problem(Garbage.Request request, Answer answer, String before, String after) {
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
            String collection = request.path().split("/")[2];
            if (entry.getValue().isObject() && entry.getValue().has("id")) {
                garbage.remember(collection, entry.getValue().get("id").asText());
            } else if (entry.getValue().isArray()) {
                entry.getValue().forEach(item -> garbage.remember(collection, item.path("id").asText()));
            }
        });
    }

    /** An HTTP answer: status ({@code -1} when the exchange failed), text, JSON or {@code null}. */
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
                return new Answer(413, "connection closed while sending a large body", null);
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
        for (String collection : collections(server)) {
            if (!ids.containsKey(collection)) {
                JsonNode list = admin.get("/v2.0/" + collection).body();
                List<String> found = new ArrayList<>();
                if (list != null && list.path(collection).isArray()) {
                    list.get(collection).forEach(r -> found.add(r.path("id").asText()));
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
