package org.neutrino.server.services.subnetpools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.TagStore;
import org.neutrino.db.subnetpools.SubnetPoolTables;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.extensions.ExtendedAttributes;

/**
 * Address scopes: a shared scope cannot be unshared, and a scope with subnet pools cannot be
 * deleted ({@code AddressScopeInUse}); both are decided with the scope's row locked, the lock pools
 * take to join it. Neutron counts no quota for them.
 */
final class AddressScopeHandler extends ShareableResourceHandler {

    AddressScopeHandler(ResourceDef definition, Database database, TagStore tags, ExtendedAttributes attributes) {
        super(definition, SubnetPoolTables.ADDRESS_SCOPES, "AddressScopeNotFound", "Address scope", database, tags, attributes);
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        return createInOneTransaction(context, items, this::createScope);
    }

    private String createScope(Handle h, RequestContext context, Map<String, Object> item) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> row = new LinkedHashMap<>(item);
        row.put("id", id);
        SubnetPoolTables.ADDRESS_SCOPES.insert(h, row);
        writeTags(h, id, item);
        return id;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> current = lockAndLoad(h, id);
            Revisions.check(expectedRevision, current);
            if (Boolean.TRUE.equals(current.get("shared")) && Boolean.FALSE.equals(changes.get("shared"))) {
                throw NeutronException.badRequest("AddressScopeUpdateError", "Unable to update address scope " + id
                        + " : Shared address scope can't be unshared.");
            }
            SubnetPoolTables.ADDRESS_SCOPES.update(h, id, changes);
            return null;
        });
        return find(id).orElseThrow(() -> notFound(id));
    }

    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> current = lockAndLoad(h, id);
            Revisions.check(expectedRevision, current);
            if (h.createQuery("SELECT COUNT(*) FROM subnetpools WHERE address_scope_id = :s").bind("s", id)
                    .mapTo(Integer.class).one() > 0) {
                throw NeutronException.conflict("AddressScopeInUse", "Unable to complete operation on address scope " + id
                        + ". There are one or more subnet pools in use on the address scope.");
            }
            tags.removeAll(h, id);
            SubnetPoolTables.ADDRESS_SCOPES.delete(h, id);
            return null;
        });
    }
}
