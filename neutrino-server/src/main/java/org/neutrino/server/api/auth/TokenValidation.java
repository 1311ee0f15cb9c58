package org.neutrino.server.api.auth;

import java.util.Objects;

/** Keystone's answer to {@code GET /v3/auth/tokens}. */
public sealed interface TokenValidation {

    /** The user's token is valid. */
    record Valid(ValidatedToken token) implements TokenValidation {
        public Valid {
            Objects.requireNonNull(token, "token");
        }
    }

    /** The user's token is unknown, malformed, expired or revoked (Keystone's 404). */
    record Invalid() implements TokenValidation {
    }

    /** Keystone refused the server's own token (401): it must get a new one and ask again. */
    record ServiceTokenRejected() implements TokenValidation {
    }
}
