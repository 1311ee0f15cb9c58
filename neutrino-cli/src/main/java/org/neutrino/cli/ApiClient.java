package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A small client of the Networking API v2.0: GET and PUT of JSON documents under
 * {@code <endpoint>/v2.0}, with the noauth project header or a Keystone token, and Neutron's
 * error bodies turned into {@link ApiException}s.
 */
public final class ApiClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ApiConnection connection;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Optional<PrintWriter> trace;

    /** A client; {@code trace}, when given, gets one line per request and per answer. */
    public ApiClient(ApiConnection connection, ObjectMapper json, Optional<PrintWriter> trace) {
        this.connection = connection;
        this.json = json;
        this.trace = trace;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The JSON document at {@code path} (e.g. {@code /ports/ID}, below {@code /v2.0}). */
    public JsonNode get(String path) {
        return send(request(path).GET(), path);
    }

    /** PUTs {@code body} to {@code path} and returns the answer. */
    public JsonNode put(String path, JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), path);
    }

    /** A fresh empty JSON object, to build request bodies with. */
    public ObjectNode object() {
        return json.createObjectNode();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(connection.uri(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        connection.token().ifPresent(token -> builder.header("X-Auth-Token", token));
        connection.projectId().ifPresent(project -> builder.header("X-Project-Id", project));
        return builder;
    }

    private JsonNode send(HttpRequest.Builder builder, String path) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        trace(() -> "> " + request.method() + " " + request.uri());
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("cannot connect to " + connection.endpoint() + " (is neutrino-server running?)", e);
        } catch (IOException e) {
            throw new CliException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted during " + request.method() + " " + path, e);
        }
        int status = response.statusCode();
        trace(() -> "< " + status + " " + response.body().strip());
        if (status >= 400) {
            throw error(status, response.body());
        }
        if (response.body().isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new CliException(request.method() + " " + request.uri() + " answered a body that is not JSON", e);
        }
    }

    private void trace(Supplier<String> line) {
        trace.ifPresent(out -> {
            out.println(line.get());
            out.flush();
        });
    }

    private ApiException error(int status, String body) {
        Optional<JsonNode> neutronError = Optional.empty();
        try {
            JsonNode parsed = json.readTree(body);
            if (parsed != null && parsed.path("NeutronError").isObject()) {
                neutronError = Optional.of(parsed.get("NeutronError"));
            }
        } catch (IOException e) {
            // not JSON: the raw body is the message
        }
        if (neutronError.isPresent()) {
            return new ApiException(status, neutronError.get().path("type").asText(""),
                    neutronError.get().path("message").asText(""));
        }
        String text = body.strip();
        return new ApiException(status, "", text.isEmpty() ? "HTTP " + status : text);
    }
}
