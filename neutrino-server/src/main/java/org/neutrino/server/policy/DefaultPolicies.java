package org.neutrino.server.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neutrino.lib.api.ExtensionDescriptor;

/**
 * The built-in policy: Neutron's legacy defaults (those in force with
 * {@code enforce_new_defaults = False}) for the resources Neutrino serves, plus one addition:
 * a caller whose only role is {@code reader} cannot write. Every create, update, delete, add
 * and remove rule is {@code rule:not_reader_only and (<Neutron's rule>)}. A caller without
 * any role (noauth) counts as a member. An operator's policy file overrides any of these.
 */
public final class DefaultPolicies {
    private static final Map<String, String> RULES = build();

    private DefaultPolicies() {
    }

    /** Rule name to expression, in a stable order (base rules first, then by resource). */
    public static Map<String, String> rules() {
        return RULES;
    }

    private static Map<String, String> build() {
        Table t = new Table();
        // Base rules referenced by the others.
        t.rule("context_is_admin", "role:admin");
        t.rule("owner", "tenant_id:%(tenant_id)s");
        t.rule("admin_or_owner", "rule:context_is_admin or rule:owner");
        t.rule("context_is_advsvc", "role:advsvc");
        t.rule("admin_or_network_owner", "rule:context_is_admin or tenant_id:%(network:tenant_id)s");
        t.rule("admin_owner_or_network_owner", "rule:owner or rule:admin_or_network_owner");
        t.rule("network_owner", "tenant_id:%(network:tenant_id)s");
        t.rule("admin_only", "rule:context_is_admin");
        t.rule("regular_user", "");
        t.rule("admin_or_data_plane_int", "rule:context_is_admin or role:data_plane_integrator");
        t.rule("shared", "field:networks:shared=True");
        t.rule("external", "field:networks:router:external=True");
        t.rule("network_device", "field:port:device_owner=~^network:");
        t.rule("admin_or_sg_owner", "rule:context_is_admin or tenant_id:%(security_group:tenant_id)s");
        t.rule("admin_owner_or_sg_owner", "rule:owner or rule:admin_or_sg_owner");
        t.rule("shared_subnetpools", "field:subnetpools:shared=True");
        t.rule("shared_address_scopes", "field:address_scopes:shared=True");
        t.rule("restrict_wildcard", "(not field:rbac_policy:target_tenant=* and "
                + "not field:rbac_policy:target_project=*) or rule:admin_only");
        t.rule("not_reader_only", "role:admin or role:member or not role:reader");
        t.rule("default", "rule:admin_or_owner");

        // Networks.
        t.write("create_network", "rule:regular_user");
        t.write("create_network:shared", "rule:admin_only");
        t.write("create_network:router:external", "rule:admin_only");
        t.write("create_network:is_default", "rule:admin_only");
        t.write("create_network:port_security_enabled", "rule:regular_user");
        t.write("create_network:segments", "rule:admin_only");
        t.write("create_network:provider:network_type", "rule:admin_only");
        t.write("create_network:provider:physical_network", "rule:admin_only");
        t.write("create_network:provider:segmentation_id", "rule:admin_only");
        t.rule("get_network", "rule:admin_or_owner or rule:shared or rule:external or rule:context_is_advsvc");
        t.rule("get_network:router:external", "rule:regular_user");
        t.rule("get_network:segments", "rule:admin_only");
        t.rule("get_network:provider:network_type", "rule:admin_only");
        t.rule("get_network:provider:physical_network", "rule:admin_only");
        t.rule("get_network:provider:segmentation_id", "rule:admin_only");
        t.write("update_network", "rule:admin_or_owner");
        t.write("update_network:segments", "rule:admin_only");
        t.write("update_network:shared", "rule:admin_only");
        t.write("update_network:provider:network_type", "rule:admin_only");
        t.write("update_network:provider:physical_network", "rule:admin_only");
        t.write("update_network:provider:segmentation_id", "rule:admin_only");
        t.write("update_network:router:external", "rule:admin_only");
        t.write("update_network:is_default", "rule:admin_only");
        t.write("update_network:port_security_enabled", "rule:admin_or_owner");
        t.write("delete_network", "rule:admin_or_owner");
        t.rule("get_network_ip_availability", "rule:admin_only");

        // Subnets.
        t.write("create_subnet", "rule:admin_or_network_owner");
        t.write("create_subnet:segment_id", "rule:admin_only");
        t.write("create_subnet:service_types", "rule:admin_only");
        t.rule("get_subnet", "rule:admin_or_owner or rule:shared");
        t.rule("get_subnet:segment_id", "rule:admin_only");
        t.write("update_subnet", "rule:admin_or_network_owner");
        t.write("update_subnet:segment_id", "rule:admin_only");
        t.write("update_subnet:service_types", "rule:admin_only");
        t.write("delete_subnet", "rule:admin_or_network_owner");

        // Ports.
        t.write("create_port", "rule:regular_user");
        t.write("create_port:device_owner",
                "not rule:network_device or rule:context_is_advsvc or rule:admin_or_network_owner");
        t.write("create_port:mac_address", "rule:context_is_advsvc or rule:admin_or_network_owner");
        t.write("create_port:fixed_ips", "rule:context_is_advsvc or rule:admin_or_network_owner or rule:shared");
        t.write("create_port:fixed_ips:ip_address", "rule:context_is_advsvc or rule:admin_or_network_owner");
        t.write("create_port:fixed_ips:subnet_id",
                "rule:context_is_advsvc or rule:admin_or_network_owner or rule:shared");
        t.write("create_port:port_security_enabled", "rule:context_is_advsvc or rule:admin_or_network_owner");
        t.write("create_port:binding:host_id", "rule:admin_only");
        t.write("create_port:binding:profile", "rule:admin_only");
        t.write("create_port:binding:vnic_type", "rule:admin_or_owner");
        t.write("create_port:allowed_address_pairs", "rule:admin_or_network_owner");
        t.write("create_port:allowed_address_pairs:mac_address", "rule:admin_or_network_owner");
        t.write("create_port:allowed_address_pairs:ip_address", "rule:admin_or_network_owner");
        t.rule("get_port", "rule:context_is_advsvc or rule:admin_owner_or_network_owner");
        t.rule("get_port:binding:vif_type", "rule:admin_only");
        t.rule("get_port:binding:vif_details", "rule:admin_only");
        t.rule("get_port:binding:host_id", "rule:admin_only");
        t.rule("get_port:binding:profile", "rule:admin_only");
        t.rule("get_port:resource_request", "rule:admin_only");
        t.write("update_port", "rule:admin_or_owner or rule:context_is_advsvc");
        t.write("update_port:device_owner",
                "not rule:network_device or rule:context_is_advsvc or rule:admin_or_network_owner");
        t.write("update_port:mac_address", "rule:admin_only or rule:context_is_advsvc");
        t.write("update_port:fixed_ips", "rule:context_is_advsvc or rule:admin_or_network_owner");
        t.write("update_port:fixed_ips:ip_address", "rule:context_is_advsvc or rule:admin_or_network_owner");
        t.write("update_port:fixed_ips:subnet_id",
                "rule:context_is_advsvc or rule:admin_or_network_owner or rule:shared");
        t.write("update_port:port_security_enabled", "rule:context_is_advsvc or rule:admin_or_network_owner");
        t.write("update_port:binding:host_id", "rule:admin_only");
        t.write("update_port:binding:profile", "rule:admin_only");
        t.write("update_port:binding:vnic_type", "rule:admin_or_owner or rule:context_is_advsvc");
        t.write("update_port:allowed_address_pairs", "rule:admin_or_network_owner");
        t.write("update_port:allowed_address_pairs:mac_address", "rule:admin_or_network_owner");
        t.write("update_port:allowed_address_pairs:ip_address", "rule:admin_or_network_owner");
        t.write("update_port:data_plane_status", "rule:admin_or_data_plane_int");
        t.write("delete_port", "rule:context_is_advsvc or rule:admin_owner_or_network_owner");

        // Quotas: the target is the quota's project.
        t.rule("get_quota", "rule:admin_or_owner");
        t.write("update_quota", "rule:admin_only");
        t.write("delete_quota", "rule:admin_only");

        // Agents and DHCP scheduling.
        t.rule("get_agent", "rule:admin_only");
        t.write("update_agent", "rule:admin_only");
        t.write("delete_agent", "rule:admin_only");
        t.write("create_dhcp-network", "rule:admin_only");
        t.rule("get_dhcp-networks", "rule:admin_only");
        t.write("delete_dhcp-network", "rule:admin_only");
        t.rule("get_dhcp-agents", "rule:admin_only");
        return Collections.unmodifiableMap(t.rules);
    }

    /** Collects rules in order; rejects a name given twice. */
    private static final class Table {
        private final Map<String, String> rules = new LinkedHashMap<>();

        void rule(String name, String expression) {
            if (rules.put(name, expression) != null) {
                throw new IllegalStateException("default policy " + name + " defined twice");
            }
        }

        /** A rule for a write: Neutron's expression, refused to reader-only callers. */
        void write(String name, String expression) {
            rule(name, ExtensionDescriptor.writeRule(expression));
        }
    }
}
