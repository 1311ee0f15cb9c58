package org.neutrino.server.services.securitygroups;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;
import org.neutrino.db.securitygroups.PortAttributeStore;
import org.neutrino.db.securitygroups.PortAttributeStore.Owner;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.server.extensions.AttributeExtension;

/** {@code port_security_enabled} of networks ({@code port-security}): the default of their new ports. */
final class NetworkPortSecurity implements AttributeExtension {
    private final PortAttributeStore store;

    NetworkPortSecurity(PortAttributeStore store) {
        this.store = store;
    }

    @Override
    public String collection() {
        return "networks";
    }

    @Override
    public void processCreate(Handle h, RequestContext context, Map<String, Object> request, Map<String, Object> created) {
        store.setPortSecurity(h, Owner.NETWORK, (String) created.get("id"), !Boolean.FALSE.equals(request.get(PortSecurity.ATTRIBUTE)));
    }

    @Override
    public void processUpdate(Handle h, RequestContext context, Map<String, Object> changes, Map<String, Object> current) {
        if (changes.containsKey(PortSecurity.ATTRIBUTE)) {
            store.setPortSecurity(h, Owner.NETWORK, (String) current.get("id"), (boolean) changes.get(PortSecurity.ATTRIBUTE));
        }
    }

    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
        Map<String, Boolean> values = store.portSecurity(h, Owner.NETWORK, rows.stream().map(r -> (String) r.get("id")).toList());
        rows.forEach(row -> row.put(PortSecurity.ATTRIBUTE, values.getOrDefault((String) row.get("id"), true)));
    }

    /** Whether a network's new ports have port security (networks made before the extension: yes). */
    boolean enabled(Handle h, String networkId) {
        return store.portSecurity(h, Owner.NETWORK, List.of(networkId)).getOrDefault(networkId, true);
    }

    @Override
    public Optional<ListQuery.Condition> filter(String attribute, List<Object> values) {
        return PortSecurity.filter(attribute, values, Owner.NETWORK);
    }
}
