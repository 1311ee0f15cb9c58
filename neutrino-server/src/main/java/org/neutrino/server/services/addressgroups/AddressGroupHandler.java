package org.neutrino.server.services.addressgroups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.addressgroups.AddressGroupStore;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.api.TableResourceHandler;
import org.neutrino.server.callbacks.CallbackRegistry;
import org.neutrino.server.callbacks.Event;
import org.neutrino.server.callbacks.ResourceEvent;
import org.neutrino.server.callbacks.Resources;

/**
 * {@code /v2.0/address-groups} and its member actions, as Neutron's {@code AddressGroupDbMixin}:
 * addresses are kept as CIDRs without host bits ({@code 10.0.0.5/24} is {@code 10.0.0.0/24}),
 * added and removed only by {@code add_addresses}/{@code remove_addresses}, each a 4xx when one of
 * its addresses already is (or is not) in the group. Every write locks the group's row and
 * publishes {@code PRECOMMIT_UPDATE} (addresses changed) or {@code PRECOMMIT_DELETE} of
 * {@link Resources#ADDRESS_GROUP}, where the security-group plugin refuses deleting a group its
 * rules name and tells the firewalls. A group is visible to its project only. Neutron counts no
 * quota for address groups.
 */
final class AddressGroupHandler extends TableResourceHandler {
    private final AddressGroupStore store = new AddressGroupStore();
    private final CallbackRegistry callbacks;

    AddressGroupHandler(ResourceDef definition, Database database, CallbackRegistry callbacks) {
        super(definition, AddressGroupStore.GROUPS, "AddressGroupNotFound", database);
        this.callbacks = callbacks;
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        return createInOneTransaction(context, items, this::createGroup);
    }

    private String createGroup(Handle h, RequestContext context, Map<String, Object> item) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> row = new LinkedHashMap<>(item);
        row.put("id", id);
        table.insert(h, row);
        if (item.get("addresses") instanceof List<?> addresses) {
            store.add(h, id, normalized(addresses));
        }
        return id;
    }

    @Override
    public List<Map<String, Object>> loadAll(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = table.list(h, query);
        Map<String, List<String>> addresses = store.addresses(h, rows.stream().map(r -> (String) r.get("id")).toList());
        for (Map<String, Object> row : rows) {
            row.put("tenant_id", row.get("project_id"));
            row.put("addresses", addresses.getOrDefault((String) row.get("id"), List.of()));
        }
        return rows;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        return database.inTransaction(h -> {
            Map<String, Object> current = lock(h, id);
            Revisions.check(expectedRevision, current);
            table.update(h, id, changes);
            return find(h, id).orElseThrow(() -> notFound(id));
        });
    }

    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> current = lock(h, id);
            Revisions.check(expectedRevision, current);
            callbacks.publish(ResourceEvent.precommit(Resources.ADDRESS_GROUP, Event.PRECOMMIT_DELETE, h, context, id, current, null));
            table.delete(h, id);
            return null;
        });
    }

    @Override
    public ListQuery.Condition visibleTo(RequestContext context) {
        return ownedByCallersProject(context);
    }

    /** {@code add_addresses}: 400 {@code AddressesAlreadyExist} when one is already in the group. */
    Map<String, Object> addAddresses(RequestContext context, Map<String, Object> member, Map<String, Object> body) {
        return changeAddresses(context, (String) member.get("id"), requested(body), true);
    }

    /** {@code remove_addresses}: 404 {@code AddressesNotFound} when one is not in the group. */
    Map<String, Object> removeAddresses(RequestContext context, Map<String, Object> member, Map<String, Object> body) {
        return changeAddresses(context, (String) member.get("id"), requested(body), false);
    }

    private Map<String, Object> changeAddresses(RequestContext context, String id, Set<String> addresses, boolean add) {
        return database.inTransaction(h -> {
            Map<String, Object> original = lock(h, id);
            List<?> present = (List<?>) original.get("addresses");
            Set<String> wrong = addresses.stream().filter(a -> present.contains(a) == add).collect(Collectors.toCollection(TreeSet::new));
            if (!wrong.isEmpty()) {
                throw add ? NeutronException.badRequest("AddressesAlreadyExist", "Addresses " + pythonList(wrong)
                        + " already exist in the address group " + id + ".")
                        : NeutronException.notFound("AddressesNotFound", "Addresses " + pythonList(wrong)
                        + " not found in the address group " + id + ".");
            }
            if (add) {
                store.add(h, id, addresses);
            } else {
                store.remove(h, id, addresses);
            }
            table.touch(h, id);
            Map<String, Object> latest = find(h, id).orElseThrow(() -> notFound(id));
            callbacks.publish(ResourceEvent.precommit(Resources.ADDRESS_GROUP, Event.PRECOMMIT_UPDATE, h, context, id, original, latest));
            return Map.of("address_group", latest);
        });
    }

    /** Locks the group's row until the transaction ends, then reads it; 404 when it does not exist. */
    private Map<String, Object> lock(Handle h, String id) {
        table.findForUpdate(h, id).orElseThrow(() -> notFound(id));
        return find(h, id).orElseThrow(() -> notFound(id));
    }

    private NeutronException notFound(String id) {
        return NeutronException.notFound(notFoundType(), "Address group " + id + " could not be found.");
    }

    /** The {@code addresses} of an action body (400 when missing), normalised. */
    private static Set<String> requested(Map<String, Object> body) {
        if (!(body.get("addresses") instanceof List<?> list)) {
            throw NeutronException.badRequest("HTTPBadRequest", "Request body contains invalid data");
        }
        return normalized(list);
    }

    /** CIDRs without host bits, each once. */
    private static Set<String> normalized(List<?> addresses) {
        Set<String> out = new TreeSet<>();
        addresses.forEach(a -> out.add(Cidr.parse((String) a).toString()));
        return out;
    }

    /** As Neutron's messages show a list: {@code ['10.0.0.0/24', '10.1.0.0/24']}. */
    private static String pythonList(Set<String> items) {
        return items.stream().map(i -> "'" + i + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
