package org.neutrino.server.api.auth;

import java.util.List;
import java.util.Set;

import org.neutrino.lib.config.Opt;

/**
 * The options of {@code [keystone_authtoken]} that Neutrino reads, with the names and defaults
 * of keystonemiddleware's {@code auth_token} and keystoneauth's {@code password} plugin, so an
 * operator's {@code neutron.conf} section works unchanged. {@link KeystoneAuthSettings#from}
 * reads them.
 */
public final class KeystoneAuthOptions {

    /** The section of the configuration file. */
    public static final String GROUP = "keystone_authtoken";

    public static final Opt<String> WWW_AUTHENTICATE_URI = Opt.string(GROUP, "www_authenticate_uri", null,
            "Complete public Identity API endpoint, sent to clients in WWW-Authenticate when a request is "
                    + "refused with 401. Default: auth_url.")
            .withDeprecatedName("auth_uri");
    public static final Opt<String> AUTH_URL = Opt.string(GROUP, "auth_url", null,
            "Identity endpoint the server authenticates its service user against and validates tokens with, "
                    + "e.g. http://controller:5000 or http://controller:5000/v3. Required with auth_strategy = keystone.");
    public static final Opt<String> AUTH_TYPE = Opt.choice(GROUP, "auth_type", "password", Set.of("password", "v3password"),
            "Authentication plugin of the service user; only the password plugin is supported.");
    public static final Opt<String> USERNAME = Opt.string(GROUP, "username", null,
            "Service user name. Required with auth_strategy = keystone.");
    public static final Opt<String> PASSWORD = Opt.string(GROUP, "password", null,
            "Service user password. Required with auth_strategy = keystone.").asSecret();
    public static final Opt<String> PROJECT_NAME = Opt.string(GROUP, "project_name", null,
            "Project the service token is scoped to, usually service. Required with auth_strategy = keystone.");
    public static final Opt<String> USER_DOMAIN_NAME = Opt.string(GROUP, "user_domain_name", "Default",
            "Domain of the service user.");
    public static final Opt<String> PROJECT_DOMAIN_NAME = Opt.string(GROUP, "project_domain_name", "Default",
            "Domain of the service project.");
    public static final Opt<String> REGION_NAME = Opt.string(GROUP, "region_name", null,
            "Region of the Identity service. Accepted for compatibility: Neutrino calls auth_url directly.");
    public static final Opt<List<String>> MEMCACHED_SERVERS = Opt.list(GROUP, "memcached_servers", null,
            "Accepted and ignored (with a warning): Neutrino caches validated tokens in its own memory.");
    public static final Opt<Integer> TOKEN_CACHE_TIME = Opt.integer(GROUP, "token_cache_time", 300, -1, null,
            "Seconds a validated token is cached (never beyond its expiry); a token revoked in Keystone is "
                    + "accepted until its cache entry ends. 0 or -1 turn the cache off.");
    public static final Opt<Integer> HTTP_CONNECT_TIMEOUT = Opt.integer(GROUP, "http_connect_timeout", 5, 1, null,
            "Seconds to wait for a connection to Keystone (keystonemiddleware waits forever by default).");

    /** Every option of the section, for unknown-option warnings and the sample file. */
    public static final List<Opt<?>> ALL = List.of(WWW_AUTHENTICATE_URI, AUTH_URL, AUTH_TYPE, USERNAME, PASSWORD,
            PROJECT_NAME, USER_DOMAIN_NAME, PROJECT_DOMAIN_NAME, REGION_NAME, MEMCACHED_SERVERS, TOKEN_CACHE_TIME,
            HTTP_CONNECT_TIMEOUT);

    private KeystoneAuthOptions() {
    }
}
