package org.neutrino.lib.api;

import static org.neutrino.lib.api.AttributeDef.UNSET;
import static org.neutrino.lib.api.AttributeDef.of;

import java.util.List;
import java.util.Map;

/**
 * The attribute tables of the core resources (networks, subnets, ports) together with the
 * attributes every resource carries: {@code project-id}, {@code standard-attr-description},
 * {@code standard-attr-timestamp}, {@code standard-attr-revisions}, {@code standard-attr-tag}.
 * Field sizes are Neutron's.
 */
public final class CoreResources {
    public static final int NAME_MAX = 255;
    public static final int DESCRIPTION_MAX = 255;
    public static final int PROJECT_ID_MAX = 255;
    public static final int DEVICE_ID_MAX = 255;
    public static final int DEVICE_OWNER_MAX = 255;
    /** The longest tag, Neutron's {@code MAX_TAG_LEN}. */
    public static final int MAX_TAG_LENGTH = 255;
    /** The most tags one resource may have (Neutron sets no bound; 50 is Nova's). */
    public static final int MAX_TAGS = 50;
    /** The longest {@code binding:profile}, as JSON text (the width of its column). */
    public static final int BINDING_PROFILE_MAX = 4000;

    private CoreResources() {
    }

    /** The attributes shared by every project-owned resource with standard attributes. */
    public static AttributeDef[] standardAttributes() {
        return new AttributeDef[] {
            of("id").validate(Validators.UUID_VALUE).query().build(),
            of("tenant_id").post().defaultValue(UNSET).validate(Validators.string(PROJECT_ID_MAX)).query().build(),
            of("project_id").post().defaultValue(UNSET).validate(Validators.string(PROJECT_ID_MAX)).query().build(),
            of("description").postPut().defaultValue("").validate(Validators.string(DESCRIPTION_MAX)).query().build(),
            of("created_at").sort().build(),
            of("updated_at").sort().build(),
            of("revision_number").query().convert(Converters.INTEGER).build(),
            of("tags").post().defaultValue(List.of()).validate(Validators.tags(MAX_TAGS, MAX_TAG_LENGTH)).build(),
        };
    }

    public static ResourceDef networks() {
        return new ResourceDef("networks", "network").extend(standardAttributes()).extend(
            of("name").postPut().defaultValue("").validate(Validators.string(NAME_MAX)).query().build(),
            of("subnets").defaultValue(List.of()).build(),
            of("admin_state_up").postPut().defaultValue(true).convert(Converters.BOOLEAN).query().build(),
            of("status").query().build(),
            of("shared").postPut().defaultValue(false).convert(Converters.BOOLEAN).policy().query().build(),
            of("mtu").postPut().defaultValue(UNSET).convert(Converters.INTEGER).validate(Validators.range(68, 65535)).query().build());
    }

    /**
     * Subnets. Their {@code shared} is their network's, read-only and not shown (as in
     * neutron-lib): it exists to filter by.
     *
     * @param maxNameservers {@code [DEFAULT] max_dns_nameservers}
     * @param maxHostRoutes  {@code [DEFAULT] max_subnet_host_routes}
     */
    public static ResourceDef subnets(int maxNameservers, int maxHostRoutes) {
        return new ResourceDef("subnets", "subnet").extend(standardAttributes()).extend(
            of("name").postPut().defaultValue("").validate(Validators.string(NAME_MAX)).query().build(),
            of("network_id").post().validate(Validators.UUID_VALUE).query().build(),
            of("ip_version").post().convert(Converters.INTEGER).validate(Validators.values(4, 6)).query().build(),
            of("cidr").post().defaultValue(UNSET).validate(Validators.SUBNET_OR_NONE).query().build(),
            of("subnetpool_id").post().defaultValue(null).validate(Validators.UUID_OR_NONE).query().build(),
            of("gateway_ip").postPut().defaultValue(UNSET).validate(Validators.IP_ADDRESS_OR_NONE).query().build(),
            of("allocation_pools").postPut().defaultValue(UNSET).validate(Validators.IP_POOLS).build(),
            of("dns_nameservers").postPut().defaultValue(List.of()).convert(Converters.NONE_TO_EMPTY_LIST)
                .validate(Validators.nameservers(maxNameservers)).build(),
            of("host_routes").postPut().defaultValue(List.of()).convert(Converters.NONE_TO_EMPTY_LIST)
                .validate(Validators.hostRoutes(maxHostRoutes)).build(),
            of("enable_dhcp").postPut().defaultValue(true).convert(Converters.BOOLEAN).query().build(),
            of("ipv6_ra_mode").post().defaultValue(null)
                .validate(Validators.valuesOrNone("dhcpv6-stateful", "dhcpv6-stateless", "slaac")).query().build(),
            of("ipv6_address_mode").post().defaultValue(null)
                .validate(Validators.valuesOrNone("dhcpv6-stateful", "dhcpv6-stateless", "slaac")).query().build(),
            of("shared").defaultValue(false).convert(Converters.BOOLEAN).hidden().policy().filter().build());
    }

    public static ResourceDef ports() {
        return new ResourceDef("ports", "port").extend(standardAttributes()).extend(
            of("name").postPut().defaultValue("").validate(Validators.string(NAME_MAX)).query().build(),
            of("network_id").post().validate(Validators.UUID_VALUE).query().build(),
            of("admin_state_up").postPut().defaultValue(true).convert(Converters.BOOLEAN).query().build(),
            of("mac_address").postPut().defaultValue(UNSET).convert(Converters.MAC)
                .validate(Validators.MAC_ADDRESS).policy().query().build(),
            of("fixed_ips").postPut().defaultValue(UNSET).validate(Validators.FIXED_IPS).policy().filter().build(),
            of("device_id").postPut().defaultValue("").validate(Validators.string(DEVICE_ID_MAX)).query().build(),
            of("device_owner").postPut().defaultValue("").validate(Validators.string(DEVICE_OWNER_MAX)).policy().query().build(),
            of("status").query().build());
    }

    /** The {@code provider} extension's network attributes (admin only by policy). */
    public static AttributeDef[] provider() {
        return new AttributeDef[] {
            of("provider:network_type").post().defaultValue(UNSET).validate(Validators.string(32)).policy().filter().build(),
            of("provider:physical_network").post().defaultValue(UNSET).validate(Validators.stringOrNone(64)).policy().filter().build(),
            of("provider:segmentation_id").post().defaultValue(UNSET).convert(Converters.INTEGER_OR_NONE).policy().filter().build(),
        };
    }

    /** The {@code multi-provider} extension: several segments per network. */
    public static AttributeDef multiProviderSegments() {
        return of("segments").post().defaultValue(UNSET).validate(Validators.SEGMENTS).policy().build();
    }

    /** The {@code binding} extension's port attributes. */
    public static AttributeDef[] portBinding() {
        return new AttributeDef[] {
            of("binding:host_id").postPut().defaultValue("").validate(Validators.string(255)).policy().filter().build(),
            of("binding:vif_type").policy().build(),
            of("binding:vif_details").policy().build(),
            of("binding:vnic_type").postPut().defaultValue("normal").policy()
                .validate(Validators.values("normal", "direct", "macvtap", "baremetal", "direct-physical",
                        "virtio-forwarder", "smart-nic", "vdpa", "remote-managed")).filter().build(),
            of("binding:profile").postPut().defaultValue(Map.of()).validate(Validators.dictOfJsonLength(BINDING_PROFILE_MAX)).policy().build(),
        };
    }
}
