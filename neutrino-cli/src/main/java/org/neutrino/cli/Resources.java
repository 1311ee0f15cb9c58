package org.neutrino.cli;

import static org.neutrino.cli.AttributeOption.Verb.CREATE;
import static org.neutrino.cli.AttributeOption.Verb.LIST;
import static org.neutrino.cli.AttributeOption.Verb.UPDATE;
import static org.neutrino.cli.AttributeOption.bool;
import static org.neutrino.cli.AttributeOption.flag;
import static org.neutrino.cli.AttributeOption.repeated;
import static org.neutrino.cli.AttributeOption.value;
import static org.neutrino.cli.ValueParser.NODES;
import static org.neutrino.cli.ValueParser.integer;
import static org.neutrino.cli.ValueParser.keyValues;
import static org.neutrino.cli.ValueParser.reference;
import static org.neutrino.cli.ValueParser.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neutrino.cli.ResourceDeclaration.Operation;

/**
 * The resources of the classic {@code neutron} client's command set, one declaration each (see
 * {@link ResourceDeclaration}); {@link GeneratedCommands} makes the commands from them.
 */
public final class Resources {
    private Resources() {
    }

    /** Every declaration, in the order help lists them. */
    public static List<ResourceDeclaration> all() {
        return List.of(network(), subnet(), port(), router(), floatingIp(), securityGroup(), securityGroupRule(),
                subnetpool(), addressScope(), agent(), extension(), quota());
    }

    private static final ValueParser FIXED_IP = keyValues(ordered(
            "subnet_id", reference(ResourceType.SUBNET), "ip_address", string()), List.of());

    static ResourceDeclaration network() {
        return ResourceDeclaration.of("net", ResourceType.NETWORK, "id", "name", "tenant_id", "subnets")
                .createArguments(Argument.required("NAME", "name", string(), "Name of the network."))
                .options(
                        value("--name", "name", "NAME", "Name of the network.").on(UPDATE, LIST),
                        value("--description", "description", "TEXT", "Description."),
                        value("--tenant-id", "tenant_id", "PROJECT", "The owner project (admin only).")
                                .alias("--project-id").on(CREATE, LIST),
                        flag("--admin-state-down", "admin_state_up", NODES.booleanNode(false),
                                "Set admin_state_up to false.").on(CREATE),
                        bool("--admin-state-up", "admin_state_up", "Set admin_state_up.").on(UPDATE),
                        bool("--shared", "shared", "Share the network with every project."),
                        bool("--router:external", "router:external", "An external network (for gateways and "
                                + "floating IPs).").alias("--external"),
                        value("--provider:network_type", "provider:network_type", "TYPE",
                                "flat, vlan or vxlan (admin only).").on(CREATE),
                        value("--provider:physical_network", "provider:physical_network", "PHYSNET",
                                "The physical network of a flat or vlan network (admin only).").on(CREATE),
                        value("--provider:segmentation_id", "provider:segmentation_id", "ID",
                                "VLAN id or VNI (admin only).").parsedBy(integer()).on(CREATE),
                        value("--mtu", "mtu", "MTU", "The MTU.").parsedBy(integer()),
                        bool("--port-security-enabled", "port_security_enabled",
                                "Default port security of the network's ports."),
                        repeated("--availability-zone-hint", "availability_zone_hints", "ZONE",
                                "An availability zone for the network's DHCP (repeatable).").on(CREATE));
    }

