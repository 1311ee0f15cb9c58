package org.neutrino.server.services.l3;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.neutrino.db.ResourceTable;
import org.neutrino.db.TagStore;
import org.neutrino.db.l3.L3Store;
import org.neutrino.db.l3.L3Tables;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.TableResourceHandler;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.extensions.ExtendedAttributes;
import org.neutrino.server.plugins.CorePlugin;
import org.neutrino.server.quota.QuotaEngine;

/**
 * Floating IPs: an address of an external network held by a port of no project (device owner
 * {@code network:floatingip}), associated with a fixed address of a project's port behind a
 * router that has a gateway on that network and an interface on the port's subnet. One floating
 * IP per fixed address and external network (a unique key); {@code DOWN} until the L3 agent
 * reports it configured.
 */
final class FloatingIpHandler extends TableResourceHandler {
    private static final RequestContext INTERNAL = RequestContext.admin("req-l3-floatingips");
    private static final List<String> PORT_DETAILS = List.of("name", "network_id", "mac_address", "admin_state_up", "status",
            "device_id", "device_owner");

    private final TagStore tags;
    private final QuotaEngine quotas;
    private final CorePlugin core;
    private final L3Store store;
    private final L3Notifier notifier;
    private final ExtendedAttributes attributes;

    FloatingIpHandler(ResourceDef definition, Database database, TagStore tags, QuotaEngine quotas, CorePlugin core, L3Store store,
                      L3Notifier notifier, ExtendedAttributes attributes) {
        super(definition, L3Tables.FLOATING_IPS, "FloatingIPNotFound", database);
        this.tags = tags;
        this.quotas = quotas;
        this.core = core;
        this.store = store;
        this.notifier = notifier;
        this.attributes = attributes;
    }

    private static NeutronException badRequest(String message) {
        return NeutronException.badRequest("BadRequest", "Bad floatingip request: " + message + ".");
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        return createInOneTransaction(context, items, this::createFloatingIp);
    }

    private String createFloatingIp(Handle h, RequestContext context, Map<String, Object> item) {
        String networkId = (String) item.get("floating_network_id");
        core.getNetwork(h, networkId)
                .orElseThrow(() -> NeutronException.notFound("NetworkNotFound", "Network " + networkId + " could not be found."));
        if (!store.isExternal(h, networkId)) {
            throw badRequest("Network " + networkId + " is not a valid external network");
        }
        quotas.consume(h, (String) item.get("project_id"), "floatingip", 1);
        String id = UUID.randomUUID().toString();
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("network_id", networkId);
        port.put("project_id", "");
        port.put("tenant_id", "");
        port.put("name", "");
        port.put("device_owner", L3Store.FLOATING_IP);
        port.put("device_id", id);
        Map<String, Object> wanted = new LinkedHashMap<>();
        if (item.get("subnet_id") != null) {
            wanted.put("subnet_id", item.get("subnet_id"));
        }
        if (item.get("floating_ip_address") != null) {
            wanted.put("ip_address", item.get("floating_ip_address"));
        }
        if (!wanted.isEmpty()) {
            port.put("fixed_ips", List.of(wanted));
        }
        Map<String, Object> created = core.createPort(h, INTERNAL, port);
        String address = ipv4Addresses(created).stream().findFirst().orElseThrow(() -> NeutronException.badRequest(
                "ExternalIpAddressExhausted", "Unable to find any IP address on external network " + networkId + "."));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("project_id", item.get("project_id"));
        row.put("description", item.get("description"));
        row.put("floating_ip_address", address);
        row.put("floating_network_id", networkId);
        row.put("floating_port_id", created.get("id"));
        row.put("status", "DOWN");
        if (item.get("port_id") != null) {
            row.putAll(association(h, context, row, (String) item.get("port_id"), (String) item.get("fixed_ip_address")));
        }
        L3Tables.FLOATING_IPS.insert(h, row);
        if (item.get("tags") instanceof List<?> list && !list.isEmpty()) {
            tags.replace(h, id, list.stream().map(String::valueOf).toList());
        }
        if (row.get("router_id") != null) {
            notifier.routersUpdated(h, List.of((String) row.get("router_id")));
        }
        return id;
    }

