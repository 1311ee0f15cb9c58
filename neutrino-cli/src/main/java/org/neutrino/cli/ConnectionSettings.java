package org.neutrino.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The connection settings by the {@code openstack} CLI's keys ({@code auth_url}, {@code username},
 * ...): the options' names and variables of each key, and how options, {@code clouds.yaml} and
 * variables combine.
 */
final class ConnectionSettings {
    /** Each setting's key and its environment variables, first match wins. */
    private static final Map<String, String[]> VARIABLES = Map.ofEntries(
            Map.entry("cloud", new String[] {"OS_CLOUD"}),
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

    /** The option names of each key, as {@link ConnectionOptions} declares them. */
    static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("--os-cloud", "cloud"), Map.entry("--os-auth-type", "auth_type"),
            Map.entry("--os-auth-url", "auth_url"), Map.entry("--os-username", "username"),
            Map.entry("--os-user-id", "user_id"), Map.entry("--os-password", "password"),
            Map.entry("--os-project-name", "project_name"), Map.entry("--os-tenant-name", "project_name"),
            Map.entry("--os-project-id", "project_id"), Map.entry("--os-tenant-id", "project_id"),
            Map.entry("--os-user-domain-name", "user_domain_name"), Map.entry("--os-user-domain-id", "user_domain_id"),
            Map.entry("--os-project-domain-name", "project_domain_name"),
            Map.entry("--os-project-domain-id", "project_domain_id"), Map.entry("--os-region-name", "region_name"),
            Map.entry("--os-interface", "interface"), Map.entry("--os-token", "token"),
            Map.entry("--os-endpoint", "endpoint"), Map.entry("--os-url", "endpoint"));

    private ConnectionSettings() {
    }

    /**
     * The settings: an option when {@code given}, else the {@code clouds.yaml} entry of the cloud
     * when one is named, else the {@code OS_*} variable.
     */
    static Map<String, String> resolve(Map<String, String> given, Function<String, String> variables) {
        Map<String, String> settings = new LinkedHashMap<>();
        VARIABLES.forEach((key, names) -> {
            for (String name : names) {
                String value = variables.apply(name);
                if (value != null && !value.isBlank()) {
                    settings.putIfAbsent(key, value);
                }
            }
        });
        String cloud = given.getOrDefault("cloud", settings.get("cloud"));
        if (cloud != null && !cloud.isBlank()) {
            Map<String, String> fromCloud = CloudsYaml.cloud(cloud, variables);
            settings.putAll(fromCloud);
            if (fromCloud.containsKey("network_endpoint_override")) {
                settings.put("endpoint", fromCloud.get("network_endpoint_override"));
            }
        }
        given.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
