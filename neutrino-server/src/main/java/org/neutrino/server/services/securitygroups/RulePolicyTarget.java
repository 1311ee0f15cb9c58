package org.neutrino.server.services.securitygroups;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The policy target of a security group rule: the rule's attributes plus
 * {@code security_group:tenant_id}, its group's owner, which is read only when a policy check
 * asks for it. The default rules decide most requests on the rule's own {@code project_id}
 * ({@code rule:owner} comes first in {@code rule:admin_owner_or_sg_owner}, and creates and
 * deletes are {@code rule:admin_or_owner}), so those cost no read of the group.
 */
final class RulePolicyTarget extends AbstractMap<String, Object> {
    private static final String GROUP_OWNER = "security_group:tenant_id";
    private static final String GROUP_PROJECT = "security_group:project_id";

    private final Map<String, Object> rule;
    private final Function<String, String> ownerOfGroup;
    private Map<String, Object> complete;

    /** @param ownerOfGroup the project of a group, by id; {@code null} when the group does not exist */
    RulePolicyTarget(Map<String, Object> rule, Function<String, String> ownerOfGroup) {
        this.rule = rule;
        this.ownerOfGroup = ownerOfGroup;
    }

    @Override
    public Object get(Object key) {
        if (GROUP_OWNER.equals(key) || GROUP_PROJECT.equals(key)) {
            return complete().get(GROUP_OWNER);
        }
        return rule.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return GROUP_OWNER.equals(key) ? complete().containsKey(key) : rule.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return complete().entrySet();
    }

    private Map<String, Object> complete() {
        if (complete == null) {
            complete = new LinkedHashMap<>(rule);
            if (rule.get("security_group_id") instanceof String groupId) {
                String owner = ownerOfGroup.apply(groupId);
                if (owner != null) {
                    complete.put(GROUP_OWNER, owner);
                }
            }
        }
        return complete;
    }
}
