package org.neutrino.db.addressgroups;

import static org.neutrino.db.Column.Type.STRING;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Column;
import org.neutrino.db.ResourceTable;

/**
 * How address groups are stored (see {@code V6__address_groups.sql}): one row per group in
 * {@link #GROUPS}, one per address in {@code address_associations}. Reads of many groups take one
 * query.
 */
public final class AddressGroupStore {
    public static final ResourceTable GROUPS = new ResourceTable("address_groups", List.of(
            Column.of("name", STRING), Column.of("description", STRING)));

    /** The addresses of each group among {@code groupIds}, in text order; groups without any are absent. */
    public Map<String, List<String>> addresses(Handle h, Collection<String> groupIds) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (groupIds.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT address_group_id, address FROM address_associations WHERE address_group_id IN (<ids>) "
                        + "ORDER BY address_group_id, address")
                .bindList("ids", List.copyOf(groupIds)).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    /** Adds addresses (normalised CIDRs) to a group. */
    public void add(Handle h, String groupId, Collection<String> addresses) {
        for (String address : addresses) {
            h.createUpdate("INSERT INTO address_associations (address_group_id, address) VALUES (:g, :a)")
                    .bind("g", groupId).bind("a", address).execute();
        }
    }

    /** Removes addresses (normalised CIDRs) from a group. */
    public void remove(Handle h, String groupId, Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        h.createUpdate("DELETE FROM address_associations WHERE address_group_id = :g AND address IN (<a>)")
                .bind("g", groupId).bindList("a", List.copyOf(addresses)).execute();
    }
}
