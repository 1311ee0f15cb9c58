package org.neutrino.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small HTTP client for API tests, speaking as one project with some roles (noauth headers), or
 * with a Keystone token.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String projectId;
    private final String roles;
    private final String token;

    public ApiClient(String baseUrl, String projectId, String roles) {
        this(baseUrl, projectId, roles, null);
    }

    private ApiClient(String baseUrl, String projectId, String roles, String token) {
        this.baseUrl = baseUrl;
        this.projectId = projectId;
        this.roles = roles;
        this.token = token;
    }

    /** A client sending {@code X-Auth-Token: token} (and no noauth headers). */
    public static ApiClient withToken(String baseUrl, String token) {
        return new ApiClient(baseUrl, null, null, token);
    }

    public String projectId() {
        return projectId;
    }

    /** A response: status, parsed JSON body (or {@code null}), headers. */
    public record Response(int status, JsonNode body, Map<String, java.util.List<String>> headers) {
        /** The NeutronError type, or {@code null}. */
        public String errorType() {
            return body == null || !body.has("NeutronError") ? null : body.get("NeutronError").get("type").asText();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /**
     * Sends a request; {@code body} is a JSON-able object, a {@code String} sent as is, or a
     * {@code byte[]}.
     */
    public Response send(String method, String path, Object body, Map<String, String> headers) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : body instanceof byte[] bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                    : body instanceof String text ? HttpRequest.BodyPublishers.ofString(text)
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, publisher)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json");
            if (projectId != null) {
                request.header("X-Project-Id", projectId);
            }
            if (roles != null) {
                request.header("X-Roles", roles);
            }
            if (token != null) {
                request.header("X-Auth-Token", token);
            }
            headers.forEach(request::header);
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), json, response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
