package org.neutrino.server.api.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link KeystoneClient} over the Identity v3 REST API with {@link HttpClient} (HTTP/1.1,
 * blocking calls: cheap on virtual threads).
 */
public final class HttpKeystoneClient implements KeystoneClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String JSON = "application/json";

    private final KeystoneAuthSettings settings;
    private final URI tokensUri;
    private final HttpClient http;
    private final ObjectMapper json;

    public HttpKeystoneClient(KeystoneAuthSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.tokensUri = URI.create(settings.identityV3() + "/auth/tokens");
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.httpConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public ServiceToken issueServiceToken() {
        HttpRequest request = HttpRequest.newBuilder(tokensUri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", JSON)
                .header("Accept", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(passwordAuthBody()))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 401) {
            throw new KeystoneUnavailableException("Keystone at " + tokensUri + " refused the service user "
                    + settings.username() + " on project " + settings.projectName()
                    + ": check [keystone_authtoken] username, password, project_name and the domains");
        }
        if (response.statusCode() != 201) {
            throw unexpected("issuing the service token", response);
        }
        String token = response.headers().firstValue("X-Subject-Token")
                .orElseThrow(() -> new KeystoneUnavailableException(
                        "Keystone at " + tokensUri + " issued a token without X-Subject-Token"));
        return new ServiceToken(token, expiresAt(parse(response).path("token")));
    }

    @Override
    public TokenValidation validateToken(ServiceToken serviceToken, String userToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokensUri + "?nocatalog"))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", JSON)
                .header("X-Auth-Token", serviceToken.value())
                .header("X-Subject-Token", userToken)
                .GET()
                .build();
        HttpResponse<String> response = send(request);
        return switch (response.statusCode()) {
            case 200 -> new TokenValidation.Valid(validatedToken(parse(response).path("token")));
            case 401 -> new TokenValidation.ServiceTokenRejected();
            case 404 -> new TokenValidation.Invalid();
            case 403 -> throw new KeystoneUnavailableException("Keystone at " + tokensUri
                    + " does not let the service user " + settings.username()
                    + " validate tokens: give it the admin or service role on project " + settings.projectName());
            default -> throw unexpected("validating a token", response);
        };
    }

    private String passwordAuthBody() {
        ObjectNode body = json.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", settings.username());
        user.put("password", settings.password());
        user.putObject("domain").put("name", settings.userDomainName());
        ObjectNode project = auth.putObject("scope").putObject("project");
        project.put("name", settings.projectName());
        project.putObject("domain").put("name", settings.projectDomainName());
        return body.toString();
    }

    private ValidatedToken validatedToken(JsonNode token) {
        String userId = token.path("user").path("id").asText(null);
        if (userId == null) {
            throw new KeystoneUnavailableException("Keystone at " + tokensUri + " returned a token without user");
        }
        JsonNode project = token.path("project");
        String projectId = project.isObject() ? project.path("id").asText(null) : null;
        Set<String> roles = new HashSet<>();
        for (JsonNode role : token.path("roles")) {
            String name = role.path("name").asText("");
            if (!name.isEmpty()) {
                roles.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return new ValidatedToken(userId, projectId, roles, expiresAt(token));
    }

    private Instant expiresAt(JsonNode token) {
        String value = token.path("expires_at").asText(null);
        if (value == null) {
            throw new KeystoneUnavailableException("Keystone at " + tokensUri + " returned a token without expires_at");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new KeystoneUnavailableException("Keystone at " + tokensUri
                    + " returned an unreadable expires_at: " + value, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KeystoneUnavailableException("Keystone at " + tokensUri + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeystoneUnavailableException("interrupted while calling Keystone at " + tokensUri, e);
        }
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new KeystoneUnavailableException("Keystone at " + tokensUri + " returned unreadable JSON", e);
        }
    }

    private KeystoneUnavailableException unexpected(String what, HttpResponse<String> response) {
        String body = response.body();
        if (body.length() > 200) {
            body = body.substring(0, 200) + "...";
        }
        return new KeystoneUnavailableException("Keystone at " + tokensUri + " answered " + response.statusCode()
                + " when " + what + ": " + body);
    }
}
