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
 * the {@code clouds.yaml} entry of {@code --os-cloud}/{@code OS_CLOUD}: see {@link #settings}.
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

    /** Each setting's key and its environment variables, first match wins. */
    private static final Map<String, String[]> VARIABLES = Map.ofEntries(
            Map.entry("auth_type", new String[] {"OS_AUTH_TYPE"}),
            Map.entry("auth_url", new String[] {"OS_AUTH_URL"}),
            Map.entry("username", new String[] {"OS_USERNAME"}),
            Map.entry("user_id", new String[] {"OS_USER_ID"}),
            Map.entry("password", new String[] {"OS_PASSWORD"}),
            Map.entry("project_name", new String[] {"OS_PROJECT_NAME", "OS_TENANT_NAME"}),
            Map.entry("project_id", new String[] {"OS_PROJECT_ID", "OS_TENANT_ID"}),
            Map.entry("user_domain_name", new String[] {"OS_USER_DOMAIN_NAME"}),
            Map.entry("user_domain_id", new String[] {"OS_USER_DOMAIN_ID"}),
            Map.entry("project_domain_name", new String[] {"OS_PROJECT_DOMAIN_NAME"}),
            Map.entry("project_domain_id", new String[] {"OS_PROJECT_DOMAIN_ID"}),
            Map.entry("region_name", new String[] {"OS_REGION_NAME"}),
            Map.entry("interface", new String[] {"OS_INTERFACE"}),
            Map.entry("token", new String[] {"OS_TOKEN"}),
            Map.entry("endpoint", new String[] {"OS_ENDPOINT", "OS_URL"}));

    /**
     * The settings by the {@code openstack} CLI's keys ({@code auth_url}, {@code username}, ...):
     * an option when given, else the {@code clouds.yaml} entry of the cloud when one is named, else
     * the {@code OS_*} variable.
     */
    public Map<String, String> settings(Function<String, String> variables) {
        Map<String, String> settings = new LinkedHashMap<>();
        VARIABLES.forEach((key, names) -> {
            for (String name : names) {
                String value = variables.apply(name);
                if (value != null && !value.isBlank()) {
                    settings.putIfAbsent(key, value);
                }
            }
        });
        String cloudName = cloud != null ? cloud : variables.apply("OS_CLOUD");
        if (cloudName != null && !cloudName.isBlank()) {
            Map<String, String> fromCloud = CloudsYaml.cloud(cloudName, variables);
            settings.putAll(fromCloud);
            if (fromCloud.containsKey("network_endpoint_override")) {
                settings.put("endpoint", fromCloud.get("network_endpoint_override"));
            }
        }
        put(settings, "auth_type", authType);
        put(settings, "auth_url", authUrl);
        put(settings, "username", username);
        put(settings, "user_id", userId);
        put(settings, "password", password);
        put(settings, "project_name", projectName);
        put(settings, "project_id", projectId);
        put(settings, "user_domain_name", userDomainName);
        put(settings, "user_domain_id", userDomainId);
        put(settings, "project_domain_name", projectDomainName);
        put(settings, "project_domain_id", projectDomainId);
        put(settings, "region_name", regionName);
        put(settings, "interface", interfaceName);
        put(settings, "token", token);
        put(settings, "endpoint", endpoint);
        return settings;
    }

    private static void put(Map<String, String> settings, String key, String value) {
        if (value != null && !value.isBlank()) {
            settings.put(key, value);
        }
    }
}