    static ResourceDeclaration subnet() {
        ValueParser pool = keyValues(ordered("start", string(), "end", string()), List.of("start", "end"));
        ValueParser route = keyValues(ordered("destination", string(), "nexthop", string()),
                List.of("destination", "nexthop"));
        return ResourceDeclaration.of("subnet", ResourceType.SUBNET, "id", "name", "cidr", "allocation_pools")
                .createDefault("ip_version", NODES.numberNode(4))
                .createArguments(
                        Argument.required("NETWORK", "network_id", reference(ResourceType.NETWORK),
                                "The network (name or id)."),
                        Argument.optional("CIDR", "cidr", string(), "The CIDR (may be left out with --subnetpool)."))
                .options(
                        value("--name", "name", "NAME", "Name of the subnet.").on(CREATE, UPDATE, LIST),
                        value("--description", "description", "TEXT", "Description."),
                        value("--tenant-id", "tenant_id", "PROJECT", "The owner project (admin only).")
                                .alias("--project-id").on(CREATE, LIST),
                        value("--network", "network_id", "NETWORK", "Only the subnets of this network.")
                                .parsedBy(reference(ResourceType.NETWORK)).on(LIST),
                        value("--gateway", "gateway_ip", "GATEWAY_IP", "The gateway (default: the first address)."),
                        flag("--no-gateway", "gateway_ip", NODES.nullNode(), "No gateway."),
                        repeated("--allocation-pool", "allocation_pools", "start=IP,end=IP",
                                "An allocation pool (repeatable).").parsedBy(pool),
                        repeated("--dns-nameserver", "dns_nameservers", "IP", "A DNS server (repeatable)."),
                        flag("--no-dns-nameservers", "dns_nameservers", NODES.arrayNode(), "No DNS servers.").on(UPDATE),
                        repeated("--host-route", "host_routes", "destination=CIDR,nexthop=IP",
                                "A host route (repeatable).").parsedBy(route),
                        flag("--no-host-routes", "host_routes", NODES.arrayNode(), "No host routes.").on(UPDATE),
                        flag("--enable-dhcp", "enable_dhcp", NODES.booleanNode(true), "Enable DHCP (default)."),
                        flag("--disable-dhcp", "enable_dhcp", NODES.booleanNode(false), "Disable DHCP."),
                        value("--ip-version", "ip_version", "4|6", "IP version (default 4).")
                                .parsedBy(integer()).on(CREATE, LIST),
                        value("--ipv6-ra-mode", "ipv6_ra_mode", "MODE",
                                "dhcpv6-stateful, dhcpv6-stateless or slaac.").on(CREATE),
                        value("--ipv6-address-mode", "ipv6_address_mode", "MODE",
                                "dhcpv6-stateful, dhcpv6-stateless or slaac.").on(CREATE),
                        value("--subnetpool", "subnetpool_id", "SUBNETPOOL", "Allocate the CIDR from this pool.")
                                .parsedBy(reference(ResourceType.SUBNETPOOL)).on(CREATE),
                        value("--prefixlen", "prefixlen", "LENGTH", "Prefix length of a CIDR from a pool.")
                                .parsedBy(integer()).on(CREATE));
    }

    static ResourceDeclaration port() {
        ValueParser pair = keyValues(ordered("ip_address", string(), "mac_address", string()), List.of("ip_address"));
        return ResourceDeclaration.of("port", ResourceType.PORT, "id", "name", "mac_address", "fixed_ips")
                .createArguments(Argument.required("NETWORK", "network_id", reference(ResourceType.NETWORK),
                        "The network (name or id)."))
                .options(
                        value("--name", "name", "NAME", "Name of the port.").on(CREATE, UPDATE, LIST),
                        value("--description", "description", "TEXT", "Description."),
                        value("--tenant-id", "tenant_id", "PROJECT", "The owner project (admin only).")
                                .alias("--project-id").on(CREATE, LIST),
                        value("--network", "network_id", "NETWORK", "Only the ports of this network.")
                                .parsedBy(reference(ResourceType.NETWORK)).on(LIST),
                        flag("--admin-state-down", "admin_state_up", NODES.booleanNode(false),
                                "Set admin_state_up to false.").on(CREATE),
                        bool("--admin-state-up", "admin_state_up", "Set admin_state_up.").on(UPDATE),
                        repeated("--fixed-ip", "fixed_ips", "subnet_id=SUBNET,ip_address=IP",
                                "A fixed IP: the subnet (name or id) and/or the address (repeatable).").parsedBy(FIXED_IP),
                        flag("--no-fixed-ips", "fixed_ips", NODES.arrayNode(), "No fixed IPs."),
                        value("--mac-address", "mac_address", "MAC", "The MAC address.").on(CREATE, UPDATE, LIST),
                        value("--device-id", "device_id", "ID", "The device using the port.").on(CREATE, UPDATE, LIST),
                        value("--device-owner", "device_owner", "OWNER", "The owner of the device (compute:nova, ...).")
                                .on(CREATE, UPDATE, LIST),
                        repeated("--security-group", "security_groups", "SECURITY_GROUP",
                                "A security group (name or id; repeatable).")
                                .parsedBy(reference(ResourceType.SECURITY_GROUP)),
                        flag("--no-security-groups", "security_groups", NODES.arrayNode(), "No security groups."),
                        repeated("--allowed-address-pair", "allowed_address_pairs", "ip_address=IP[,mac_address=MAC]",
                                "An allowed address pair (repeatable).").parsedBy(pair),
                        flag("--no-allowed-address-pairs", "allowed_address_pairs", NODES.arrayNode(),
                                "No allowed address pairs.").on(UPDATE),
                        bool("--port-security-enabled", "port_security_enabled", "Port security (anti-spoofing, "
                                + "security groups)."),
                        value("--binding:host_id", "binding:host_id", "HOST", "The host to bind to (admin only).")
                                .alias("--binding-host-id").on(CREATE, UPDATE, LIST),
                        value("--vnic-type", "binding:vnic_type", "TYPE", "normal, direct, macvtap, ...")
                                .alias("--binding:vnic_type"));
    }

