package org.neutrino.server.api.auth;

/**
 * The two Identity v3 calls a token-validating server makes. Implementations are thread-safe.
 */
public interface KeystoneClient {

    /**
     * Issues a token for the service user, scoped to its project
     * ({@code POST /v3/auth/tokens}, password method).
     *
     * @throws KeystoneUnavailableException when Keystone cannot be reached or refuses the
     *         service user's credentials
     */
    ServiceToken issueServiceToken();

    /**
     * Validates a user's token ({@code GET /v3/auth/tokens} with {@code X-Auth-Token} = the
     * service token and {@code X-Subject-Token} = the user's token).
     *
     * @throws KeystoneUnavailableException when Keystone cannot be reached or fails
     */
    TokenValidation validateToken(ServiceToken serviceToken, String userToken);
}
