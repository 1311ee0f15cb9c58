package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the connection settings ({@link ConnectionOptions#settings}) into an {@link ApiConnection},
 * as the {@code openstack} CLI authenticates:
 * <ul>
 *   <li>{@code none}: no token; the endpoint as given (default {@value #DEFAULT_ENDPOINT}), and the
 *       project id, if any, as the noauth server's {@code X-Project-Id};</li>
 *   <li>{@code token} with an endpoint, or without a Keystone URL: the token as it is (the classic
 *       {@code OS_TOKEN}+{@code OS_URL});</li>
 *   <li>{@code password}, or {@code token} without an endpoint: a project-scoped token from
 *       Keystone v3 ({@code POST /v3/auth/tokens}), and the network endpoint from its catalog
 *       (type {@code network}, the interface and region asked for) unless an endpoint is given.</li>
 * </ul>
 */
final class Login {
    /** Where the API is taken to listen when nothing says otherwise. */
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9696";
    private static final int TIMEOUT_MS = 30_000;

    private final Map<String, String> settings;
    private final ObjectMapper json;
    private final Optional<PrintWriter> trace;

    Login(Map<String, String> settings, ObjectMapper json, Optional<PrintWriter> trace) {
        this.settings = settings;
        this.json = json;
        this.trace = trace;
    }

    ApiConnection connect() {
        Optional<String> endpoint = setting("endpoint");
        return switch (authType()) {
            case "none" -> ApiConnection.of(endpoint.orElse(DEFAULT_ENDPOINT), setting("project_id"), Optional.empty());
            case "token" -> endpoint.isPresent() || setting("auth_url").isEmpty()
                    ? ApiConnection.of(endpoint.orElse(DEFAULT_ENDPOINT), Optional.empty(), setting("token"))
                    : keystone(tokenMethod());
            case "password" -> keystone(passwordMethod());
            default -> throw new BadValueException("unknown auth type '" + settings.get("auth_type")
                    + "' (password, token, none)");
        };
    }

    private String authType() {
        Optional<String> given = setting("auth_type").map(t -> t.toLowerCase(Locale.ROOT));
        if (given.isPresent()) {
            return switch (given.get()) {
                case "none", "noauth" -> "none";
                case "password", "v3password" -> "password";
                case "token", "v3token", "admin_token", "token_endpoint" -> "token";
                default -> given.get();
            };
        }
        if (setting("token").isPresent()) {
            return "token";
        }
        return setting("username").or(() -> setting("user_id")).isPresent() ? "password" : "none";
    }

    private ObjectNode passwordMethod() {
        ObjectNode user = json.createObjectNode();
        setting("user_id").ifPresentOrElse(id -> user.put("id", id), () -> {
            user.put("name", required("username", "OS_USERNAME"));
            user.set("domain", domain("user"));
        });
        user.put("password", required("password", "OS_PASSWORD"));
        ObjectNode identity = json.createObjectNode();
        identity.putArray("methods").add("password");
        identity.putObject("password").set("user", user);
        return identity;
    }

    private ObjectNode tokenMethod() {
        ObjectNode identity = json.createObjectNode();
        identity.putArray("methods").add("token");
        identity.putObject("token").put("id", required("token", "OS_TOKEN"));
        return identity;
    }

    private ObjectNode domain(String of) {
        ObjectNode domain = json.createObjectNode();
        setting(of + "_domain_id").ifPresentOrElse(id -> domain.put("id", id),
                () -> domain.put("name", setting(of + "_domain_name").orElse("Default")));
        return domain;
    }

    private ApiConnection keystone(ObjectNode identity) {
        ObjectNode auth = json.createObjectNode();
        auth.set("identity", identity);
        Optional<String> projectId = setting("project_id");
        Optional<String> projectName = setting("project_name");
        if (projectId.isPresent()) {
            auth.putObject("scope").putObject("project").put("id", projectId.get());
        } else if (projectName.isPresent()) {
            ObjectNode project = auth.putObject("scope").putObject("project").put("name", projectName.get());
            project.set("domain", domain("project"));
        }
        ObjectNode body = json.createObjectNode();
        body.set("auth", auth);
        String base = required("auth_url", "OS_AUTH_URL").replaceAll("/+$", "");
        URI uri = URI.create((base.endsWith("/v3") ? base : base + "/v3") + "/auth/tokens");
        trace(() -> "REQ: curl -g -i -X POST " + uri + " -H \"Content-Type: application/json\" -d '"
                + redacted(body) + "'");
        try {
            HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/json");
            http.setRequestProperty("Accept", "application/json");
            try (OutputStream out = http.getOutputStream()) {
                out.write(json.writeValueAsBytes(body));
            }
            int status = http.getResponseCode();
            InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream();
            String answer = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            trace(() -> "RESP: [" + status + "] (Keystone token and catalog, " + answer.length() + " bytes)");
            if (status >= 400) {
                JsonNode error = answer.isBlank() ? json.nullNode() : json.readTree(answer).path("error");
                throw new ConnectionException("Keystone refused the login (" + status + "): "
                        + error.path("message").asText(answer.strip()));
            }
            String token = http.getHeaderField("X-Subject-Token");
            if (token == null) {
                throw new ConnectionException("Keystone answered " + uri + " without X-Subject-Token");
            }
            String endpoint = setting("endpoint").orElseGet(() -> networkEndpoint(safeRead(answer).path("token")));
            return ApiConnection.of(endpoint, Optional.empty(), Optional.of(token));
        } catch (java.net.ConnectException e) {
            throw new ConnectionException("cannot connect to Keystone at " + base, e);
        } catch (IOException e) {
            throw new ConnectionException("POST " + uri + " failed: " + e, e);
        }
    }

    /** The URL of the catalog's network endpoint of the interface and region asked for. */
    private String networkEndpoint(JsonNode token) {
        String wanted = setting("interface").orElse("public").toLowerCase(Locale.ROOT).replace("url", "");
        Optional<String> region = setting("region_name");
        for (JsonNode service : token.path("catalog")) {
            if (!service.path("type").asText().equals("network")) {
                continue;
            }
            for (JsonNode endpoint : service.path("endpoints")) {
                boolean regionMatches = region.isEmpty() || region.get().equals(endpoint.path("region_id").asText())
                        || region.get().equals(endpoint.path("region").asText());
                if (endpoint.path("interface").asText().equals(wanted) && regionMatches) {
                    return endpoint.path("url").asText();
                }
            }
        }
        throw new ConnectionException("the Keystone catalog has no network endpoint (interface " + wanted
                + region.map(r -> ", region " + r).orElse("") + ")");
    }

    private JsonNode safeRead(String answer) {
        try {
            return json.readTree(answer);
        } catch (IOException e) {
            throw new ConnectionException("Keystone answered a body that is not JSON", e);
        }
    }

    private String redacted(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        JsonNode user = copy.path("auth").path("identity").path("password").path("user");
        if (user.isObject()) {
            ((ObjectNode) user).put("password", "***");
        }
        JsonNode token = copy.path("auth").path("identity").path("token");
        if (token.isObject()) {
            ((ObjectNode) token).put("id", "***");
        }
        return copy.toString();
    }

    private Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
    }

    private String required(String key, String variable) {
        return setting(key).orElseThrow(() -> new BadValueException("the " + authType() + " login needs --os-"
                + key.replace('_', '-') + " (or " + variable + ")"));
    }

    private void trace(java.util.function.Supplier<String> line) {
        trace.ifPresent(out -> {
            out.println(line.get());
            out.flush();
        });
    }
}
