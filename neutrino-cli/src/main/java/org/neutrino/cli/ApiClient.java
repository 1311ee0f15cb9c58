package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A small client of the Networking API v2.0: GET and PUT of JSON documents under
 * {@code <endpoint>/v2.0}, with the noauth project header or a Keystone token, and Neutron's
 * error bodies turned into {@link ApiException}s.
 *
 * <p>Uses {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: the client is
 * started once per command, and {@code HttpClient} costs some 300 ms more at start-up (it builds
 * the default TLS context and a selector thread even for plain http).
 */
public final class ApiClient {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    private final ApiConnection connection;
    private final ObjectMapper json;
    private final Optional<PrintWriter> trace;

    /** A client; {@code trace}, when given, gets one line per request and per answer. */
    public ApiClient(ApiConnection connection, ObjectMapper json, Optional<PrintWriter> trace) {
        this.connection = connection;
        this.json = json;
        this.trace = trace;
    }

    /** The JSON document at {@code path} (e.g. {@code /ports/ID}, below {@code /v2.0}). */
    public JsonNode get(String path) {
        return send("GET", path, Optional.empty());
    }

    /** PUTs {@code body} to {@code path} and returns the answer. */
    public JsonNode put(String path, JsonNode body) {
        return send("PUT", path, Optional.of(body));
    }

    /** POSTs {@code body} to {@code path} and returns the answer. */
    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, Optional.of(body));
    }

    /** DELETEs {@code path}. */
    public void delete(String path) {
        send("DELETE", path, Optional.empty());
    }

    /** The JSON mapper of this client. */
    public ObjectMapper json() {
        return json;
    }

    /** A fresh empty JSON object, to build request bodies with. */
    public ObjectNode object() {
        return json.createObjectNode();
    }

    private JsonNode send(String method, String path, Optional<JsonNode> body) {
        URI uri = connection.uri(path);
        trace(() -> curl(method, uri, body));
        int status;
        String answer;
        try {
            HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
            http.setConnectTimeout(CONNECT_TIMEOUT_MS);
            http.setReadTimeout(READ_TIMEOUT_MS);
            http.setRequestMethod(method);
            http.setRequestProperty("Accept", "application/json");
            connection.token().ifPresent(token -> http.setRequestProperty("X-Auth-Token", token));
            connection.projectId().ifPresent(project -> http.setRequestProperty("X-Project-Id", project));
            if (body.isPresent()) {
                byte[] bytes = json.writeValueAsBytes(body.get());
                http.setDoOutput(true);
                http.setRequestProperty("Content-Type", "application/json");
                http.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = http.getOutputStream()) {
                    out.write(bytes);
                }
            }
            status = http.getResponseCode();
            InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream();
            answer = in == null ? "" : readAll(in);
        } catch (ConnectException e) {
            throw new ConnectionException("cannot connect to " + connection.endpoint() + " (is neutrino-server running?)", e);
        } catch (IOException e) {
            throw new CliException(method + " " + uri + " failed: " + e, e);
        }
        trace(() -> "RESP: [" + status + "] " + answer.strip());
        if (status >= 400) {
            throw error(status, answer);
        }
        if (answer.isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(answer);
        } catch (IOException e) {
            throw new CliException(method + " " + uri + " answered a body that is not JSON", e);
        }
    }

    /** The request as a curl command line, the token hidden as the openstack CLI hides it. */
    private String curl(String method, URI uri, Optional<JsonNode> body) {
        StringBuilder line = new StringBuilder("REQ: curl -g -i -X ").append(method).append(" ").append(uri)
                .append(" -H \"Accept: application/json\"");
        connection.token().ifPresent(token -> line.append(" -H \"X-Auth-Token: ").append(TokenDigest.of(token))
                .append("\""));
        connection.projectId().ifPresent(project -> line.append(" -H \"X-Project-Id: ").append(project).append("\""));
        body.ifPresent(b -> line.append(" -H \"Content-Type: application/json\" -d '").append(b).append("'"));
        return line.toString();
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
