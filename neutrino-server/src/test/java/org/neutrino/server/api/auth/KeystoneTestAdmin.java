package org.neutrino.server.api.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the tests ask of the real Keystone started by {@code scripts/lib/keystone.sh}: users'
 * tokens (scoped to a project, to the system or to nothing), ids by name, revocation.
 */
final class KeystoneTestAdmin {
    private final URI identityV3;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String adminToken;

    KeystoneTestAdmin(URI identityV3) {
        this.identityV3 = identityV3;
        this.adminToken = token("admin", "secretadmin", "admin");
    }

    /** A project-scoped token of a user of the Default domain. */
    String token(String user, String password, String project) {
        KeystoneAuthSettings settings = KeystoneAuthSettings.of(identityV3, user, password, project);
        return new HttpKeystoneClient(settings, json).issueServiceToken().value();
    }

    /**
     * A token of a user of the Default domain scoped to no project: {@code scope} is
     * {@code "unscoped"} (explicitly, or Keystone would scope it to the user's default project)
     * or {@code {"system": {"all": true}}}.
     */
    String tokenWithoutProject(String user, String password, Object scope) {
        Map<String, Object> body = Map.of("auth", Map.of("identity", Map.of("methods", List.of("password"),
                "password", Map.of("user", Map.of("name", user, "domain", Map.of("id", "default"), "password", password))),
                "scope", scope));
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.newBuilder(URI.create(identityV3 + "/auth/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 201) {
            throw new IllegalStateException("issuing a token: " + response.statusCode() + " " + response.body());
        }
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    String projectId(String name) {
        return get("/projects?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).path("projects").path(0).path("id").asText();
    }

    String userId(String name) {
        return get("/users?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).path("users").path(0).path("id").asText();
    }

    /** Revokes a token ({@code DELETE /v3/auth/tokens}). */
    void revoke(String token) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(identityV3 + "/auth/tokens"))
                .header("X-Auth-Token", adminToken).header("X-Subject-Token", token).DELETE().build());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("revoking a token: " + response.statusCode() + " " + response.body());
        }
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(identityV3 + path))
                .header("X-Auth-Token", adminToken).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
