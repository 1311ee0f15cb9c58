package org.neutrino.server.plugins.ml2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ipam.IpamStore.Allocation;
import org.neutrino.lib.api.Converters;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.callbacks.Event;

/**
 * Ports: a MAC and addresses on a network, bound to a host by the mechanism drivers. Publishes
 * {@code port} events; every write tells the L2 and DHCP agents after its transaction commits.
 */
public final class PortHandler extends Ml2ResourceHandler {
    /** Device owners of the ports deleted with their network, as Neutron's {@code AUTO_DELETE_PORT_OWNERS}. */
    private static final String DHCP_OWNER = "network:dhcp";

    private final PortAddresses addresses;
    private final MacAddresses macs;
    private final PortBinder binder;

    PortHandler(ResourceDef definition, ResourceServices services, PortAddresses addresses, MacAddresses macs, PortBinder binder) {
        super(definition, CoreTables.PORTS, "Port", true, services);
        this.addresses = addresses;
        this.macs = macs;
        this.binder = binder;
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        items.forEach(item -> publishBefore(Event.BEFORE_CREATE, context, null, null, item));
        return createInOneTransaction(context, items, this::createPort);
    }

    /** Creates a port from a prepared item in {@code h}'s transaction; returns its id. */
    String createPort(Handle h, RequestContext context, Map<String, Object> item) {
        String networkId = (String) item.get("network_id");
        CoreTables.NETWORKS.find(h, networkId).orElseThrow(() -> Ml2ResourceHandler.networkNotFound(networkId));
        quotas.consume(h, (String) item.get("project_id"), "port", 1);
        String mac = item.containsKey("mac_address") ? (String) item.get("mac_address") : null;
        if (mac != null) {
            MacAddresses.checkFree(h, networkId, mac);
        } else {
            mac = macs.generate(h, networkId);
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> row = new LinkedHashMap<>(item);
        row.put("id", id);
        row.put("mac_address", mac);
        row.put("status", "DOWN");
        binder.bind(h, row);
        CoreTables.PORTS.insert(h, row);
        List<Subnet> subnets = Subnet.lockAllOfNetwork(h, networkId);
        addresses.allocate(h, id, networkId, mac, (String) item.get("device_owner"), subnets, (List<?>) item.get("fixed_ips"));
        if (item.get("tags") instanceof List<?> list && !list.isEmpty()) {
            tags.replace(h, id, list.stream().map(String::valueOf).toList());
        }
        attributes.processCreate(collection(), h, context, item, row);
        publishPrecommit(h, Event.PRECOMMIT_CREATE, context, id, null, row);
        h.afterCommit(() -> notifier.portChanged(id, networkId));
        publishAfterCommit(h, Event.AFTER_CREATE, context, id, null, () -> find(id).orElse(row));
        return id;
    }

    /** Rows with their addresses, tags and network owner: four queries whatever the number of rows. */
    @Override
    protected List<Map<String, Object>> load(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = CoreTables.PORTS.list(h, query);
        if (rows.isEmpty()) {
            return rows;
        }
        access.addOwners(h, rows);
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        Map<String, List<Allocation>> allocations = addresses.ipam().allocationsOfPorts(h, ids);
        Map<String, List<String>> tagsById = tags.tagsOf(h, ids);
        for (Map<String, Object> row : rows) {
            String id = (String) row.get("id");
            row.put("tenant_id", row.get("project_id"));
            List<Map<String, Object>> fixedIps = new ArrayList<>();
            for (Allocation a : allocations.getOrDefault(id, List.of())) {
                Map<String, Object> ip = new LinkedHashMap<>();
                ip.put("subnet_id", a.subnetId());
                ip.put("ip_address", a.ipAddress());
                fixedIps.add(ip);
            }
            row.put("fixed_ips", fixedIps);
            row.put("tags", tagsById.getOrDefault(id, List.of()));
        }
        return rows;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        publishBefore(Event.BEFORE_UPDATE, context, id, null, changes);
        return database.inTransaction(h -> updatePort(h, context, id, changes, expectedRevision));
    }

    /** Applies prepared changes in {@code h}'s transaction. */
    Map<String, Object> updatePort(Handle h, RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        Map<String, Object> current = lockAndLoad(h, id);
        Revisions.check(expectedRevision, current);
        String networkId = (String) current.get("network_id");
        Object mac = changes.get("mac_address");
        if (mac != null && !mac.equals(current.get("mac_address"))) {
            if (!"unbound".equals(current.get("binding:vif_type")) && !"binding_failed".equals(current.get("binding:vif_type"))) {
                throw NeutronException.conflict("PortBound", "Unable to complete operation on port " + id + ", port is already "
                        + "bound, port type: " + current.get("binding:vif_type") + ", old_mac " + current.get("mac_address")
                        + ", new_mac " + mac + ".");
            }
            MacAddresses.checkFree(h, networkId, (String) mac);
        }
        if (changes.containsKey("fixed_ips")) {
            String owner = (String) changes.getOrDefault("device_owner", current.get("device_owner"));
            addresses.replace(h, id, networkId, (String) current.get("mac_address"), owner, Subnet.lockAllOfNetwork(h, networkId),
                    (List<?>) changes.get("fixed_ips"));
        }
        Map<String, Object> columns = new LinkedHashMap<>(changes);
        columns.remove("fixed_ips");
        if (changes.containsKey("binding:host_id") && !changes.get("binding:host_id").equals(current.get("binding:host_id"))
                || changes.containsKey("binding:profile") || changes.containsKey("binding:vnic_type")) {
            Map<String, Object> bound = new LinkedHashMap<>(current);
            bound.putAll(columns);
            binder.bind(h, bound);
            columns.put("binding:vif_type", bound.get("binding:vif_type"));
            columns.put("binding:vif_details", bound.get("binding:vif_details"));
        }
        attributes.processUpdate(collection(), h, context, changes, current);
        CoreTables.PORTS.update(h, id, columns);
        Map<String, Object> latest = find(h, id).orElseThrow(() -> notFound(id));
        publishPrecommit(h, Event.PRECOMMIT_UPDATE, context, id, current, latest);
        h.afterCommit(() -> notifier.portChanged(id, networkId));
        publishAfterCommit(h, Event.AFTER_UPDATE, context, id, current, () -> latest);
        return latest;
    }

    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        publishBefore(Event.BEFORE_DELETE, context, id, null, null);
        database.inTransaction(h -> {
            deletePort(h, context, id, expectedRevision);
            return null;
        });
    }

