package org.neutrino.server.services.l3;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;
import org.neutrino.db.l3.L3Store;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.server.extensions.AttributeExtension;

/**
 * {@code router:external} of networks (external-net): stored in {@code externalnetworks}, read in
 * one query per list, filterable, and an external network is readable by every project (as
 * Neutron's {@code access_as_external} RBAC entry for {@code *} makes it).
 */
final class ExternalNetworkAttribute implements AttributeExtension {
    private static final String EXTERNAL_ROWS = "t.id IN (SELECT network_id FROM externalnetworks)";

    private final L3Store store;

    ExternalNetworkAttribute(L3Store store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return "networks";
    }

    @Override
    public void processCreate(Handle h, RequestContext context, Map<String, Object> request, Map<String, Object> created) {
        if (Boolean.TRUE.equals(request.get(L3Attributes.EXTERNAL))) {
            store.setExternal(h, (String) created.get("id"), true);
        }
        created.put(L3Attributes.EXTERNAL, Boolean.TRUE.equals(request.get(L3Attributes.EXTERNAL)));
    }

    @Override
    public void processUpdate(Handle h, RequestContext context, Map<String, Object> changes, Map<String, Object> current) {
        if (changes.containsKey(L3Attributes.EXTERNAL)) {
            store.setExternal(h, (String) current.get("id"), Boolean.TRUE.equals(changes.get(L3Attributes.EXTERNAL)));
        }
    }

    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
        Set<String> external = store.externalAmong(h, rows.stream().map(r -> (String) r.get("id")).toList());
        rows.forEach(row -> row.put(L3Attributes.EXTERNAL, external.contains(row.get("id"))));
    }

    @Override
    public Optional<ListQuery.Condition> filter(String attribute, List<Object> values) {
        if (!attribute.equals(L3Attributes.EXTERNAL)) {
            return Optional.empty();
        }
        boolean wantExternal = values.contains(Boolean.TRUE);
        boolean wantInternal = values.contains(Boolean.FALSE);
        String sql = wantExternal && wantInternal ? "1 = 1" : wantExternal ? EXTERNAL_ROWS
                : wantInternal ? "NOT (" + EXTERNAL_ROWS + ")" : "1 = 0";
        return Optional.of(new ListQuery.Condition(sql, Map.of()));
    }

    @Override
    public Optional<ListQuery.Condition> visibleTo(RequestContext context) {
        return Optional.of(new ListQuery.Condition(EXTERNAL_ROWS, Map.of()));
    }
}
