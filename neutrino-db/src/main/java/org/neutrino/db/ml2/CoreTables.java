package org.neutrino.db.ml2;

import static org.neutrino.db.Column.Type.BOOLEAN;
import static org.neutrino.db.Column.Type.INTEGER;
import static org.neutrino.db.Column.Type.JSON;
import static org.neutrino.db.Column.Type.STRING;

import java.util.List;
import org.neutrino.db.Column;
import org.neutrino.db.ResourceTable;

/** How networks, subnets and ports are stored (see {@code V1__core.sql}). */
public final class CoreTables {
    private CoreTables() {
    }

    public static final ResourceTable NETWORKS = new ResourceTable("networks", List.of(
            Column.of("name", STRING), Column.of("description", STRING), Column.of("admin_state_up", BOOLEAN),
            Column.of("status", STRING), Column.of("shared", BOOLEAN), Column.of("mtu", INTEGER)));

    public static final ResourceTable SUBNETS = new ResourceTable("subnets", List.of(
            Column.of("name", STRING), Column.of("description", STRING), Column.of("network_id", STRING),
            Column.of("ip_version", INTEGER), Column.of("cidr", STRING), Column.nullable("gateway_ip", STRING),
            Column.of("enable_dhcp", BOOLEAN), Column.nullable("ipv6_ra_mode", STRING),
            Column.nullable("ipv6_address_mode", STRING), Column.nullable("subnetpool_id", STRING), Column.of("allocation_pools", JSON), Column.of("dns_nameservers", JSON),
            Column.of("host_routes", JSON)));

    public static final ResourceTable PORTS = new ResourceTable("ports", List.of(
            Column.of("name", STRING), Column.of("description", STRING), Column.of("network_id", STRING),
            Column.of("mac_address", STRING), Column.of("admin_state_up", BOOLEAN), Column.of("status", STRING),
            Column.of("device_id", STRING), Column.of("device_owner", STRING), Column.of("binding:host_id", STRING),
            Column.of("binding:vif_type", STRING), Column.of("binding:vif_details", JSON),
            Column.of("binding:vnic_type", STRING), Column.of("binding:profile", JSON)));
}