    private static List<String> ipv4Addresses(Map<String, Object> port) {
        List<String> out = new ArrayList<>();
        for (Object fixedIp : (List<?>) port.get("fixed_ips")) {
            String ip = (String) ((Map<?, ?>) fixedIp).get("ip_address");
            if (!ip.contains(":")) {
                out.add(ip);
            }
        }
        return out;
    }

    /**
     * The columns of an association with {@code portId}'s fixed address (the port locked): the
     * address, and the router that connects it to the floating IP's network.
     */
    private Map<String, Object> association(Handle h, RequestContext context, Map<String, Object> fip, String portId, String fixedIp) {
        Map<String, Object> port = core.lockPort(h, portId)
                .filter(p -> context.isAdmin() || String.valueOf(fip.get("project_id")).equals(p.get("project_id")))
                .orElseThrow(() -> NeutronException.notFound("PortNotFound", "Port " + portId + " could not be found."));
        List<String> addresses = ipv4Addresses(port);
        String address;
        if (fixedIp != null) {
            if (!addresses.contains(fixedIp)) {
                throw badRequest("Port " + portId + " does not have fixed ip " + fixedIp);
            }
            address = fixedIp;
        } else if (addresses.isEmpty()) {
            throw badRequest("No IPv4 address on port " + portId + " to associate with a floating IP");
        } else if (addresses.size() > 1) {
            throw badRequest("Port " + portId + " has multiple fixed IPv4 addresses. Must provide a specific IPv4 address when "
                    + "assigning a floating IP");
        } else {
            address = addresses.get(0);
        }
        String subnetId = ((List<?>) port.get("fixed_ips")).stream().map(f -> (Map<?, ?>) f)
                .filter(f -> address.equals(f.get("ip_address"))).map(f -> (String) f.get("subnet_id")).findFirst().orElseThrow();
        String networkId = (String) fip.get("floating_network_id");
        String routerId = store.routersBetween(h, networkId, subnetId).stream().findFirst().orElseThrow(() ->
                NeutronException.notFound("ExternalGatewayForFloatingIPNotFound", "External network " + networkId
                        + " is not reachable from subnet " + subnetId + ".  Therefore, cannot associate Port " + portId
                        + " with a Floating IP."));
        Optional<String> holder = h.createQuery("SELECT id FROM floatingips WHERE floating_network_id = :n AND fixed_port_id = :p "
                        + "AND fixed_ip_address = :a AND id <> :id")
                .bind("n", networkId).bind("p", portId).bind("a", address).bind("id", (String) fip.get("id"))
                .mapTo(String.class).findOne();
        if (holder.isPresent()) {
            throw NeutronException.conflict("FloatingIPPortAlreadyAssociated", "Cannot associate floating IP "
                    + fip.get("floating_ip_address") + " (" + fip.get("id") + ") with port " + portId + " using fixed IP " + address
                    + ", as that fixed IP already has a floating IP on external network " + networkId + ".");
        }
        Map<String, Object> out = new HashMap<>();
        out.put("port_id", portId);
        out.put("fixed_ip_address", address);
        out.put("router_id", routerId);
        return out;
    }

    private static Map<String, Object> disassociation() {
        Map<String, Object> out = new HashMap<>();
        out.put("port_id", null);
        out.put("fixed_ip_address", null);
        out.put("router_id", null);
        return out;
    }

    /** Rows with tags and port details: three queries whatever their number. */
    @Override
    public List<Map<String, Object>> loadAll(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = L3Tables.FLOATING_IPS.list(h, query);
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<String>> tagsById = tags.tagsOf(h, rows.stream().map(r -> (String) r.get("id")).toList());
        List<String> portIds = rows.stream().map(r -> (String) r.get("port_id")).filter(p -> p != null).distinct().toList();
        Map<String, Map<String, Object>> details = new HashMap<>();
        if (!portIds.isEmpty()) {
            h.createQuery("SELECT id, name, network_id, mac_address, admin_state_up, status, device_id, device_owner FROM ports "
                            + "WHERE id IN (<ids>)").bindList("ids", portIds)
                    .map((rs, ctx) -> {
                        Map<String, Object> d = new LinkedHashMap<>();
                        for (int i = 0; i < PORT_DETAILS.size(); i++) {
                            d.put(PORT_DETAILS.get(i), PORT_DETAILS.get(i).equals("admin_state_up") ? rs.getBoolean(i + 2)
                                    : rs.getString(i + 2));
                        }
                        return Map.entry(rs.getString(1), d);
                    })
                    .forEach(e -> details.put(e.getKey(), e.getValue()));
        }
        for (Map<String, Object> row : rows) {
            row.put("tenant_id", row.get("project_id"));
            row.put("tags", tagsById.getOrDefault((String) row.get("id"), List.of()));
            row.put("port_details", row.get("port_id") == null ? null : details.get(row.get("port_id")));
        }
        attributes.extend(definition.collection(), h, rows);
        return rows;
    }

