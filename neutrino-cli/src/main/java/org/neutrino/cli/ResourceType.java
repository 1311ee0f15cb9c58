package org.neutrino.cli;

/**
 * A kind of resource of the API as the commands see it: its singular JSON key ({@code network}),
 * the JSON key of its collection ({@code security_groups}) and the collection's path below
 * {@code /v2.0} ({@code /security-groups}), and whether it has a {@code name} to be found by.
 */
public record ResourceType(String singular, String collection, String path, boolean named) {
    public static final ResourceType NETWORK = of("network", "networks", true);
    public static final ResourceType SUBNET = of("subnet", "subnets", true);
    public static final ResourceType PORT = of("port", "ports", true);
    public static final ResourceType ROUTER = of("router", "routers", true);
    public static final ResourceType FLOATING_IP = of("floatingip", "floatingips", false);
    public static final ResourceType SECURITY_GROUP = of("security_group", "security_groups", true);
    public static final ResourceType SECURITY_GROUP_RULE = of("security_group_rule", "security_group_rules", false);
    public static final ResourceType SUBNETPOOL = of("subnetpool", "subnetpools", true);
    public static final ResourceType ADDRESS_SCOPE = of("address_scope", "address_scopes", true);
    public static final ResourceType AGENT = of("agent", "agents", false);
    public static final ResourceType EXTENSION = new ResourceType("extension", "extensions", "/extensions", false);

    /** A type whose path is its collection key with dashes ({@code /security-groups}), as Neutron's are. */
    private static ResourceType of(String singular, String collection, boolean named) {
        return new ResourceType(singular, collection, "/" + collection.replace('_', '-'), named);
    }

    /** How people call it in messages: {@code security group}. */
    public String label() {
        return singular.replace('_', ' ');
    }
}
