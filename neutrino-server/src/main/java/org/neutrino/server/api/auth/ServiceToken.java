package org.neutrino.server.api.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * The server's own token, sent as {@code X-Auth-Token} when it asks Keystone to validate a
 * user's token.
 *
 * @param value     the token (secret)
 * @param expiresAt when Keystone stops accepting it
 */
public record ServiceToken(String value, Instant expiresAt) {

    public ServiceToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Hides the token. */
    @Override
    public String toString() {
        return "ServiceToken[expiresAt=" + expiresAt + "]";
    }
}
