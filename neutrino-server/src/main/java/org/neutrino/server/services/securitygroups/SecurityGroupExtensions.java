package org.neutrino.server.services.securitygroups;

import static org.neutrino.lib.api.AttributeDef.UNSET;
import static org.neutrino.lib.api.AttributeDef.of;

import java.util.ArrayList;
import java.util.List;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.Converters;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.api.Validator;
import org.neutrino.lib.api.Validators;
import org.neutrino.lib.config.Config;
import org.neutrino.server.plugins.ml2.Ml2Options;

/**
 * The API of the security-group family, after neutron-lib's definitions: {@code security-group}
 * (groups, rules, {@code security_groups} of ports) with its companions, and the port attributes
 * Neutron's ML2 serves with it: {@code allowed-address-pairs}, {@code extra_dhcp_opt}, and
 * {@code port-security} when {@code [ml2] extension_drivers} names {@code port_security}.
 */
final class SecurityGroupExtensions {
    /** The {@code [ml2] extension_drivers} name that loads {@code port-security}. */
    static final String PORT_SECURITY_DRIVER = "port_security";

    private SecurityGroupExtensions() {
    }

    /** Whether {@code port-security} is loaded. */
    static boolean portSecurityLoaded(Config config) {
        return config.get(Ml2Options.EXTENSION_DRIVERS).contains(PORT_SECURITY_DRIVER);
    }

    private static final Validator UUID_LIST = value -> {
        if (!(value instanceof List<?> list)) {
            return "'" + value + "' is not a list";
        }
        for (Object item : list) {
            String error = Validators.UUID_VALUE.validate(item);
            if (error != null) {
                return error;
            }
        }
        return null;
    };

    private static final Validator LIST = value -> value instanceof List<?> ? null : "'" + value + "' is not a list";

    static ResourceDef securityGroups() {
        return new ResourceDef("security_groups", "security_group").extend(CoreResources.standardAttributes()).extend(
            of("name").postPut().defaultValue("").validate(Validators.string(CoreResources.NAME_MAX)).query().build(),
            of("security_group_rules").build());
    }

    static ResourceDef securityGroupRules() {
        List<AttributeDef> standard = new ArrayList<>(List.of(CoreResources.standardAttributes()));
        standard.removeIf(a -> a.name().equals("tags")); // rules have no tags in Neutron
        return new ResourceDef("security_group_rules", "security_group_rule").extend(standard.toArray(AttributeDef[]::new)).extend(
            of("security_group_id").post().validate(Validators.string(36)).query().build(),
            of("remote_group_id").post().defaultValue(null).validate(Validators.stringOrNone(36)).query().build(),
            of("direction").post().validate(Validators.values("ingress", "egress")).query().build(),
            of("protocol").post().defaultValue(null).convert((attribute, value) -> IpProtocols.canonical(value)).query().build(),
            of("port_range_min").post().defaultValue(null).convert((attribute, value) -> RuleValidation.port(value)).query().build(),
            of("port_range_max").post().defaultValue(null).convert((attribute, value) -> RuleValidation.port(value)).query().build(),
            of("ethertype").post().defaultValue("IPv4").convert((attribute, value) -> RuleValidation.canonicalEthertype(value))
                .query().build(),
            of("remote_ip_prefix").post().defaultValue(null).convert((attribute, value) -> RuleValidation.canonicalPrefix(value))
                .query().build());
    }

    static List<ExtensionDescriptor> all(Config config) {
        List<ExtensionDescriptor> out = new ArrayList<>();
        out.add(ExtensionDescriptor.builder("security-group")
            .describedAs("security-group", "The security groups extension.", "2012-10-05T10:00:00-00:00")
            .collection(securityGroups())
            .collection(securityGroupRules())
            .attributes("ports", of(PortSecurityGroups.ATTRIBUTE).postPut().defaultValue(UNSET).convert(Converters.NONE_TO_EMPTY_LIST)
                .validate(UUID_LIST).filter().build())
            .writePolicy("create_security_group", "rule:admin_or_owner")
            // Neutron's legacy rule is "" with the query limited to the caller's project; the rule says the same here.
            .policy("get_security_group", "rule:admin_or_owner")
            .writePolicy("update_security_group", "rule:admin_or_owner")
            .writePolicy("delete_security_group", "rule:admin_or_owner")
            .writePolicy("create_security_group_rule", "rule:admin_or_owner")
            .policy("get_security_group_rule", "rule:admin_owner_or_sg_owner")
            .writePolicy("delete_security_group_rule", "rule:admin_or_owner")
            .quota("security_group", SecurityGroupOptions.QUOTA_SECURITY_GROUP)
            .quota("security_group_rule", SecurityGroupOptions.QUOTA_SECURITY_GROUP_RULE)
            .requires("standard-attr-description")
            .build());
        out.add(ExtensionDescriptor.builder("stateful-security-group")
            .describedAs("Stateful security group", "Indicates if the security group is stateful or not",
                    "2019-11-26T09:00:00-00:00")
            .attributes("security_groups", of("stateful").postPut().defaultValue(true).convert(Converters.BOOLEAN).query().build())
            .requires("security-group")
            .build());
        out.add(ExtensionDescriptor.builder("security-groups-normalized-cidr")
            .describedAs("Security group rule normalized CIDR", "Add new field with normalized remote_ip_prefix cidr in SG rule",
                    "2020-11-30T18:00:00-00:00")
            .attributes("security_group_rules", of("normalized_cidr").build())
            .requires("security-group")
            .build());
        out.add(ExtensionDescriptor.builder("security-groups-remote-address-group")
            .describedAs("Remote address group id field for security group rules",
                    "Add new field of remote address group id in SG rules", "2020-08-25T10:00:00-00:00")
            .attributes("security_group_rules", of("remote_address_group_id").post().defaultValue(null)
                .validate(Validators.stringOrNone(36)).query().build())
            .requires("security-group")
            .requires("address-group")
            .build());
        out.add(ExtensionDescriptor.builder("port-security-groups-filtering")
            .describedAs("Port filtering on security groups", "Provides security groups filtering when listing ports",
                    "2018-01-09T09:00:00-00:00")
            .requires("security-group")
            .build());
        out.add(ExtensionDescriptor.builder("allowed-address-pairs")
            .describedAs("Allowed Address Pairs", "Provides allowed address pairs", "2013-07-23T10:00:00-00:00")
            .attributes("ports", of(AllowedAddressPairs.ATTRIBUTE).postPut().defaultValue(UNSET).convert(Converters.NONE_TO_EMPTY_LIST)
                .validate(LIST).policy().build())
            .build());
        out.add(ExtensionDescriptor.builder("extra_dhcp_opt")
            .describedAs("Neutron Extra DHCP options", "Extra options configuration for DHCP. For example PXE boot options to DHCP "
                    + "clients can be specified (e.g. tftp-server, server-ip-address, bootfile-name)", "2013-03-17T12:00:00-00:00")
            .attributes("ports", of(ExtraDhcpOpts.ATTRIBUTE).postPut().defaultValue(null).build())
            .build());
        if (portSecurityLoaded(config)) {
            out.add(ExtensionDescriptor.builder("port-security")
                .describedAs("Port Security", "Provides port security", "2012-07-23T10:00:00-00:00")
                .attributes("networks", of(PortSecurity.ATTRIBUTE).postPut().defaultValue(true).convert(Converters.BOOLEAN)
                    .policy().filter().build())
                .attributes("ports", of(PortSecurity.ATTRIBUTE).postPut().defaultValue(UNSET).convert(Converters.BOOLEAN)
                    .policy().filter().build())
                .build());
        }
        return out;
    }
}
