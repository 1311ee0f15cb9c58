package org.neutrino.server.services.securitygroups;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;
import org.neutrino.db.RetryRequest;
import org.neutrino.db.securitygroups.SecurityGroupStore;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.server.extensions.AttributeExtension;

/**
 * {@code security_groups} of ports. A port created without it gets its project's default group,
 * unless it is a {@code network:*} port (DHCP, router), which has no groups, or its port security
 * is off. The groups named must exist and belong to the port's project (any group for an admin),
 * else {@code SecurityGroupNotFound}; stateful and stateless groups cannot be mixed. An update
 * replaces the set. Members of the groups a port enters or leaves, or whose addresses change, are
 * told with {@code security_groups_member_updated}.
 */
final class PortSecurityGroups implements AttributeExtension {
    static final String ATTRIBUTE = "security_groups";

    private final SecurityGroupStore store;
    private final DefaultSecurityGroups defaults;
    private final SecurityGroupNotifier notifier;

    PortSecurityGroups(SecurityGroupStore store, DefaultSecurityGroups defaults, SecurityGroupNotifier notifier) {
        this.store = store;
        this.defaults = defaults;
        this.notifier = notifier;
    }

    @Override
    public String collection() {
        return "ports";
    }

    /** Whether Neutron trusts a port not to attack the network: its owner starts with {@code network:}. */
    static boolean trusted(Object deviceOwner) {
        return deviceOwner instanceof String owner && owner.startsWith("network:");
    }

    @Override
    public void processCreate(Handle h, RequestContext context, Map<String, Object> request, Map<String, Object> created) {
        if (trusted(request.get("device_owner"))) {
            return;
        }
        String projectId = (String) created.get("project_id");
        boolean portSecurity = !Boolean.FALSE.equals(created.get(PortSecurity.ATTRIBUTE));
        List<String> groups;
        if (!request.containsKey(ATTRIBUTE)) {
            if (!portSecurity) {
                return;
            }
            groups = defaults.ensure(h, context, projectId).map(List::of).orElse(List.of());
            if (store.lockOwners(h, groups).size() < groups.size()) {
                throw new RetryRequest("the default group of " + projectId + " was deleted concurrently");
            }
        } else {
            groups = ids(request.get(ATTRIBUTE));
            if (!groups.isEmpty() && !portSecurity) {
                throw PortSecurity.securityGroupsNeedPortSecurity();
            }
            check(h, context, projectId, groups);
        }
        store.bindPort(h, (String) created.get("id"), groups);
        notifier.membersUpdated(h, groups);
    }

    @Override
    public void processUpdate(Handle h, RequestContext context, Map<String, Object> changes, Map<String, Object> current) {
        List<String> before = ids(current.get(ATTRIBUTE));
        if (changes.containsKey(ATTRIBUTE) && !trusted(changes.getOrDefault("device_owner", current.get("device_owner")))) {
            List<String> after = ids(changes.get(ATTRIBUTE));
            check(h, context, (String) current.get("project_id"), after);
            store.bindPort(h, (String) current.get("id"), after);
            Set<String> touched = new LinkedHashSet<>(before);
            touched.addAll(after);
            notifier.membersUpdated(h, touched);
        } else if (changes.containsKey("fixed_ips")) {
            notifier.membersUpdated(h, before);
        }
    }

    @Override
    public void processDelete(Handle h, Map<String, Object> deleted) {
        notifier.membersUpdated(h, ids(deleted.get(ATTRIBUTE)));
    }

    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
        Map<String, List<String>> groups = store.groupsOfPorts(h, rows.stream().map(r -> (String) r.get("id")).toList());
        rows.forEach(row -> row.put(ATTRIBUTE, groups.getOrDefault((String) row.get("id"), List.of())));
    }

    /** Ports in any of the groups. */
    @Override
    public Optional<ListQuery.Condition> filter(String attribute, List<Object> values) {
        if (!attribute.equals(ATTRIBUTE)) {
            return Optional.empty();
        }
        if (values.isEmpty()) {
            return Optional.of(new ListQuery.Condition("1 = 0", Map.of()));
        }
        StringJoiner in = new StringJoiner(", ");
        Map<String, Object> binds = new java.util.LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            in.add(":psg" + i);
            binds.put("psg" + i, String.valueOf(values.get(i)));
        }
        return Optional.of(new ListQuery.Condition("t.id IN (SELECT port_id FROM securitygroupportbindings WHERE security_group_id IN ("
                + in + "))", binds));
    }

    /**
     * Checks the groups a port joins, locked until its transaction ends (a concurrent delete of
     * one either went first and the port answers {@code SecurityGroupNotFound}, or waits and
     * answers {@code SecurityGroupInUse}).
     */
    private void check(Handle h, RequestContext context, String projectId, List<String> groups) {
        Map<String, SecurityGroupStore.GroupOwner> owners = store.lockOwners(h, groups);
        List<String> missing = new ArrayList<>();
        for (String id : groups) {
            SecurityGroupStore.GroupOwner owner = owners.get(id);
            if (owner == null || !context.isAdmin() && !owner.projectId().equals(projectId)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw SecurityGroupErrors.groupsNotFound(missing);
        }
        if (owners.values().stream().map(SecurityGroupStore.GroupOwner::stateful).distinct().count() > 1) {
            throw SecurityGroupErrors.conflict("Cannot apply both stateful and stateless security groups on the same port at the same time");
        }
    }

    private static List<String> ids(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!out.contains(String.valueOf(item))) {
                    out.add(String.valueOf(item));
                }
            }
        }
        return out;
    }
}
