package org.neutrino.server.api.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What Keystone says about a valid user token.
 *
 * @param userId    the user
 * @param projectId the project the token is scoped to; {@code null} for a domain-, system- or
 *                  un-scoped token
 * @param roles     role names on that scope, lower case
 * @param expiresAt when the token expires
 */
public record ValidatedToken(String userId, String projectId, Set<String> roles, Instant expiresAt) {

    public ValidatedToken {
        Objects.requireNonNull(userId, "userId");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
