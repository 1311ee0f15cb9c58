package org.neutrino.server.services.addressgroups;

import static org.neutrino.lib.api.AttributeDef.UNSET;
import static org.neutrino.lib.api.AttributeDef.of;

import java.util.ArrayList;
import java.util.List;
import org.neutrino.lib.api.ActionDef;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.Converters;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.api.Validators;

/**
 * {@code address-group}, after neutron-lib's definition and Neutron's policies. Sharing an
 * address group needs {@code rbac-address-group}, which this server does not serve: the hidden
 * {@code shared} attribute is left out and a group is its project's alone.
 */
final class AddressGroupExtensions {
    /** neutron-lib's {@code LONG_DESCRIPTION_FIELD_SIZE}. */
    private static final int DESCRIPTION_MAX = 1024;

    private AddressGroupExtensions() {
    }

    static ResourceDef addressGroups() {
        List<AttributeDef> standard = new ArrayList<>(List.of(CoreResources.standardAttributes()));
        standard.removeIf(a -> a.name().equals("tags")); // address groups have no tags in Neutron
        return new ResourceDef("address_groups", "address_group").extend(standard.toArray(AttributeDef[]::new)).extend(
            of("name").postPut().defaultValue("").validate(Validators.string(CoreResources.NAME_MAX)).query().build(),
            of("description").postPut().defaultValue("").validate(Validators.string(DESCRIPTION_MAX)).query().build(),
            of("addresses").post().defaultValue(UNSET).convert(Converters.NONE_TO_EMPTY_LIST).validate(Validators.SUBNET_LIST).build());
    }

    /** {@code {"addresses": [...]}}, the body of {@code add_addresses} and {@code remove_addresses}. */
    private static AttributeDef addressesBody() {
        return of("addresses").put().validate(Validators.SUBNET_LIST).build();
    }

    static ExtensionDescriptor addressGroup() {
        return ExtensionDescriptor.builder("address-group")
            .describedAs("Address group", "Support address group", "2020-07-15T10:00:00-00:00")
            .collection(addressGroups())
            .action(ActionDef.put("address_groups", "add_addresses", addressesBody()))
            .action(ActionDef.put("address_groups", "remove_addresses", addressesBody()))
            // Neutron's legacy rules: get_address_group is admin_or_owner (or shared), the rest its default rule.
            .writePolicy("create_address_group", "rule:admin_or_owner")
            .policy("get_address_group", "rule:admin_or_owner")
            .writePolicy("update_address_group", "rule:admin_or_owner")
            .writePolicy("delete_address_group", "rule:admin_or_owner")
            .writePolicy("add_addresses", "rule:admin_or_owner")
            .writePolicy("remove_addresses", "rule:admin_or_owner")
            .requires("security-group")
            .build();
    }
}