    static ResourceDeclaration router() {
        ResourceType router = ResourceType.ROUTER;
        return ResourceDeclaration.of("router", router, "id", "name", "external_gateway_info")
                .createArguments(Argument.required("NAME", "name", string(), "Name of the router."))
                .options(
                        value("--name", "name", "NAME", "Name of the router.").on(UPDATE, LIST),
                        value("--description", "description", "TEXT", "Description."),
                        value("--tenant-id", "tenant_id", "PROJECT", "The owner project (admin only).")
                                .alias("--project-id").on(CREATE, LIST),
                        flag("--admin-state-down", "admin_state_up", NODES.booleanNode(false),
                                "Set admin_state_up to false.").on(CREATE),
                        bool("--admin-state-up", "admin_state_up", "Set admin_state_up.").on(UPDATE),
                        bool("--distributed", "distributed", "A distributed router (admin only)."),
                        bool("--ha", "ha", "A highly available router (admin only)."),
                        repeated("--route", "routes", "destination=CIDR,nexthop=IP", "An extra route (repeatable).")
                                .parsedBy(keyValues(ordered("destination", string(), "nexthop", string()),
                                        List.of("destination", "nexthop"))).on(UPDATE),
                        flag("--no-routes", "routes", NODES.arrayNode(), "No extra routes.").on(UPDATE))
                .actions(
                        new Action("router-gateway-set", "Set the external gateway of a router.",
                                List.of("ROUTER", "EXTERNAL_NETWORK"), List.of(
                                        flag("--disable-snat", "enable_snat", NODES.booleanNode(false),
                                                "No source NAT on the gateway."),
                                        repeated("--fixed-ip", "external_fixed_ips", "subnet_id=SUBNET,ip_address=IP",
                                                "A fixed IP of the gateway (repeatable).").parsedBy(FIXED_IP)),
                                in -> {
                                    String id = in.names().id(router, in.argument(0));
                                    ObjectNode gateway = in.api().object();
                                    gateway.put("network_id", in.names().id(ResourceType.NETWORK, in.argument(1)));
                                    gateway.setAll(in.options());
                                    put(in, router, id, "external_gateway_info", gateway);
                                    in.output().message("Set gateway for router " + in.argument(0));
                                }),
                        new Action("router-gateway-clear", "Remove the external gateway of a router.",
                                List.of("ROUTER"), List.of(), in -> {
                                    put(in, router, in.names().id(router, in.argument(0)), "external_gateway_info",
                                            in.api().object());
                                    in.output().message("Removed gateway from router " + in.argument(0));
                                }),
                        new Action("router-interface-add", "Add an interface to a router: a subnet "
                                + "([subnet=]SUBNET) or a port (port=PORT).", List.of("ROUTER", "INTERFACE"), List.of(),
                                in -> routerInterface(in, "add_router_interface", "Added interface %s to router %s.")),
                        new Action("router-interface-delete", "Remove an interface from a router: a subnet "
                                + "([subnet=]SUBNET) or a port (port=PORT).", List.of("ROUTER", "INTERFACE"), List.of(),
                                in -> routerInterface(in, "remove_router_interface",
                                        "Removed interface from router %2$s.")),
                        new Action("router-port-list", "List the ports of a router.", List.of("ROUTER"), List.of(),
                                in -> in.output().list(in.api().get("/ports?device_id="
                                        + NeutrinoCli.segment(in.names().id(router, in.argument(0)))).path("ports"),
                                        port().listColumns())));
    }

