package org.neutrino.db.subnetpools;

import static org.neutrino.db.Column.Type.BOOLEAN;
import static org.neutrino.db.Column.Type.INTEGER;
import static org.neutrino.db.Column.Type.JSON;
import static org.neutrino.db.Column.Type.STRING;

import java.util.List;
import org.neutrino.db.Column;
import org.neutrino.db.ResourceTable;

/** How subnet pools and address scopes are stored (see {@code V4__subnet_pools.sql}). */
public final class SubnetPoolTables {
    private SubnetPoolTables() {
    }

    public static final ResourceTable SUBNETPOOLS = new ResourceTable("subnetpools", List.of(
            Column.of("name", STRING), Column.of("description", STRING), Column.of("ip_version", INTEGER),
            Column.of("prefixes", JSON), Column.of("default_prefixlen", INTEGER), Column.of("min_prefixlen", INTEGER),
            Column.of("max_prefixlen", INTEGER), Column.nullable("default_quota", INTEGER), Column.of("shared", BOOLEAN),
            Column.of("is_default", BOOLEAN), Column.nullable("default_ip_version", INTEGER),
            Column.nullable("address_scope_id", STRING)));

    public static final ResourceTable ADDRESS_SCOPES = new ResourceTable("address_scopes", List.of(
            Column.of("name", STRING), Column.of("description", STRING), Column.of("shared", BOOLEAN),
            Column.of("ip_version", INTEGER)));
}