    /** Deletes a port in {@code h}'s transaction: addresses back to the pools, quota, tags. */
    void deletePort(Handle h, RequestContext context, String id, Long expectedRevision) {
        Map<String, Object> port = lockAndLoad(h, id);
        Revisions.check(expectedRevision, port);
        String networkId = (String) port.get("network_id");
        publishPrecommit(h, Event.PRECOMMIT_DELETE, context, id, port, null);
        addresses.releaseAll(h, id, Subnet.lockAllOfNetwork(h, networkId));
        attributes.processDelete(collection(), h, port);
        tags.removeAll(h, id);
        CoreTables.PORTS.delete(h, id);
        quotas.release(h, (String) port.get("project_id"), "port", 1);
        h.afterCommit(() -> notifier.portDeleted(id, networkId));
        publishAfterCommit(h, Event.AFTER_DELETE, context, id, port, () -> null);
    }

    /** Deletes the ports Neutron removes with their network (DHCP ports), in {@code h}'s transaction. */
    void deleteAutoDeleted(Handle h, RequestContext context, String networkId) {
        for (String portId : h.createQuery("SELECT id FROM ports WHERE network_id = :n AND device_owner = :o ORDER BY id")
                .bind("n", networkId).bind("o", DHCP_OWNER).mapTo(String.class).list()) {
            deletePort(h, context, portId, null);
        }
    }

    @Override
    public ListQuery.Condition visibleTo(RequestContext context) {
        if (context.projectId() == null) {
            return new ListQuery.Condition("1 = 0", Map.of());
        }
        return new ListQuery.Condition("t.project_id = :scope_project OR t.network_id IN "
                + "(SELECT id FROM networks WHERE project_id = :scope_project)",
                Map.of("scope_project", context.projectId()));
    }

    /** {@code fixed_ips=ip_address=...}, {@code fixed_ips=subnet_id=...}, {@code fixed_ips=ip_address_substr=...}. */
    @Override
    protected Optional<ListQuery.Condition> ownFilter(String attribute, List<Object> values) {
        if (!attribute.equals("fixed_ips")) {
            return Optional.empty();
        }
        Map<String, List<String>> parts = Converters.keyValuePairs(values.stream().map(String::valueOf).toList());
        List<String> terms = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, List<String>> part : parts.entrySet()) {
            String column = switch (part.getKey()) {
                case "ip_address" -> "ip_address";
                case "subnet_id" -> "subnet_id";
                case "ip_address_substr" -> null;
                default -> throw NeutronException.badRequest("HTTPBadRequest", "Invalid fixed_ips filter '" + part.getKey() + "'");
            };
            List<String> alternatives = new ArrayList<>();
            for (String value : part.getValue()) {
                String bind = "fip" + n++;
                if (column == null) {
                    alternatives.add("ip_address LIKE :" + bind);
                    binds.put(bind, "%" + value.replace("%", "").replace("_", "") + "%");
                } else {
                    alternatives.add(column + " = :" + bind);
                    binds.put(bind, value);
                }
            }
            terms.add("(" + String.join(" OR ", alternatives) + ")");
        }
        return Optional.of(new ListQuery.Condition("t.id IN (SELECT port_id FROM ipallocations WHERE "
                + String.join(" AND ", terms) + ")", binds));
    }
}