    static ResourceDeclaration floatingIp() {
        ResourceType fip = ResourceType.FLOATING_IP;
        return ResourceDeclaration.of("floatingip", fip, "id", "fixed_ip_address", "floating_ip_address", "port_id")
                .createArguments(Argument.required("FLOATING_NETWORK", "floating_network_id",
                        reference(ResourceType.NETWORK), "The external network (name or id)."))
                .options(
                        value("--port-id", "port_id", "PORT", "Associate with this port (name or id).")
                                .parsedBy(reference(ResourceType.PORT)).on(CREATE, LIST),
                        value("--fixed-ip-address", "fixed_ip_address", "IP", "The port's fixed IP to map to.")
                                .on(CREATE, LIST),
                        value("--floating-ip-address", "floating_ip_address", "IP", "The floating IP address.")
                                .on(CREATE, LIST),
                        value("--subnet", "subnet_id", "SUBNET", "Allocate from this subnet of the external network.")
                                .parsedBy(reference(ResourceType.SUBNET)).on(CREATE),
                        value("--description", "description", "TEXT", "Description.").on(CREATE),
                        value("--tenant-id", "tenant_id", "PROJECT", "The owner project (admin only).")
                                .alias("--project-id").on(CREATE, LIST))
                .only(Operation.CREATE, Operation.LIST, Operation.SHOW, Operation.DELETE)
                .actions(
                        new Action("floatingip-associate", "Associate a floating IP with a port.",
                                List.of("FLOATINGIP_ID", "PORT"), List.of(value("--fixed-ip-address",
                                        "fixed_ip_address", "IP", "The port's fixed IP to map to.")),
                                in -> {
                                    ObjectNode body = in.api().object();
                                    body.put("port_id", in.names().id(ResourceType.PORT, in.argument(1)));
                                    body.setAll(in.options());
                                    putAll(in, fip, in.argument(0), body);
                                    in.output().message("Associated floating IP " + in.argument(0));
                                }),
                        new Action("floatingip-disassociate", "Remove the port of a floating IP.",
                                List.of("FLOATINGIP_ID"), List.of(), in -> {
                                    ObjectNode body = in.api().object();
                                    body.putNull("port_id");
                                    putAll(in, fip, in.argument(0), body);
                                    in.output().message("Disassociated floating IP " + in.argument(0));
                                }));
    }

    static ResourceDeclaration securityGroup() {
        return ResourceDeclaration.of("security-group", ResourceType.SECURITY_GROUP, "id", "name", "description",
                        "security_group_rules")
                .createArguments(Argument.required("NAME", "name", string(), "Name of the security group."))
                .options(
                        value("--name", "name", "NAME", "Name of the security group.").on(UPDATE, LIST),
                        value("--description", "description", "TEXT", "Description."),
                        value("--tenant-id", "tenant_id", "PROJECT", "The owner project (admin only).")
                                .alias("--project-id").on(CREATE, LIST));
    }

    static ResourceDeclaration securityGroupRule() {
        ResourceType group = ResourceType.SECURITY_GROUP;
        return ResourceDeclaration.of("security-group-rule", ResourceType.SECURITY_GROUP_RULE, "id",
                        "security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max",
                        "remote_ip_prefix", "remote_group_id")
                .only(Operation.CREATE, Operation.LIST, Operation.SHOW, Operation.DELETE)
                .createDefault("direction", NODES.textNode("ingress"))
                .createArguments(Argument.required("SECURITY_GROUP", "security_group_id", reference(group),
                        "The security group (name or id)."))
                .options(
                        value("--security-group", "security_group_id", "SECURITY_GROUP",
                                "Only the rules of this group.").parsedBy(reference(group)).on(LIST),
                        value("--direction", "direction", "ingress|egress", "Direction (default ingress).")
                                .on(CREATE, LIST),
                        value("--ethertype", "ethertype", "IPv4|IPv6", "Ethertype (default IPv4).").on(CREATE, LIST),
                        value("--protocol", "protocol", "PROTOCOL", "tcp, udp, icmp, ... or a number.").on(CREATE, LIST),
                        value("--port-range-min", "port_range_min", "PORT", "Lowest port (ICMP: type).")
                                .parsedBy(integer()).on(CREATE),
                        value("--port-range-max", "port_range_max", "PORT", "Highest port (ICMP: code).")
                                .parsedBy(integer()).on(CREATE),
                        value("--remote-ip-prefix", "remote_ip_prefix", "CIDR", "Remote addresses.").on(CREATE),
                        value("--remote-group-id", "remote_group_id", "SECURITY_GROUP",
                                "Remote security group (name or id).").parsedBy(reference(group)).on(CREATE),
                        value("--description", "description", "TEXT", "Description.").on(CREATE),
                        value("--tenant-id", "tenant_id", "PROJECT", "The owner project (admin only).")
                                .alias("--project-id").on(CREATE, LIST));
    }

