package org.neutrino.server.services.securitygroups;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;
import org.neutrino.db.securitygroups.PortAttributeStore;
import org.neutrino.db.securitygroups.PortAttributeStore.Owner;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.extensions.AttributeExtension;

/**
 * {@code port_security_enabled} of ports ({@code port-security}, loaded by {@code [ml2]
 * extension_drivers = port_security}): the request's value, else the network's. A port without
 * port security has no security groups and no allowed address pairs; Neutron's conflicts are
 * checked here, before the extensions of those attributes run.
 */
final class PortSecurity implements AttributeExtension {
    static final String ATTRIBUTE = "port_security_enabled";

    private final PortAttributeStore store;
    private final NetworkPortSecurity networks;

    PortSecurity(PortAttributeStore store, NetworkPortSecurity networks) {
        this.store = store;
        this.networks = networks;
    }

    @Override
    public String collection() {
        return "ports";
    }

    static NeutronException securityGroupsNeedPortSecurity() {
        return NeutronException.badRequest("PortSecurityAndIPRequiredForSecurityGroups",
                "Port security must be enabled and port must have an IP address in order to use security groups.");
    }

    static NeutronException addressPairsNeedPortSecurity() {
        return NeutronException.conflict("AddressPairAndPortSecurityRequired",
                "Port Security must be enabled in order to have allowed address pairs on a port.");
    }

    @Override
    public void processCreate(Handle h, RequestContext context, Map<String, Object> request, Map<String, Object> created) {
        boolean enabled = request.containsKey(ATTRIBUTE) ? (boolean) request.get(ATTRIBUTE)
                : networks.enabled(h, (String) created.get("network_id"));
        created.put(ATTRIBUTE, enabled);
        store.setPortSecurity(h, Owner.PORT, (String) created.get("id"), enabled);
    }

    /**
     * Turning port security off needs the update to leave the port without groups and address
     * pairs: {@code PortSecurityPortHasSecurityGroup} and {@code AddressPairAndPortSecurityRequired}.
     */
    @Override
    public void processUpdate(Handle h, RequestContext context, Map<String, Object> changes, Map<String, Object> current) {
        boolean enabled = (boolean) changes.getOrDefault(ATTRIBUTE, !Boolean.FALSE.equals(current.get(ATTRIBUTE)));
        if (!enabled) {
            if (nonEmpty(changes.get(AllowedAddressPairs.ATTRIBUTE))
                    || !changes.containsKey(AllowedAddressPairs.ATTRIBUTE) && nonEmpty(current.get(AllowedAddressPairs.ATTRIBUTE))) {
                throw addressPairsNeedPortSecurity();
            }
            if (nonEmpty(changes.get(PortSecurityGroups.ATTRIBUTE))) {
                throw securityGroupsNeedPortSecurity();
            }
            if (!changes.containsKey(PortSecurityGroups.ATTRIBUTE) && nonEmpty(current.get(PortSecurityGroups.ATTRIBUTE))) {
                throw NeutronException.conflict("PortSecurityPortHasSecurityGroup", "Port has security group associated. Cannot "
                        + "disable port security or ip address until security group is removed.");
            }
        }
        if (changes.containsKey(ATTRIBUTE)) {
            store.setPortSecurity(h, Owner.PORT, (String) current.get("id"), enabled);
        }
    }

    private static boolean nonEmpty(Object value) {
        return value instanceof List<?> list && !list.isEmpty();
    }

    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
        Map<String, Boolean> values = store.portSecurity(h, Owner.PORT, rows.stream().map(r -> (String) r.get("id")).toList());
        rows.forEach(row -> row.put(ATTRIBUTE, values.getOrDefault((String) row.get("id"), true)));
    }

    @Override
    public Optional<ListQuery.Condition> filter(String attribute, List<Object> values) {
        return filter(attribute, values, Owner.PORT);
    }

    /** A {@code port_security_enabled} filter on networks or ports (no binding row counts as enabled). */
    static Optional<ListQuery.Condition> filter(String attribute, List<Object> values, Owner owner) {
        if (!attribute.equals(ATTRIBUTE)) {
            return Optional.empty();
        }
        boolean wantTrue = values.contains(Boolean.TRUE);
        boolean wantFalse = values.contains(Boolean.FALSE);
        String disabled = PortAttributeStore.portSecurityDisabled(owner);
        String sql = wantTrue && wantFalse ? "1 = 1" : wantTrue ? "NOT " + disabled : wantFalse ? disabled : "1 = 0";
        return Optional.of(new ListQuery.Condition(sql, Map.of()));
    }
}
