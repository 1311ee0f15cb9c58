package org.neutrino.server.services.securitygroups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.TagStore;
import org.neutrino.db.securitygroups.SecurityGroupStore;
import org.neutrino.db.securitygroups.SecurityGroupTables;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.server.api.TableResourceHandler;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.quota.QuotaEngine;

/**
 * {@code /v2.0/security-groups}: groups of a project with their rules. A new group starts with
 * Neutron's two egress rules; the project's default group is made on its first use
 * ({@link DefaultSecurityGroups}) and can be neither renamed nor deleted by its project; a group
 * ports are in cannot be deleted, nor change its statefulness.
 */
final class SecurityGroupHandler extends TableResourceHandler {
    private final TagStore tags;
    private final QuotaEngine quotas;
    private final SecurityGroupStore store;
    private final DefaultSecurityGroups defaults;
    private final SecurityGroupNotifier notifier;

    SecurityGroupHandler(ResourceDef definition, Database database, TagStore tags, QuotaEngine quotas, SecurityGroupStore store,
                         DefaultSecurityGroups defaults, SecurityGroupNotifier notifier) {
        super(definition, SecurityGroupTables.GROUPS, "SecurityGroupNotFound", database);
        this.tags = tags;
        this.quotas = quotas;
        this.store = store;
        this.defaults = defaults;
        this.notifier = notifier;
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        for (Map<String, Object> item : items) {
            if (DefaultSecurityGroups.NAME.equalsIgnoreCase(String.valueOf(item.get("name")))) {
                throw SecurityGroupErrors.defaultAlreadyExists();
            }
        }
        return createInOneTransaction(context, items, this::createGroup);
    }

    private String createGroup(Handle h, RequestContext context, Map<String, Object> item) {
        String projectId = (String) item.get("project_id");
        defaults.ensure(h, context, projectId);
        quotas.consume(h, projectId, "security_group", 1);
        quotas.consume(h, projectId, "security_group_rule", 2);
        String id = UUID.randomUUID().toString();
        Map<String, Object> row = new LinkedHashMap<>(item);
        row.put("id", id);
        SecurityGroupTables.GROUPS.insert(h, row);
        DefaultSecurityGroups.insertEgressRule(h, projectId, id, "IPv4");
        DefaultSecurityGroups.insertEgressRule(h, projectId, id, "IPv6");
        if (item.get("tags") instanceof List<?> list && !list.isEmpty()) {
            tags.replace(h, id, list.stream().map(String::valueOf).toList());
        }
        return id;
    }

    /** Rows with their rules and tags: three queries per 500 groups. */
    @Override
    public List<Map<String, Object>> loadAll(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = SecurityGroupTables.GROUPS.list(h, query);
        if (rows.isEmpty()) {
            return rows;
        }
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        Map<String, List<Map<String, Object>>> rules = store.rulesOfGroups(h, ids);
        Map<String, List<String>> tagsById = tags.tagsOf(h, ids);
        for (Map<String, Object> row : rows) {
            String id = (String) row.get("id");
            row.put("tenant_id", row.get("project_id"));
            List<Map<String, Object>> own = rules.getOrDefault(id, List.of());
            own.forEach(SecurityGroupRuleHandler::complete);
            row.put("security_group_rules", own);
            row.put("tags", tagsById.getOrDefault(id, List.of()));
        }
        return rows;
    }

    /**
     * Lists, after making the caller's default group if it has none. Neutron makes the default
     * group of the project a {@code project_id} filter names as well; here a list only ever writes
     * the caller's own group, so that an admin's query cannot create groups for arbitrary names.
     */
    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        defaults.ensureForCaller(database, context);
        return super.list(context, query);
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> current = SecurityGroupTables.GROUPS.findForUpdate(h, id)
                    .orElseThrow(() -> SecurityGroupErrors.groupNotFound(id));
            Revisions.check(expectedRevision, current);
            if (changes.containsKey("name")) {
                if (DefaultSecurityGroups.NAME.equalsIgnoreCase(String.valueOf(changes.get("name")))) {
                    throw SecurityGroupErrors.defaultAlreadyExists();
                }
                if (store.isDefaultGroup(h, id)) {
                    throw SecurityGroupErrors.cannotUpdateDefault();
                }
            }
            boolean statefulChanged = changes.containsKey("stateful") && !Objects.equals(changes.get("stateful"), current.get("stateful"));
            if (statefulChanged && store.inUse(h, id)) {
                throw SecurityGroupErrors.inUse(id);
            }
            SecurityGroupTables.GROUPS.update(h, id, changes);
            if (statefulChanged) {
                notifier.rulesUpdated(h, List.of(id));
            }
            return null;
        });
        return find(id).orElseThrow(() -> SecurityGroupErrors.groupNotFound(id));
    }

    /**
     * Deletes a group with its rules and the rules of other groups that name it as remote (as
     * Neutron's cascade does), giving their quota back.
     */
    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> current = SecurityGroupTables.GROUPS.findForUpdate(h, id)
                    .orElseThrow(() -> SecurityGroupErrors.groupNotFound(id));
            Revisions.check(expectedRevision, current);
            if (store.inUse(h, id)) {
                throw SecurityGroupErrors.inUse(id);
            }
            if (!context.isAdmin() && store.isDefaultGroup(h, id)) {
                throw SecurityGroupErrors.cannotRemoveDefault();
            }
            List<SecurityGroupStore.RuleCount> counts = store.rulesGoingWith(h, id);
            counts.forEach(c -> quotas.release(h, c.projectId(), "security_group_rule", c.count()));
            List<String> referring = counts.stream().map(SecurityGroupStore.RuleCount::groupId).filter(g -> !g.equals(id)).distinct()
                    .toList();
            tags.removeAll(h, id);
            SecurityGroupTables.GROUPS.delete(h, id);
            quotas.release(h, (String) current.get("project_id"), "security_group", 1);
            notifier.rulesUpdated(h, referring);
            return null;
        });
    }

    @Override
    public ListQuery.Condition visibleTo(RequestContext context) {
        return ownedByCallersProject(context);
    }
}