    static ResourceDeclaration subnetpool() {
        return ResourceDeclaration.of("subnetpool", ResourceType.SUBNETPOOL, "id", "name", "prefixes",
                        "default_prefixlen", "address_scope_id")
                .createArguments(Argument.required("NAME", "name", string(), "Name of the subnet pool."))
                .options(
                        value("--name", "name", "NAME", "Name of the subnet pool.").on(UPDATE, LIST),
                        value("--description", "description", "TEXT", "Description."),
                        value("--tenant-id", "tenant_id", "PROJECT", "The owner project (admin only).")
                                .alias("--project-id").on(CREATE, LIST),
                        repeated("--pool-prefix", "prefixes", "CIDR", "A prefix of the pool (repeatable)."),
                        value("--default-prefixlen", "default_prefixlen", "LENGTH", "Default prefix length.")
                                .parsedBy(integer()),
                        value("--min-prefixlen", "min_prefixlen", "LENGTH", "Smallest prefix length.").parsedBy(integer()),
                        value("--max-prefixlen", "max_prefixlen", "LENGTH", "Largest prefix length.").parsedBy(integer()),
                        value("--default-quota", "default_quota", "COUNT", "Addresses per project.").parsedBy(integer()),
                        bool("--shared", "shared", "Share the pool with every project.").on(CREATE, LIST),
                        bool("--is-default", "is_default", "The default pool of its IP version."),
                        value("--address-scope", "address_scope_id", "ADDRESS_SCOPE", "The address scope (name or id).")
                                .parsedBy(reference(ResourceType.ADDRESS_SCOPE)),
                        flag("--no-address-scope", "address_scope_id", NODES.nullNode(), "No address scope.").on(UPDATE));
    }

    static ResourceDeclaration addressScope() {
        return ResourceDeclaration.of("address-scope", ResourceType.ADDRESS_SCOPE, "id", "name", "ip_version", "shared")
                .createArguments(
                        Argument.required("NAME", "name", string(), "Name of the address scope."),
                        Argument.required("IP_VERSION", "ip_version", integer(), "4 or 6."))
                .options(
                        value("--name", "name", "NAME", "Name of the address scope.").on(UPDATE, LIST),
                        value("--tenant-id", "tenant_id", "PROJECT", "The owner project (admin only).")
                                .alias("--project-id").on(CREATE, LIST),
                        bool("--shared", "shared", "Share the scope with every project."));
    }

    static ResourceDeclaration agent() {
        return ResourceDeclaration.of("agent", ResourceType.AGENT, "id", "agent_type", "host", "availability_zone",
                        "alive", "admin_state_up", "binary")
                .only(Operation.LIST, Operation.SHOW, Operation.UPDATE, Operation.DELETE)
                .options(
                        flag("--admin-state-down", "admin_state_up", NODES.booleanNode(false),
                                "Set admin_state_up to false.").on(UPDATE),
                        bool("--admin-state-up", "admin_state_up", "Set admin_state_up.").on(UPDATE),
                        value("--description", "description", "TEXT", "Description.").on(UPDATE),
                        value("--agent-type", "agent_type", "TYPE", "Only agents of this type.").on(LIST),
                        value("--host", "host", "HOST", "Only the agents of this host.").on(LIST));
    }

    static ResourceDeclaration extension() {
        return ResourceDeclaration.of("ext", ResourceType.EXTENSION, "alias", "name")
                .only(Operation.LIST, Operation.SHOW);
    }

