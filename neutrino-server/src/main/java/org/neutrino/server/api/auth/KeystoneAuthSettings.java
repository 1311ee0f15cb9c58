package org.neutrino.server.api.auth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The values of {@code [keystone_authtoken]} (see {@link KeystoneAuthOptions} for names and
 * defaults), validated.
 *
 * @param authUrl             Identity endpoint, with or without the {@code /v3} suffix
 * @param wwwAuthenticateUri  public Identity endpoint for {@code WWW-Authenticate}; {@code null}
 *                            means {@code authUrl}
 * @param authType            must be {@code password}
 * @param username            service user
 * @param password            service user's password
 * @param projectName         project the service token is scoped to
 * @param userDomainName      domain of the service user
 * @param projectDomainName   domain of the service project
 * @param regionName          accepted, not used ({@code null} when unset)
 * @param memcachedServers    accepted, ignored with a warning
 * @param tokenCacheTime      how long a valid token stays cached; zero disables the cache
 * @param httpConnectTimeout  how long to wait for a connection to Keystone
 */
public record KeystoneAuthSettings(URI authUrl, URI wwwAuthenticateUri, String authType,
                                   String username, String password, String projectName,
                                   String userDomainName, String projectDomainName,
                                   String regionName, List<String> memcachedServers,
                                   Duration tokenCacheTime, Duration httpConnectTimeout) {

    public KeystoneAuthSettings {
        Objects.requireNonNull(authUrl, "[keystone_authtoken] auth_url is required");
        if (!"http".equals(authUrl.getScheme()) && !"https".equals(authUrl.getScheme())) {
            throw new IllegalArgumentException(
                    "[keystone_authtoken] auth_url must be an http(s) URL: " + authUrl);
        }
        if (authUrl.getPath() != null && authUrl.getPath().replaceAll("/+$", "").endsWith("/v2.0")) {
            throw new IllegalArgumentException(
                    "[keystone_authtoken] auth_url: only the Identity v3 API is supported: " + authUrl);
        }
        if (!KeystoneAuthOptions.DEFAULT_AUTH_TYPE.equals(authType)) {
            throw new IllegalArgumentException("[keystone_authtoken] auth_type " + authType
                    + " is not supported; only " + KeystoneAuthOptions.DEFAULT_AUTH_TYPE + " is");
        }
        requireText(username, KeystoneAuthOptions.USERNAME);
        requireText(password, KeystoneAuthOptions.PASSWORD);
        requireText(projectName, KeystoneAuthOptions.PROJECT_NAME);
        requireText(userDomainName, KeystoneAuthOptions.USER_DOMAIN_NAME);
        requireText(projectDomainName, KeystoneAuthOptions.PROJECT_DOMAIN_NAME);
        memcachedServers = List.copyOf(memcachedServers);
        if (tokenCacheTime.isNegative()) {
            throw new IllegalArgumentException("[keystone_authtoken] token_cache_time must not be negative");
        }
        if (httpConnectTimeout.isNegative() || httpConnectTimeout.isZero()) {
            throw new IllegalArgumentException("[keystone_authtoken] http_connect_timeout must be positive");
        }
    }

    /**
     * Settings with the defaults of every optional value: domains {@code Default}, cache 300 s,
     * connect timeout 5 s.
     */
    public static KeystoneAuthSettings of(URI authUrl, String username, String password, String projectName) {
        return new KeystoneAuthSettings(authUrl, null, KeystoneAuthOptions.DEFAULT_AUTH_TYPE,
                username, password, projectName, KeystoneAuthOptions.DEFAULT_DOMAIN_NAME,
                KeystoneAuthOptions.DEFAULT_DOMAIN_NAME, null, List.of(),
                Duration.ofSeconds(KeystoneAuthOptions.DEFAULT_TOKEN_CACHE_TIME_SECONDS),
                Duration.ofSeconds(KeystoneAuthOptions.DEFAULT_HTTP_CONNECT_TIMEOUT_SECONDS));
    }

    /** The Identity v3 root, e.g. {@code http://127.0.0.1:5000/v3}, without a trailing slash. */
    public URI identityV3() {
        String base = authUrl.toString().replaceAll("/+$", "");
        return URI.create(base.endsWith("/v3") ? base : base + "/v3");
    }

    /** The value of {@code WWW-Authenticate} on a 401: {@code Keystone uri="<uri>"}. */
    public String wwwAuthenticate() {
        URI uri = wwwAuthenticateUri != null ? wwwAuthenticateUri : authUrl;
        return "Keystone uri=\"" + uri + "\"";
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "KeystoneAuthSettings[authUrl=" + authUrl + ", username=" + username
                + ", projectName=" + projectName + ", userDomainName=" + userDomainName
                + ", projectDomainName=" + projectDomainName + ", tokenCacheTime=" + tokenCacheTime + "]";
    }

    private static void requireText(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("[keystone_authtoken] " + option + " is required");
        }
    }
}
