package org.neutrino.server.services.securitygroups;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.securitygroups.SecurityGroupStore;
import org.neutrino.db.securitygroups.SecurityGroupTables;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.api.TableResourceHandler;
import org.neutrino.server.quota.QuotaEngine;

/**
 * {@code /v2.0/security-group-rules}: created, shown, listed and deleted (never updated). A rule is
 * checked and made canonical as Neutron does ({@link RuleValidation}); its group and remote group
 * must be the rule project's (any group for an admin), else {@code SecurityGroupNotFound}, and so
 * must its remote address group ({@link RemoteAddressGroups}); the
 * group's row is locked while its rules are compared, so that two concurrent requests cannot
 * both add the same rule. A member sees the rules it owns and those of its groups.
 */
final class SecurityGroupRuleHandler extends TableResourceHandler {
    private final QuotaEngine quotas;
    private final SecurityGroupStore store;
    private final DefaultSecurityGroups defaults;
    private final SecurityGroupNotifier notifier;

    SecurityGroupRuleHandler(ResourceDef definition, Database database, QuotaEngine quotas, SecurityGroupStore store,
                             DefaultSecurityGroups defaults, SecurityGroupNotifier notifier) {
        super(definition, SecurityGroupTables.RULES, "SecurityGroupRuleNotFound", database);
        this.quotas = quotas;
        this.store = store;
        this.defaults = defaults;
        this.notifier = notifier;
    }

    /** Adds what a stored rule shows but does not store: {@code tenant_id} and {@code normalized_cidr}. */
    static Map<String, Object> complete(Map<String, Object> rule) {
        rule.put("tenant_id", rule.get("project_id"));
        rule.put("normalized_cidr", RuleValidation.normalizedCidr((String) rule.get("remote_ip_prefix")));
        return rule;
    }

    @Override
    public void beforeCreate(RequestContext context, Map<String, Object> item) {
        RuleValidation.normalize(item);
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        Set<List<Object>> inRequest = new HashSet<>();
        for (Map<String, Object> item : items) {
            if (!inRequest.add(RuleValidation.key(item))) {
                throw SecurityGroupErrors.duplicateRuleInPost();
            }
        }
        return database.inTransaction(h -> {
            Set<String> groups = new LinkedHashSet<>();
            Map<String, Integer> perProject = new LinkedHashMap<>();
            List<String> created = new ArrayList<>();
            for (Map<String, Object> item : items) {
                String projectId = (String) item.get("project_id");
                String groupId = (String) item.get("security_group_id");
                if (!groups.contains(groupId)) {
                    SecurityGroupTables.GROUPS.findForUpdate(h, groupId)
                            .filter(g -> context.isAdmin() || projectId.equals(g.get("project_id")))
                            .orElseThrow(() -> SecurityGroupErrors.groupNotFound(groupId));
                }
                String remote = (String) item.get("remote_group_id");
                if (remote != null) {
                    Optional<SecurityGroupStore.GroupOwner> owner = Optional.ofNullable(store.owners(h, List.of(remote)).get(remote));
                    if (owner.isEmpty() || !context.isAdmin() && !projectId.equals(owner.get().projectId())) {
                        throw SecurityGroupErrors.groupNotFound(remote);
                    }
                }
                RemoteAddressGroups.lockForRule(h, context, projectId, (String) item.get("remote_address_group_id"));
                List<Object> key = RuleValidation.key(item);
                for (Map<String, Object> rule : store.rulesOfGroupWith(h, groupId, RuleValidation.keyColumns(item))) {
                    if (RuleValidation.key(rule).equals(key)) {
                        throw SecurityGroupErrors.ruleExists((String) rule.get("id"));
                    }
                }
                String id = UUID.randomUUID().toString();
                Map<String, Object> row = new LinkedHashMap<>(item);
                row.put("id", id);
                SecurityGroupTables.RULES.insert(h, row);
                groups.add(groupId);
                perProject.merge(projectId, 1, Integer::sum);
                created.add(id);
            }
            perProject.forEach((projectId, count) -> quotas.consume(h, projectId, "security_group_rule", count));
            notifier.rulesUpdated(h, groups);
            return loadInOrder(h, created);
        });
    }

    @Override
    public List<Map<String, Object>> loadAll(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = SecurityGroupTables.RULES.list(h, query);
        rows.forEach(SecurityGroupRuleHandler::complete);
        return rows;
    }

    /** Lists, after making the caller's default group if it has none (as group lists do). */
    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        defaults.ensureForCaller(database, context);
        return super.list(context, query);
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        throw new NeutronException(405, "HTTPMethodNotAllowed", "Security group rules cannot be updated.");
    }

    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> rule = SecurityGroupTables.RULES.findForUpdate(h, id).orElseThrow(() -> SecurityGroupErrors.ruleNotFound(id));
            Revisions.check(expectedRevision, rule);
            SecurityGroupTables.RULES.delete(h, id);
            quotas.release(h, (String) rule.get("project_id"), "security_group_rule", 1);
            notifier.rulesUpdated(h, List.of((String) rule.get("security_group_id")));
            return null;
        });
    }

    @Override
    public ListQuery.Condition visibleTo(RequestContext context) {
        if (context.projectId() == null) {
            return new ListQuery.Condition("1 = 0", Map.of());
        }
        return new ListQuery.Condition("t.project_id = :scope_project OR t.security_group_id IN "
                + "(SELECT id FROM securitygroups WHERE project_id = :scope_project)", Map.of("scope_project", context.projectId()));
    }

    /** The rule with its group's owner, for {@code rule:admin_owner_or_sg_owner}, read when a check needs it. */
    @Override
    public Map<String, Object> policyTarget(Map<String, Object> resource) {
        return new RulePolicyTarget(resource, groupId -> {
            SecurityGroupStore.GroupOwner owner = database.read(h -> store.owners(h, List.of(groupId))).get(groupId);
            return owner == null ? null : owner.projectId();
        });
    }
}
