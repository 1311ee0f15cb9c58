package org.neutrino.server.api.auth;

/**
 * The options of {@code [keystone_authtoken]} that Neutrino reads, with the names and defaults
 * of keystonemiddleware's {@code auth_token} and keystoneauth's {@code password} plugin, so an
 * operator's {@code neutron.conf} section works unchanged. The configuration layer reads them
 * into a {@link KeystoneAuthSettings}.
 */
public final class KeystoneAuthOptions {

    /** The section of the configuration file. */
    public static final String GROUP = "keystone_authtoken";

    /**
     * Public Identity endpoint sent to clients in {@code WWW-Authenticate} on a 401
     * (no default: falls back to {@link #AUTH_URL}).
     */
    public static final String WWW_AUTHENTICATE_URI = "www_authenticate_uri";
    /** Identity endpoint the server authenticates against and validates tokens with (required). */
    public static final String AUTH_URL = "auth_url";
    /** Authentication plugin of the service user; only {@value #DEFAULT_AUTH_TYPE} is supported. */
    public static final String AUTH_TYPE = "auth_type";
    public static final String DEFAULT_AUTH_TYPE = "password";
    /** Service user name (required). */
    public static final String USERNAME = "username";
    /** Service user password (required, secret). */
    public static final String PASSWORD = "password";
    /** Project the service token is scoped to (required), usually {@code service}. */
    public static final String PROJECT_NAME = "project_name";
    /** Domain of the service user. */
    public static final String USER_DOMAIN_NAME = "user_domain_name";
    /** Domain of the service project. */
    public static final String PROJECT_DOMAIN_NAME = "project_domain_name";
    /** Default of both domain names: Keystone's default domain. */
    public static final String DEFAULT_DOMAIN_NAME = "Default";
    /**
     * Region of the Identity endpoint. Accepted for compatibility; the server talks to
     * {@link #AUTH_URL} directly and does not look Keystone up in the catalog.
     */
    public static final String REGION_NAME = "region_name";
    /** Accepted and ignored with a warning: validated tokens are cached in process memory. */
    public static final String MEMCACHED_SERVERS = "memcached_servers";
    /** Seconds a validated token stays cached (never beyond its expiry). */
    public static final String TOKEN_CACHE_TIME = "token_cache_time";
    public static final int DEFAULT_TOKEN_CACHE_TIME_SECONDS = 300;
    /** Seconds to wait for a connection to Keystone; keystonemiddleware waits forever by default. */
    public static final String HTTP_CONNECT_TIMEOUT = "http_connect_timeout";
    public static final int DEFAULT_HTTP_CONNECT_TIMEOUT_SECONDS = 5;

    private KeystoneAuthOptions() {
    }
}
