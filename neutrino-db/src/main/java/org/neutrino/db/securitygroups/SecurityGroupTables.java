package org.neutrino.db.securitygroups;

import static org.neutrino.db.Column.Type.BOOLEAN;
import static org.neutrino.db.Column.Type.INTEGER;
import static org.neutrino.db.Column.Type.STRING;

import java.util.List;
import org.neutrino.db.Column;
import org.neutrino.db.ResourceTable;

/** How security groups and their rules are stored (see {@code V3__security_groups.sql}). */
public final class SecurityGroupTables {
    private SecurityGroupTables() {
    }

    public static final ResourceTable GROUPS = new ResourceTable("securitygroups", List.of(
            Column.of("name", STRING), Column.of("description", STRING), Column.of("stateful", BOOLEAN)));

    public static final ResourceTable RULES = new ResourceTable("securitygrouprules", List.of(
            Column.of("security_group_id", STRING), Column.nullable("remote_group_id", STRING),
            Column.of("direction", STRING), Column.of("ethertype", STRING), Column.nullable("protocol", STRING),
            Column.nullable("port_range_min", INTEGER), Column.nullable("port_range_max", INTEGER),
            Column.nullable("remote_ip_prefix", STRING), Column.of("description", STRING),
            Column.nullable("remote_address_group_id", STRING)));
}
