package org.neutrino.db.securitygroups;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;

/**
 * The SQL of the security-group family beyond the two resource tables: the default group of each
 * project, which groups each port is in, and the member addresses of groups. Reads of many ports
 * or groups take one query per {@value #BATCH} ids.
 */
public final class SecurityGroupStore {
    private static final int BATCH = 500;

    /** The id of the project's default group, if it has one. */
    public Optional<String> defaultGroup(Handle h, String projectId) {
        return h.createQuery("SELECT security_group_id FROM default_security_group WHERE project_id = :p")
                .bind("p", projectId).mapTo(String.class).findOne();
    }

    /** Records the project's default group; a duplicate key when another transaction did first. */
    public void insertDefaultGroup(Handle h, String projectId, String groupId) {
        h.createUpdate("INSERT INTO default_security_group (project_id, security_group_id) VALUES (:p, :g)")
                .bind("p", projectId).bind("g", groupId).execute();
    }

    /** Whether the group is some project's default group. */
    public boolean isDefaultGroup(Handle h, String groupId) {
        return h.createQuery("SELECT COUNT(*) FROM default_security_group WHERE security_group_id = :g")
                .bind("g", groupId).mapTo(Integer.class).one() > 0;
    }

    /** The rules of these groups, each a row of {@link SecurityGroupTables#RULES}, by group id. */
    public Map<String, List<Map<String, Object>>> rulesOfGroups(Handle h, Collection<String> groupIds) {
        Map<String, List<Map<String, Object>>> out = new HashMap<>();
        for (List<String> chunk : chunks(groupIds)) {
            ListQuery query = ListQuery.all()
                    .and(SecurityGroupTables.RULES.in("security_group_id", chunk, "sg"));
            for (Map<String, Object> rule : SecurityGroupTables.RULES.list(h, query)) {
                out.computeIfAbsent((String) rule.get("security_group_id"), k -> new ArrayList<>()).add(rule);
            }
        }
        return out;
    }

    /**
     * The rules of a group whose columns have one of the given values (attribute → its allowed
     * values, {@code null} standing for NULL): the few candidates a new rule is compared with for
     * duplicates, read through the group's index instead of all its rules.
     */
    public List<Map<String, Object>> rulesOfGroupWith(Handle h, String groupId, Map<String, List<Object>> anyOf) {
        ListQuery query = ListQuery.all().and(SecurityGroupTables.RULES.in("security_group_id", List.of(groupId), "sg"));
        int n = 0;
        for (Map.Entry<String, List<Object>> column : anyOf.entrySet()) {
            List<Object> values = column.getValue().stream().filter(Objects::nonNull).toList();
            List<String> alternatives = new ArrayList<>();
            Map<String, Object> binds = new LinkedHashMap<>();
            if (!values.isEmpty()) {
                ListQuery.Condition in = SecurityGroupTables.RULES.in(column.getKey(), values, "c" + n++ + "_");
                alternatives.add(in.sql());
                binds.putAll(in.binds());
            }
            if (values.size() < column.getValue().size()) {
                alternatives.add("t." + SecurityGroupTables.RULES.column(column.getKey()).orElseThrow().name() + " IS NULL");
            }
            query = query.and(new ListQuery.Condition(alternatives.isEmpty() ? "1 = 0" : String.join(" OR ", alternatives), binds));
        }
        return SecurityGroupTables.RULES.list(h, query);
    }