    static ResourceDeclaration quota() {
        List<AttributeOption> limits = List.of(
                value("--network", "network", "LIMIT", "Networks.").parsedBy(integer()),
                value("--subnet", "subnet", "LIMIT", "Subnets.").parsedBy(integer()),
                value("--port", "port", "LIMIT", "Ports.").parsedBy(integer()),
                value("--router", "router", "LIMIT", "Routers.").parsedBy(integer()),
                value("--floatingip", "floatingip", "LIMIT", "Floating IPs.").parsedBy(integer()),
                value("--security-group", "security_group", "LIMIT", "Security groups.").parsedBy(integer()),
                value("--security-group-rule", "security_group_rule", "LIMIT", "Security group rules.")
                        .parsedBy(integer()),
                value("--subnetpool", "subnetpool", "LIMIT", "Subnet pools.").parsedBy(integer()));
        AttributeOption tenant = value("--tenant-id", "tenant_id", "PROJECT", "The project (default: your own).")
                .alias("--project-id");
        List<AttributeOption> updateOptions = new java.util.ArrayList<>(limits);
        updateOptions.addFirst(tenant);
        return ResourceDeclaration.of("quota", new ResourceType("quota", "quotas", "/quotas", false),
                        "tenant_id", "network", "subnet", "port", "router", "floatingip", "security_group",
                        "security_group_rule")
                .actionsOnly()
                .actions(
                        new Action("quota-list", "List the projects that have quotas of their own.", List.of(),
                                List.of(), in -> in.output().list(in.api().get("/quotas").path("quotas"),
                                        List.of("tenant_id", "network", "subnet", "port", "router", "floatingip",
                                                "security_group", "security_group_rule"))),
                        new Action("quota-show", "Show the quotas of a project.", List.of(), List.of(tenant),
                                in -> in.output().show(in.api().get(quotaPath(in)).path("quota"), null)),
                        new Action("quota-default-show", "Show the default quotas.", List.of(), List.of(tenant),
                                in -> in.output().show(in.api().get(quotaPath(in) + "/default").path("quota"), null)),
                        new Action("quota-update", "Set quotas of a project (-1: unlimited).", List.of(), updateOptions,
                                in -> {
                                    ObjectNode limitsGiven = in.options().deepCopy();
                                    limitsGiven.remove("tenant_id");
                                    if (limitsGiven.isEmpty()) {
                                        throw new BadValueException("Must specify a new quota value to update");
                                    }
                                    ObjectNode body = in.api().object();
                                    body.set("quota", limitsGiven);
                                    in.output().show(in.api().put(quotaPath(in), body).path("quota"), null);
                                }),
                        new Action("quota-delete", "Reset the quotas of a project to the defaults.", List.of(),
                                List.of(tenant), in -> {
                                    in.api().delete(quotaPath(in));
                                    in.output().message("Deleted quota: " + in.options().path("tenant_id").asText("tenant"));
                                }));
    }

    private static String quotaPath(Action.Invocation in) {
        JsonNode tenant = in.options().get("tenant_id");
        return "/quotas/" + (tenant == null ? "tenant" : NeutrinoCli.segment(tenant.asText()));
    }

    private static void routerInterface(Action.Invocation in, String verb, String done) {
        String router = in.names().id(ResourceType.ROUTER, in.argument(0));
        String given = in.argument(1);
        ObjectNode body = in.api().object();
        if (given.startsWith("port=")) {
            body.put("port_id", in.names().id(ResourceType.PORT, given.substring("port=".length())));
        } else {
            String subnet = given.startsWith("subnet=") ? given.substring("subnet=".length()) : given;
            body.put("subnet_id", in.names().id(ResourceType.SUBNET, subnet));
        }
        JsonNode answer = in.api().put("/routers/" + NeutrinoCli.segment(router) + "/" + verb, body);
        in.output().message(done.formatted(answer.path("port_id").asText(given), in.argument(0)));
    }

    private static void put(Action.Invocation in, ResourceType type, String id, String attribute, JsonNode value) {
        ObjectNode body = in.api().object();
        body.set(attribute, value);
        putAll(in, type, id, body);
    }

    private static void putAll(Action.Invocation in, ResourceType type, String id, ObjectNode attributes) {
        ObjectNode body = in.api().object();
        body.set(type.singular(), attributes);
        in.api().put(type.path() + "/" + NeutrinoCli.segment(id), body);
    }

    private static Map<String, ValueParser> ordered(String key1, ValueParser parser1, String key2, ValueParser parser2) {
        Map<String, ValueParser> keys = new LinkedHashMap<>();
        keys.put(key1, parser1);
        keys.put(key2, parser2);
        return keys;
    }
}
