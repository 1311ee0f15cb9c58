package org.neutrino.server.api.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigException;
import org.neutrino.lib.config.Opt;

/**
 * The values of {@code [keystone_authtoken]} (see {@link KeystoneAuthOptions} for names and
 * defaults), validated. Read them with {@link #from(Config)}.
 *
 * @param authUrl             Identity endpoint, with or without the {@code /v3} suffix
 * @param wwwAuthenticateUri  public Identity endpoint for {@code WWW-Authenticate}; {@code null}
 *                            means {@code authUrl}
 * @param authType            {@code password} (or its alias {@code v3password})
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
        if (authUrl == null) {
            throw new IllegalArgumentException(KeystoneAuthOptions.AUTH_URL + " is required");
        }
        if (!"http".equals(authUrl.getScheme()) && !"https".equals(authUrl.getScheme())) {
            throw new IllegalArgumentException(
                    KeystoneAuthOptions.AUTH_URL + " must be an http(s) URL: " + authUrl);
        }
        if (authUrl.getPath() != null && authUrl.getPath().replaceAll("/+$", "").endsWith("/v2.0")) {
            throw new IllegalArgumentException(
                    KeystoneAuthOptions.AUTH_URL + ": only the Identity v3 API is supported: " + authUrl);
        }
        if (!"password".equals(authType) && !"v3password".equals(authType)) {
            throw new IllegalArgumentException(KeystoneAuthOptions.AUTH_TYPE + " " + authType
                    + " is not supported; only password is");
        }
        requireText(username, KeystoneAuthOptions.USERNAME);
        requireText(password, KeystoneAuthOptions.PASSWORD);
        requireText(projectName, KeystoneAuthOptions.PROJECT_NAME);
        requireText(userDomainName, KeystoneAuthOptions.USER_DOMAIN_NAME);
        requireText(projectDomainName, KeystoneAuthOptions.PROJECT_DOMAIN_NAME);
        memcachedServers = memcachedServers == null ? List.of() : List.copyOf(memcachedServers);
        if (tokenCacheTime.isNegative()) {
            throw new IllegalArgumentException(KeystoneAuthOptions.TOKEN_CACHE_TIME + " must not be negative");
        }
        if (httpConnectTimeout.isNegative() || httpConnectTimeout.isZero()) {
            throw new IllegalArgumentException(KeystoneAuthOptions.HTTP_CONNECT_TIMEOUT + " must be positive");
        }
    }

    /**
     * Reads {@code [keystone_authtoken]}.
     *
     * @throws ConfigException when a required option is missing or a value is invalid, naming
     *         the option
     */
    public static KeystoneAuthSettings from(Config config) {
        try {
            return new KeystoneAuthSettings(
                    uri(config, KeystoneAuthOptions.AUTH_URL),
                    uri(config, KeystoneAuthOptions.WWW_AUTHENTICATE_URI),
                    config.get(KeystoneAuthOptions.AUTH_TYPE),
                    config.get(KeystoneAuthOptions.USERNAME),
                    config.get(KeystoneAuthOptions.PASSWORD),
                    config.get(KeystoneAuthOptions.PROJECT_NAME),
                    config.get(KeystoneAuthOptions.USER_DOMAIN_NAME),
                    config.get(KeystoneAuthOptions.PROJECT_DOMAIN_NAME),
                    config.get(KeystoneAuthOptions.REGION_NAME),
                    config.find(KeystoneAuthOptions.MEMCACHED_SERVERS).orElse(List.of()),
                    Duration.ofSeconds(Math.max(0, config.get(KeystoneAuthOptions.TOKEN_CACHE_TIME))),
                    Duration.ofSeconds(config.get(KeystoneAuthOptions.HTTP_CONNECT_TIMEOUT)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /**
     * Settings with the defaults of every optional value: domains {@code Default}, cache 300 s,
     * connect timeout 5 s.
     */
    public static KeystoneAuthSettings of(URI authUrl, String username, String password, String projectName) {
        return new KeystoneAuthSettings(authUrl, null, KeystoneAuthOptions.AUTH_TYPE.defaultValue(),
                username, password, projectName, KeystoneAuthOptions.USER_DOMAIN_NAME.defaultValue(),
                KeystoneAuthOptions.PROJECT_DOMAIN_NAME.defaultValue(), null, List.of(),
                Duration.ofSeconds(KeystoneAuthOptions.TOKEN_CACHE_TIME.defaultValue()),
                Duration.ofSeconds(KeystoneAuthOptions.HTTP_CONNECT_TIMEOUT.defaultValue()));
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

    private static URI uri(Config config, Opt<String> opt) {
        String text = config.get(opt);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(opt + " is not a URL: " + e.getMessage(), e);
        }
    }

    private static void requireText(String value, Opt<String> opt) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(opt + " is required");
        }
    }
}
