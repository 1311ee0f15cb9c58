package org.neutrino.db.securitygroups;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The port and network attributes of the security-group family other than the groups: port
 * security of networks and ports, allowed address pairs, extra DHCP options. Reads of many ports
 * take one query per {@value #BATCH} ids.
 */
public final class PortAttributeStore {
    private static final int BATCH = 500;

    /** Sets the port security of a network or port ({@code table} names which). */
    public void setPortSecurity(Handle h, Owner owner, String id, boolean enabled) {
        h.createUpdate("DELETE FROM " + owner.table + " WHERE " + owner.column + " = :id").bind("id", id).execute();
        h.createUpdate("INSERT INTO " + owner.table + " (" + owner.column + ", port_security_enabled) VALUES (:id, :e)")
                .bind("id", id).bind("e", enabled).execute();
    }

    /** The port security of these networks or ports; those without a row are absent. */
    public Map<String, Boolean> portSecurity(Handle h, Owner owner, Collection<String> ids) {
        Map<String, Boolean> out = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            h.createQuery("SELECT " + owner.column + ", port_security_enabled FROM " + owner.table + " WHERE " + owner.column
                            + " IN (<ids>)")
                    .bindList("ids", chunk).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** The SQL condition (rows {@code t}) "port security is off" for networks or ports. */
    public static String portSecurityDisabled(Owner owner) {
        return "t.id IN (SELECT " + owner.column + " FROM " + owner.table + " WHERE port_security_enabled = FALSE)";
    }

    /** Whose port security a binding table holds. */
    public enum Owner {
        NETWORK("networksecuritybindings", "network_id"),
        PORT("portsecuritybindings", "port_id");

        private final String table;
        private final String column;

        Owner(String table, String column) {
            this.table = table;
            this.column = column;
        }
    }

    /** Replaces the allowed address pairs ({@code ip_address}, {@code mac_address}) of a port. */
    public void replaceAddressPairs(Handle h, String portId, List<Map<String, String>> pairs) {
        h.createUpdate("DELETE FROM allowedaddresspairs WHERE port_id = :p").bind("p", portId).execute();
        for (Map<String, String> pair : pairs) {
            h.createUpdate("INSERT INTO allowedaddresspairs (port_id, mac_address, ip_address) VALUES (:p, :m, :i)")
                    .bind("p", portId).bind("m", pair.get("mac_address")).bind("i", pair.get("ip_address")).execute();
        }
    }

    /** The allowed address pairs of each port, as the API shows them; ports without pairs are absent. */
    public Map<String, List<Map<String, Object>>> addressPairs(Handle h, Collection<String> portIds) {
        Map<String, List<Map<String, Object>>> out = new HashMap<>();
        for (List<String> chunk : chunks(portIds)) {
            h.createQuery("SELECT port_id, ip_address, mac_address FROM allowedaddresspairs WHERE port_id IN (<ids>) "
                            + "ORDER BY port_id, ip_address, mac_address")
                    .bindList("ids", chunk).map((rs, ctx) -> {
                        Map<String, Object> pair = new LinkedHashMap<>();
                        pair.put("ip_address", rs.getString(2));
                        pair.put("mac_address", rs.getString(3));
                        return Map.entry(rs.getString(1), pair);
                    }).forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        return out;
    }

    /** Sets one extra DHCP option of a port, or removes it when {@code value} is null. */
    public void setDhcpOption(Handle h, String portId, String name, int ipVersion, String value) {
        h.createUpdate("DELETE FROM extradhcpopts WHERE port_id = :p AND opt_name = :n AND ip_version = :v")
                .bind("p", portId).bind("n", name).bind("v", ipVersion).execute();
        if (value != null) {
            h.createUpdate("INSERT INTO extradhcpopts (port_id, opt_name, opt_value, ip_version) VALUES (:p, :n, :o, :v)")
                    .bind("p", portId).bind("n", name).bind("o", value).bind("v", ipVersion).execute();
        }
    }

    /** The extra DHCP options of each port, as the API shows them; ports without options are absent. */
    public Map<String, List<Map<String, Object>>> dhcpOptions(Handle h, Collection<String> portIds) {
        Map<String, List<Map<String, Object>>> out = new HashMap<>();
        for (List<String> chunk : chunks(portIds)) {
            h.createQuery("SELECT port_id, opt_name, opt_value, ip_version FROM extradhcpopts WHERE port_id IN (<ids>) "
                            + "ORDER BY port_id, ip_version, opt_name")
                    .bindList("ids", chunk).map((rs, ctx) -> {
                        Map<String, Object> option = new LinkedHashMap<>();
                        option.put("opt_name", rs.getString(2));
                        option.put("opt_value", rs.getString(3));
                        option.put("ip_version", rs.getInt(4));
                        return Map.entry(rs.getString(1), option);
                    }).forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        return out;
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            out.add(all.subList(from, Math.min(all.size(), from + BATCH)));
        }
        return out;
    }
}
