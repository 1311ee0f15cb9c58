package org.neutrino.server.api.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the tests ask of the real Keystone started by {@code scripts/lib/keystone.sh}: users'
 * tokens, ids by name, revocation.
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