    /** The groups of each port, in id order; ports without groups are absent. */
    public Map<String, List<String>> groupsOfPorts(Handle h, Collection<String> portIds) {
        Map<String, List<String>> out = new HashMap<>();
        for (List<String> chunk : chunks(portIds)) {
            h.createQuery("SELECT port_id, security_group_id FROM securitygroupportbindings WHERE port_id IN (<ids>) "
                            + "ORDER BY port_id, security_group_id")
                    .bindList("ids", chunk).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        return out;
    }

    /** Replaces the groups of a port. */
    public void bindPort(Handle h, String portId, Collection<String> groupIds) {
        h.createUpdate("DELETE FROM securitygroupportbindings WHERE port_id = :p").bind("p", portId).execute();
        for (String groupId : groupIds) {
            h.createUpdate("INSERT INTO securitygroupportbindings (port_id, security_group_id) VALUES (:p, :g)")
                    .bind("p", portId).bind("g", groupId).execute();
        }
    }

    /** Whether any port is in the group. */
    public boolean inUse(Handle h, String groupId) {
        return h.createQuery("SELECT COUNT(*) FROM securitygroupportbindings WHERE security_group_id = :g")
                .bind("g", groupId).mapTo(Integer.class).one() > 0;
    }

    /**
     * The rules deleted with a group (its own and those of other groups naming it as remote),
     * counted by owner project and group.
     */
    public List<RuleCount> rulesGoingWith(Handle h, String groupId) {
        return h.createQuery("SELECT project_id, security_group_id, COUNT(*) FROM securitygrouprules "
                        + "WHERE security_group_id = :g OR remote_group_id = :g GROUP BY project_id, security_group_id")
                .bind("g", groupId).map((rs, ctx) -> new RuleCount(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
    }

    /** The groups with a rule naming the address group as its remote, in id order. */
    public List<String> groupsNamingAddressGroup(Handle h, String addressGroupId) {
        return h.createQuery("SELECT DISTINCT security_group_id FROM securitygrouprules WHERE remote_address_group_id = :a "
                        + "ORDER BY security_group_id")
                .bind("a", addressGroupId).mapTo(String.class).list();
    }

    /** How many rules of a group a project owns. */
    public record RuleCount(String projectId, String groupId, int count) {
    }

    /** id → {project_id, stateful} of the groups among {@code ids} that exist. */
    public Map<String, GroupOwner> owners(Handle h, Collection<String> ids) {
        return owners(h, ids, "");
    }

    /**
     * Like {@link #owners}, locking the rows (in id order) until the transaction ends: what a
     * port takes before it joins groups, so that a group being deleted is either gone (absent
     * here) or waits for the port and then finds it in use.
     */
    public Map<String, GroupOwner> lockOwners(Handle h, Collection<String> ids) {
        return owners(h, ids, " ORDER BY id FOR UPDATE");
    }

    private Map<String, GroupOwner> owners(Handle h, Collection<String> ids, String suffix) {
        Map<String, GroupOwner> out = new LinkedHashMap<>();
        for (List<String> chunk : chunks(ids)) {
            h.createQuery("SELECT id, project_id, stateful FROM securitygroups WHERE id IN (<ids>)" + suffix)
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> new GroupOwner(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                    .forEach(g -> out.put(g.id(), g));
        }
        return out;
    }

    /** A group's id, owner and statefulness. */
    public record GroupOwner(String id, String projectId, boolean stateful) {
    }

    /**
     * The addresses of the ports in each group (their fixed addresses and allowed address pairs),
     * by group id and then {@code IPv4}/{@code IPv6}: what a rule naming the group as remote matches.
     */
    public Map<String, Map<String, List<String>>> memberAddresses(Handle h, Collection<String> groupIds) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        for (List<String> chunk : chunks(groupIds)) {
            h.createQuery("SELECT g, ip FROM (SELECT b.security_group_id g, a.ip_address ip FROM securitygroupportbindings b "
                            + "JOIN ipallocations a ON a.port_id = b.port_id WHERE b.security_group_id IN (<ids>) "
                            + "UNION SELECT b.security_group_id g, p.ip_address ip FROM securitygroupportbindings b "
                            + "JOIN allowedaddresspairs p ON p.port_id = b.port_id WHERE b.security_group_id IN (<ids>)) m "
                            + "ORDER BY g, ip")
                    .bindList("ids", chunk).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(e.getValue().contains(":") ? "IPv6" : "IPv4", k -> new ArrayList<>()).add(e.getValue()));
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
