package org.neutrino.server.services.subnetpools;

import static org.neutrino.lib.api.AttributeDef.UNSET;
import static org.neutrino.lib.api.AttributeDef.of;

import java.util.List;
import org.neutrino.lib.api.ActionDef;
import org.neutrino.lib.api.Converters;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.api.Validator;
import org.neutrino.lib.api.Validators;

/**
 * The extensions of the subnet pool plugin, after neutron-lib's {@code subnetpool},
 * {@code default_subnetpools}, {@code subnetpool_prefix_ops} and {@code address_scope}
 * definitions, with Neutron's legacy default policies.
 */
final class SubnetPoolExtensions {
    private SubnetPoolExtensions() {
    }

    private static final Validator NOT_EMPTY_STRING = value -> {
        String error = Validators.string(CoreResources.NAME_MAX).validate(value);
        return error != null ? error : ((String) value).isEmpty() ? "'' Blank strings are not permitted" : null;
    };

    static ResourceDef subnetpools() {
        return new ResourceDef("subnetpools", "subnetpool").extend(CoreResources.standardAttributes()).extend(
            of("name").postPut().validate(NOT_EMPTY_STRING).query().build(),
            of("prefixes").postPut().validate(Validators.SUBNET_LIST).build(),
            of("default_quota").postPut().defaultValue(UNSET).convert(Converters.INTEGER).validate(Validators.NON_NEGATIVE)
                .query().build(),
            of("ip_version").convert(Converters.INTEGER).query().build(),
            of("default_prefixlen").postPut().defaultValue(UNSET).convert(Converters.INTEGER).validate(Validators.NON_NEGATIVE)
                .query().build(),
            of("min_prefixlen").postPut().defaultValue(UNSET).convert(Converters.INTEGER).validate(Validators.NON_NEGATIVE)
                .query().build(),
            of("max_prefixlen").postPut().defaultValue(UNSET).convert(Converters.INTEGER).validate(Validators.NON_NEGATIVE)
                .query().build(),
            of("is_default").postPut().defaultValue(false).convert(Converters.BOOLEAN).policy().query().build(),
            of("shared").post().defaultValue(false).convert(Converters.BOOLEAN).policy().query().build());
    }

    static ResourceDef addressScopes() {
        return new ResourceDef("address_scopes", "address_scope").extend(CoreResources.standardAttributes()).extend(
            of("name").postPut().defaultValue("").validate(Validators.string(CoreResources.NAME_MAX)).query().build(),
            of("shared").postPut().defaultValue(false).convert(Converters.BOOLEAN).policy().query().build(),
            of("ip_version").post().convert(Converters.INTEGER).validate(Validators.values(4, 6)).query().build());
    }

    static List<ExtensionDescriptor> all() {
        return List.of(
            ExtensionDescriptor.builder("subnet_allocation")
                .describedAs("Subnet Allocation", "Enables allocation of subnets from a subnet pool",
                        "2015-03-30T10:00:00-00:00")
                .collection(subnetpools())
                .attributes("subnets", of("prefixlen").post().defaultValue(UNSET).convert(Converters.INTEGER)
                        .validate(Validators.NON_NEGATIVE).hidden().build())
                .writePolicy("create_subnetpool", "rule:regular_user")
                .writePolicy("create_subnetpool:shared", "rule:admin_only")
                .writePolicy("create_subnetpool:is_default", "rule:admin_only")
                .policy("get_subnetpool", "rule:admin_or_owner or rule:shared_subnetpools")
                .writePolicy("update_subnetpool", "rule:admin_or_owner")
                .writePolicy("update_subnetpool:is_default", "rule:admin_only")
                .writePolicy("delete_subnetpool", "rule:admin_or_owner")
                .quota("subnetpool", SubnetPoolOptions.QUOTA_SUBNETPOOL)
                .build(),
            ExtensionDescriptor.builder("default-subnetpools")
                .describedAs("Default Subnetpools", "Provides ability to mark and use a subnetpool as the default.",
                        "2016-02-18T18:00:00-00:00")
                .attributes("subnets", of("use_default_subnetpool").post().defaultValue(false).convert(Converters.BOOLEAN)
                        .hidden().build())
                .requires("subnet_allocation")
                .build(),
            ExtensionDescriptor.builder("subnetpool-prefix-ops")
                .describedAs("Subnet Pool Prefix Operations", "Provides support for adjusting the prefix list of subnet pools",
                        "2019-02-08T10:00:00-00:00")
                .action(ActionDef.put("subnetpools", "add_prefixes", prefixesBody()))
                .action(ActionDef.put("subnetpools", "remove_prefixes", prefixesBody()))
                .writePolicy("add_prefixes", "rule:admin_or_owner")
                .writePolicy("remove_prefixes", "rule:admin_or_owner")
                .requires("subnet_allocation")
                .build(),
            ExtensionDescriptor.builder("address-scope")
                .describedAs("Address scope", "Address scopes extension.", "2015-07-26T10:00:00-00:00")
                .collection(addressScopes())
                .attributes("subnetpools", of("address_scope_id").postPut().defaultValue(UNSET).validate(Validators.UUID_OR_NONE)
                        .query().build())
                .attributes("networks", of("ipv4_address_scope").build(), of("ipv6_address_scope").build())
                .writePolicy("create_address_scope", "rule:regular_user")
                .writePolicy("create_address_scope:shared", "rule:admin_only")
                .policy("get_address_scope", "rule:admin_or_owner or rule:shared_address_scopes")
                .writePolicy("update_address_scope", "rule:admin_or_owner")
                .writePolicy("update_address_scope:shared", "rule:admin_only")
                .writePolicy("delete_address_scope", "rule:admin_or_owner")
                .requires("subnet_allocation")
                .build());
    }

    /** {@code {"prefixes": [...]}}, the body of {@code add_prefixes} and {@code remove_prefixes}. */
    private static org.neutrino.lib.api.AttributeDef prefixesBody() {
        return of("prefixes").put().validate(Validators.SUBNET_LIST).build();
    }
}
