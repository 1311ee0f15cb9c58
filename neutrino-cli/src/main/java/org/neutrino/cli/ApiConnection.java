package org.neutrino.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where the Networking API is and who calls it: the endpoint (without {@code /v2.0}), and either
 * a project id for a {@code noauth} server or a Keystone token.
 */
public record ApiConnection(URI endpoint, Optional<String> projectId, Optional<String> token) {
    public ApiConnection {
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) endpoint: " + endpoint);
        }
        projectId = projectId.filter(p -> !p.isBlank());
        token = token.filter(t -> !t.isBlank());
    }

    /** Parses {@code endpoint} such as {@code http://127.0.0.1:9696} (a trailing {@code /v2.0} is dropped). */
    public static ApiConnection of(String endpoint, Optional<String> projectId, Optional<String> token) {
        String base = endpoint.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/v2.0")) {
            base = base.substring(0, base.length() - "/v2.0".length());
        }
        try {
            return new ApiConnection(new URI(base), projectId, token);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an http(s) endpoint: " + endpoint, e);
        }
    }

    /** The URI of {@code path} below {@code /v2.0}. */
    public URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return URI.create(endpoint + "/v2.0" + path);
    }
}
