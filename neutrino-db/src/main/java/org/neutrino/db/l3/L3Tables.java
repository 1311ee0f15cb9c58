package org.neutrino.db.l3;

import static org.neutrino.db.Column.Type.BOOLEAN;
import static org.neutrino.db.Column.Type.JSON;
import static org.neutrino.db.Column.Type.INTEGER;
import static org.neutrino.db.Column.Type.STRING;

import java.util.List;
import org.neutrino.db.Column;
import org.neutrino.db.ResourceTable;

/** How routers, floating IPs (see {@code V5__l3.sql}) and port forwardings are stored. */
public final class L3Tables {
    private L3Tables() {
    }

    public static final ResourceTable ROUTERS = new ResourceTable("routers", List.of(
            Column.of("name", STRING), Column.of("description", STRING), Column.of("admin_state_up", BOOLEAN),
            Column.of("status", STRING), Column.nullable("gw_port_id", STRING), Column.nullable("gw_network_id", STRING),
            Column.of("enable_snat", BOOLEAN), Column.of("routes", JSON)));

    public static final ResourceTable FLOATING_IPS = new ResourceTable("floatingips", List.of(
            Column.of("description", STRING), Column.of("floating_ip_address", STRING),
            Column.of("floating_network_id", STRING), Column.of("floating_port_id", STRING),
            new Column("port_id", "fixed_port_id", STRING, true), Column.nullable("fixed_ip_address", STRING),
            Column.nullable("router_id", STRING), Column.of("status", STRING)));

    /** The port forwardings of floating IPs (see {@code V8__port_forwardings.sql}). */
    public static final ResourceTable PORT_FORWARDINGS = new ResourceTable("portforwardings", List.of(
            Column.of("floatingip_id", STRING), Column.of("external_port", INTEGER),
            new Column("internal_port_id", "internal_neutron_port_id", STRING, false),
            Column.of("internal_ip_address", STRING), Column.of("internal_port", INTEGER), Column.of("protocol", STRING),
            Column.of("description", STRING)));
}
