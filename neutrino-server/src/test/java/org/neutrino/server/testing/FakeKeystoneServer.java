package org.neutrino.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory Keystone on a free loopback port, speaking the two Identity v3 calls a Neutron
 * server makes: {@code POST /v3/auth/tokens} (the service user's password; any password is
 * accepted) and {@code GET /v3/auth/tokens} (validating a user's token: 200 with its scope and
 * roles, 404 when unknown). Tokens are made by the test, scoped to a project or to a domain.
 */
public final class FakeKeystoneServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final Map<String, ObjectNode> tokens = new ConcurrentHashMap<>();

    private FakeKeystoneServer(HttpServer http) {
        this.http = http;
    }

    public static FakeKeystoneServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeKeystoneServer keystone = new FakeKeystoneServer(http);
        http.createContext("/v3/auth/tokens", keystone::tokens);
        http.start();
        return keystone;
    }

    /** The Identity v3 endpoint, for {@code [keystone_authtoken] auth_url}. */
    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v3";
    }

    /** The configuration of a Neutrino server that validates tokens with this Keystone. */
    public Map<String, String> serverConfig() {
        return Map.of("DEFAULT.auth_strategy", "keystone", "keystone_authtoken.auth_url", url(),
                "keystone_authtoken.username", "neutron", "keystone_authtoken.password", "secretneutron",
                "keystone_authtoken.project_name", "service");
    }

    /** A token of a user on a project, with roles. */
    public String projectToken(String projectId, String... roles) {
        ObjectNode token = token(roles);
        token.putObject("project").put("id", projectId).put("name", projectId);
        return register(token);
    }

    /** A token of a user on the {@code default} domain, with roles: scoped to no project. */
    public String domainToken(String... roles) {
        ObjectNode token = token(roles);
        token.putObject("domain").put("id", "default").put("name", "Default");
        return register(token);
    }

    private static ObjectNode token(String... roles) {
        ObjectNode token = JSON.createObjectNode();
        token.putObject("user").put("id", "user-" + UUID.randomUUID()).put("name", "user");
        ArrayNode list = token.putArray("roles");
        List.of(roles).forEach(role -> list.addObject().put("id", role).put("name", role));
        token.put("expires_at", Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
        return token;
    }

    private String register(ObjectNode token) {
        String value = "gAAAA" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(value, token);
        return value;
    }

    private void tokens(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "POST" -> {
                    ObjectNode service = token("admin");
                    service.putObject("project").put("id", "service").put("name", "service");
                    exchange.getResponseHeaders().set("X-Subject-Token", register(service));
                    send(exchange, 201, Map.of("token", service));
                }
                case "GET" -> {
                    boolean serviceKnown = tokens.containsKey(exchange.getRequestHeaders().getFirst("X-Auth-Token"));
                    ObjectNode token = tokens.get(String.valueOf(exchange.getRequestHeaders().getFirst("X-Subject-Token")));
                    if (!serviceKnown) {
                        send(exchange, 401, Map.of("error", Map.of("code", 401)));
                    } else if (token == null) {
                        send(exchange, 404, Map.of("error", Map.of("code", 404)));
                    } else {
                        send(exchange, 200, Map.of("token", token));
                    }
                }
                default -> send(exchange, 405, Map.of("error", Map.of("code", 405)));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
