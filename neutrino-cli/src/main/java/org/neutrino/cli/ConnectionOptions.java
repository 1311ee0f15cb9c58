package org.neutrino.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options that say how to reach the API and who calls it, named as the {@code openstack} CLI
 * names them. Mixed into the root command and inherited by every subcommand, so that they may be
 * given before or after the subcommand. Each also comes from its {@code OS_*} variable, or from
 * the {@code clouds.yaml} entry of {@code --os-cloud}/{@code OS_CLOUD}: see {@link ConnectionSettings}.
 */
public final class ConnectionOptions {
    @Option(names = "--os-cloud", scope = ScopeType.INHERIT, paramLabel = "CLOUD",
            description = "A cloud of clouds.yaml (env OS_CLOUD; file: OS_CLIENT_CONFIG_FILE, ./clouds.yaml, "
                    + "~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml).")
    String cloud;

    @Option(names = "--os-auth-type", scope = ScopeType.INHERIT, paramLabel = "TYPE",
            description = "password, token or none (env OS_AUTH_TYPE; default: token when a token is given, password "
                    + "when a user is, else none).")
    String authType;

    @Option(names = "--os-auth-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Keystone v3, e.g. http://keystone:5000/v3 (env OS_AUTH_URL).")
    String authUrl;

    @Option(names = "--os-username", scope = ScopeType.INHERIT, paramLabel = "NAME", description = "(env OS_USERNAME)")
    String username;

    @Option(names = "--os-user-id", scope = ScopeType.INHERIT, paramLabel = "ID", description = "(env OS_USER_ID)")
    String userId;

    @Option(names = "--os-password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
            description = "(env OS_PASSWORD)")
    String password;

    @Option(names = {"--os-project-name", "--os-tenant-name"}, scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The project to scope the token to (env OS_PROJECT_NAME, OS_TENANT_NAME).")
    String projectName;

    @Option(names = {"--os-project-id", "--os-tenant-id"}, scope = ScopeType.INHERIT, paramLabel = "ID",
            description = "The project to scope the token to (env OS_PROJECT_ID). Without auth: the project to act "
                    + "as (X-Project-Id header); without it a noauth server treats the caller as admin.")
    String projectId;

    @Option(names = "--os-user-domain-name", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "(env OS_USER_DOMAIN_NAME; default Default)")
    String userDomainName;

    @Option(names = "--os-user-domain-id", scope = ScopeType.INHERIT, paramLabel = "ID",
            description = "(env OS_USER_DOMAIN_ID)")
    String userDomainId;

    @Option(names = "--os-project-domain-name", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "(env OS_PROJECT_DOMAIN_NAME; default Default)")
    String projectDomainName;

    @Option(names = "--os-project-domain-id", scope = ScopeType.INHERIT, paramLabel = "ID",
            description = "(env OS_PROJECT_DOMAIN_ID)")
    String projectDomainId;

    @Option(names = "--os-region-name", scope = ScopeType.INHERIT, paramLabel = "REGION",
            description = "The region of the network endpoint in the catalog (env OS_REGION_NAME).")
    String regionName;

    @Option(names = "--os-interface", scope = ScopeType.INHERIT, paramLabel = "INTERFACE",
            description = "public, internal or admin endpoint of the catalog (env OS_INTERFACE; default public).")
    String interfaceName;

    @Option(names = "--os-token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "A Keystone token (env OS_TOKEN): sent as X-Auth-Token with --os-endpoint/--os-url, else "
                    + "exchanged at --os-auth-url for a scoped token and the catalog.")
    String token;

    @Option(names = {"--os-endpoint", "--os-url"}, scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The Networking API endpoint, instead of the catalog's (env OS_ENDPOINT, OS_URL; without "
                    + "any auth: default " + Login.DEFAULT_ENDPOINT + ").")
    String endpoint;

    /** The settings these options and {@code variables} give (see {@link ConnectionSettings#resolve}). */
    public Map<String, String> settings(Function<String, String> variables) {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, "cloud", cloud);
        put(given, "auth_type", authType);
        put(given, "auth_url", authUrl);
        put(given, "username", username);
        put(given, "user_id", userId);
        put(given, "password", password);
        put(given, "project_name", projectName);
        put(given, "project_id", projectId);
        put(given, "user_domain_name", userDomainName);
        put(given, "user_domain_id", userDomainId);
        put(given, "project_domain_name", projectDomainName);
        put(given, "project_domain_id", projectDomainId);
        put(given, "region_name", regionName);
        put(given, "interface", interfaceName);
        put(given, "token", token);
        put(given, "endpoint", endpoint);
        return ConnectionSettings.resolve(given, variables);
    }

    private static void put(Map<String, String> settings, String key, String value) {
        if (value != null && !value.isBlank()) {
            settings.put(key, value);
        }
    }
}
