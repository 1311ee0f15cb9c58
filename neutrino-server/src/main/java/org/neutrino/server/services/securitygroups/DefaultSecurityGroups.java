package org.neutrino.server.services.securitygroups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.QuotaStore;
import org.neutrino.db.securitygroups.SecurityGroupStore;
import org.neutrino.db.securitygroups.SecurityGroupTables;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.context.RequestContext;

/**
 * Each project's {@code default} group, made on the project's first use (its first group list or
 * create, rule list, or port) with Neutron's rules: all egress over IPv4 and IPv6, ingress from
 * members of the group itself. Race-free: the group is recorded in {@code default_security_group},
 * whose primary key is the project, inside the transaction of the first use; of two concurrent
 * first uses the second fails on that key once the first commits, is run again by
 * {@link org.neutrino.db.Database#inTransaction} and finds the first one's group.
 */
final class DefaultSecurityGroups {
    static final String NAME = "default";
    static final String DESCRIPTION = "Default security group";

    private final SecurityGroupStore store;
    private final QuotaStore quotas;

    DefaultSecurityGroups(SecurityGroupStore store, QuotaStore quotas) {
        this.store = store;
        this.quotas = quotas;
    }

    /**
     * The id of the project's default group, made in {@code h}'s transaction when it has none;
     * empty when the caller may not make one for that project (another project's, not admin) or
     * the project id is longer than any project can own resources with.
     */
    Optional<String> ensure(Handle h, RequestContext context, String projectId) {
        if (projectId == null || projectId.length() > CoreResources.PROJECT_ID_MAX
                || !context.isAdmin() && !projectId.equals(context.projectId())) {
            return Optional.empty();
        }
        Optional<String> existing = store.defaultGroup(h, projectId);
        if (existing.isPresent()) {
            return existing;
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("id", id);
        group.put("project_id", projectId);
        group.put("name", NAME);
        group.put("description", DESCRIPTION);
        group.put("stateful", true);
        SecurityGroupTables.GROUPS.insert(h, group);
        store.insertDefaultGroup(h, projectId, id);
        int rules = 0;
        for (String ethertype : List.of("IPv4", "IPv6")) {
            insertRule(h, projectId, id, "ingress", ethertype, id);
            insertRule(h, projectId, id, "egress", ethertype, null);
            rules += 2;
        }
        // Counted, never refused: a project always has its default group, as in Neutron.
        quotas.addUsage(h, projectId, "security_group", 1);
        quotas.addUsage(h, projectId, "security_group_rule", rules);
        return Optional.of(id);
    }

    /** Makes the caller's default group if it has none; a read only when it has one (lists). */
    void ensureForCaller(Database database, RequestContext context) {
        String projectId = context.projectId();
        if (projectId != null && projectId.length() <= CoreResources.PROJECT_ID_MAX && database.read(h -> store.defaultGroup(h, projectId)).isEmpty()) {
            database.inTransaction(h -> ensure(h, context, projectId));
        }
    }

    /** Inserts an egress rule for any traffic of {@code ethertype} (the rules every new group starts with). */
    static void insertEgressRule(Handle h, String projectId, String groupId, String ethertype) {
        insertRule(h, projectId, groupId, "egress", ethertype, null);
    }

    private static void insertRule(Handle h, String projectId, String groupId, String direction, String ethertype,
                                   String remoteGroupId) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", UUID.randomUUID().toString());
        rule.put("project_id", projectId);
        rule.put("security_group_id", groupId);
        rule.put("remote_group_id", remoteGroupId);
        rule.put("direction", direction);
        rule.put("ethertype", ethertype);
        rule.put("description", "");
        SecurityGroupTables.RULES.insert(h, rule);
    }
}
