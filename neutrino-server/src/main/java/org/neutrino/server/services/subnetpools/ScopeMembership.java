package org.neutrino.server.services.subnetpools;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;
import org.neutrino.db.subnetpools.SubnetPoolTables;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;

/**
 * Neutron's rules for a subnet pool in an address scope: the caller must see the scope, the IP
 * versions must match, the pools of one scope may not overlap (checked with the scope's row
 * locked, so that two pools cannot join concurrently with overlapping prefixes), and moving a pool
 * may not leave a network with subnets of one IP version in different scopes.
 */
final class ScopeMembership {

    static NeutronException scopeNotFound(String id) {
        return NeutronException.notFound("AddressScopeNotFound", "Address scope " + id + " could not be found.");
    }

    /** The scope as the caller may see it, locked until the transaction ends; 404 otherwise. */
    Map<String, Object> lockVisible(Handle h, RequestContext context, String scopeId) {
        Map<String, Object> scope = SubnetPoolTables.ADDRESS_SCOPES.findForUpdate(h, scopeId).orElseThrow(() -> scopeNotFound(scopeId));
        if (!ShareableResourceHandler.visible(context, scope)) {
            throw scopeNotFound(scopeId);
        }
        return scope;
    }

    /** Checks that pool {@code poolId} with {@code settings} may be in scope {@code scopeId} ({@code null}: none). */
    void checkJoin(Handle h, RequestContext context, String poolId, String scopeId, PoolSettings settings) {
        if (scopeId == null) {
            return;
        }
        Map<String, Object> scope = lockVisible(h, context, scopeId);
        int scopeVersion = ((Number) scope.get("ip_version")).intValue();
        if (scopeVersion != settings.ipVersion()) {
            throw NeutronException.badRequest("IllegalSubnetPoolIpVersionAssociationToAddressScope", "Illegal subnetpool association: "
                    + "subnetpool " + poolId + " cannot associate with address scope " + scopeId + " because subnetpool ip_version "
                    + "is not " + scopeVersion + ".");
        }
        checkNetworkAffinity(h, poolId, settings.ipVersion());
        ListQuery others = ListQuery.all().and(new ListQuery.Condition("t.address_scope_id = :scope_id AND t.id <> :pool_id",
                Map.of("scope_id", scopeId, "pool_id", poolId)));
        for (Map<String, Object> other : SubnetPoolTables.SUBNETPOOLS.list(h, others)) {
            PrefixSet theirs = PrefixSet.parse(settings.ipVersion(), (List<?>) other.get("prefixes"));
            if (theirs.intersects(settings.prefixes())) {
                throw NeutronException.conflict("AddressScopePrefixConflict", "Failed to associate address scope: subnetpools "
                        + "within an address scope must have unique prefixes.");
            }
        }
    }

    /**
     * A pool whose subnets share a network with subnets of the same IP version from elsewhere
     * cannot change scope ({@code NetworkAddressScopeAffinityError}).
     */
    private static void checkNetworkAffinity(Handle h, String poolId, int ipVersion) {
        int strangers = h.createQuery("SELECT COUNT(*) FROM subnets o WHERE o.ip_version = :v AND (o.subnetpool_id IS NULL "
                        + "OR o.subnetpool_id <> :p) AND o.network_id IN (SELECT s.network_id FROM subnets s WHERE s.subnetpool_id = :p)")
                .bind("v", ipVersion).bind("p", poolId).mapTo(Integer.class).one();
        if (strangers > 0) {
            throw networkAffinity();
        }
    }

    static NeutronException networkAffinity() {
        return NeutronException.badRequest("NetworkAddressScopeAffinityError", "Subnets of the same address family hosted on the same "
                + "network must all participate in the same address scope.");
    }

    /** A pool in a shared scope of another project may only be changed by an admin or the scope's owner. */
    void checkPoolUpdateAllowed(Handle h, RequestContext context, String poolId, String scopeId) {
        Map<String, Object> scope = lockVisible(h, context, scopeId);
        if (!context.isAdmin() && !java.util.Objects.equals(context.projectId(), scope.get("project_id"))) {
            throw NeutronException.badRequest("IllegalSubnetPoolUpdate", "Illegal subnetpool update : subnetpool " + poolId
                    + " cannot be updated when associated with shared address scope " + scopeId + ".");
        }
    }
}