    private Map<String, Object> lock(Handle h, String id) {
        L3Tables.FLOATING_IPS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
        return find(h, id).orElseThrow(() -> notFound(id));
    }

    private static NeutronException notFound(String id) {
        return NeutronException.notFound("FloatingIPNotFound", "Floating IP " + id + " could not be found");
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        return database.inTransaction(h -> {
            Map<String, Object> current = lock(h, id);
            Revisions.check(expectedRevision, current);
            attributes.processUpdate(definition.collection(), h, context, changes, current);
            Map<String, Object> columns = new HashMap<>();
            if (changes.containsKey("description")) {
                columns.put("description", changes.get("description"));
            }
            if (changes.containsKey("port_id") || changes.containsKey("fixed_ip_address")) {
                String portId = (String) changes.getOrDefault("port_id", current.get("port_id"));
                columns.putAll(portId == null ? disassociation()
                        : association(h, context, current, portId, (String) changes.get("fixed_ip_address")));
                columns.put("status", "DOWN");
            }
            L3Tables.FLOATING_IPS.update(h, id, columns);
            Set<String> touched = new LinkedHashSet<>();
            if (current.get("router_id") != null) {
                touched.add((String) current.get("router_id"));
            }
            if (columns.get("router_id") != null) {
                touched.add((String) columns.get("router_id"));
            }
            notifier.routersUpdated(h, touched);
            return find(h, id).orElseThrow(() -> notFound(id));
        });
    }

    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> current = lock(h, id);
            Revisions.check(expectedRevision, current);
            if (current.get("router_id") != null) {
                notifier.routersUpdated(h, List.of((String) current.get("router_id")));
            }
            tags.removeAll(h, id);
            L3Tables.FLOATING_IPS.delete(h, id);
            core.deletePort(h, INTERNAL, (String) current.get("floating_port_id"));
            quotas.release(h, (String) current.get("project_id"), "floatingip", 1);
            return null;
        });
    }

    /**
     * Disassociates the floating IPs of a port being deleted (inside its transaction, the port
     * locked) and tells their routers' agents.
     */
    void portDeleted(Handle h, String portId) {
        List<String> routers = h.createQuery("SELECT DISTINCT router_id FROM floatingips WHERE fixed_port_id = :p AND router_id IS NOT NULL")
                .bind("p", portId).mapTo(String.class).list();
        List<String> ids = h.createQuery("SELECT id FROM floatingips WHERE fixed_port_id = :p").bind("p", portId)
                .mapTo(String.class).list();
        Map<String, Object> columns = disassociation();
        columns.put("status", "DOWN");
        L3Tables.FLOATING_IPS.updateAll(h, ids, columns);
        notifier.routersUpdated(h, routers);
    }

    /** Whether a port is the port of a floating IP. */
    boolean isFloatingIpPort(Handle h, String portId) {
        return h.createQuery("SELECT COUNT(*) FROM floatingips WHERE floating_port_id = :p").bind("p", portId)
                .mapTo(Integer.class).one() > 0;
    }

    /** Sets the statuses the L3 agent of {@code routerId} reports (update_floatingip_statuses). */
    void updateStatuses(String routerId, Map<String, String> statuses) {
        database.inTransaction(h -> {
            for (Map.Entry<String, String> status : statuses.entrySet()) {
                h.createUpdate("UPDATE floatingips SET status = :s, revision_number = revision_number + 1, updated_at = :u "
                                + "WHERE id = :id AND status <> :s AND (router_id = :r OR router_id IS NULL)")
                        .bind("s", status.getValue()).bind("u", ResourceTable.now()).bind("id", status.getKey()).bind("r", routerId)
                        .execute();
            }
            return null;
        });
    }

    @Override
    public ListQuery.Condition visibleTo(RequestContext context) {
        return ownedByCallersProject(context);
    }
}
