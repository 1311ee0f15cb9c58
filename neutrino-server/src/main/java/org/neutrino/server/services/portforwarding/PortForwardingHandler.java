package org.neutrino.server.services.portforwarding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.l3.L3Tables;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.api.TableResourceHandler;
import org.neutrino.server.callbacks.CallbackRegistry;
import org.neutrino.server.callbacks.Event;
import org.neutrino.server.callbacks.ResourceEvent;
import org.neutrino.server.callbacks.Resources;

/**
 * The port forwardings of one floating IP ({@code /v2.0/floatingips/<id>/port_forwardings}), as
 * Neutron's {@code PFPlugin}: every read and write is limited to that floating IP's rows; a
 * forwarding belongs to the floating IP's project. Writes lock the floating IP's row: a floating IP
 * associated with a port gets no forwardings (409 {@code FloatingIPPortAlreadyAssociated}), the
 * first forwarding sets its {@code router_id} (the router reaching the internal port) and the last
 * one's delete clears it. {@code (external_port, protocol)} and {@code (internal port, address,
 * internal_port, protocol)} are each used once (400, Neutron's duplicate entry). Every change is
 * published as {@code PRECOMMIT_*} of {@link Resources#PORT_FORWARDING} with the router's id, where
 * the router plugin tells the router's agent.
 */
final class PortForwardingHandler extends TableResourceHandler {
    private final String floatingIpId;
    private final ForwardingTargets targets;
    private final CallbackRegistry callbacks;

    PortForwardingHandler(ResourceDef definition, Database database, String floatingIpId, ForwardingTargets targets,
                          CallbackRegistry callbacks) {
        super(definition, L3Tables.PORT_FORWARDINGS, "PortForwardingNotFound", database);
        this.floatingIpId = floatingIpId;
        this.targets = targets;
        this.callbacks = callbacks;
    }

    /** The forwardings' project is the floating IP's, whoever creates them (an admin may, for any project). */
    @Override
    public void beforeCreate(RequestContext context, Map<String, Object> item) {
        Object project = database.read(h -> floatingIp(h)).get("project_id");
        item.put("project_id", project);
        item.put("tenant_id", project);
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        return createInOneTransaction(context, items, this::createForwarding);
    }

    private String createForwarding(Handle h, RequestContext context, Map<String, Object> item) {
        Map<String, Object> fip = lockFloatingIp(h);
        String portId = (String) item.get("internal_port_id");
        if (fip.get("port_id") != null) {
            throw NeutronException.conflict("FloatingIPPortAlreadyAssociated", "Cannot associate floating IP "
                    + fip.get("floating_ip_address") + " (" + floatingIpId + ") with port " + portId + " using fixed IP "
                    + item.get("internal_ip_address") + ", as that fixed IP already has a floating IP on external network "
                    + fip.get("floating_network_id") + ".");
        }
        ForwardingTargets.Target target = targets.resolve(h, context, fip, portId, (String) item.get("internal_ip_address"));
        Map<String, Object> row = new LinkedHashMap<>(item);
        row.put("id", UUID.randomUUID().toString());
        row.put("floatingip_id", floatingIpId);
        row.put("internal_ip_address", target.ipAddress());
        refuseDuplicates(h, row);
        if (fip.get("router_id") == null) {
            L3Tables.FLOATING_IPS.update(h, floatingIpId, Map.of("router_id", target.routerId()));
        }
        table.insert(h, row);
        callbacks.publish(ResourceEvent.precommit(Resources.PORT_FORWARDING, Event.PRECOMMIT_CREATE, h, context,
                (String) row.get("id"), null, withRouter(row, target.routerId())));
        return (String) row.get("id");
    }

    @Override
    public List<Map<String, Object>> loadAll(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = table.list(h, query.and(ofFloatingIp()));
        rows.forEach(row -> row.put("tenant_id", row.get("project_id")));
        return rows;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        return database.inTransaction(h -> {
            Map<String, Object> fip = lockFloatingIp(h);
            Map<String, Object> current = lockForwarding(h, id, expectedRevision);
            Map<String, Object> latest = new LinkedHashMap<>(current);
            latest.putAll(changes);
            if (changes.containsKey("internal_port_id") || changes.containsKey("internal_ip_address")) {
                ForwardingTargets.Target target = targets.resolve(h, context, fip, (String) latest.get("internal_port_id"),
                        (String) changes.get("internal_ip_address"));
                latest.put("internal_ip_address", target.ipAddress());
            }
            refuseDuplicates(h, latest);
            Map<String, Object> columns = new LinkedHashMap<>(changes);
            columns.put("internal_ip_address", latest.get("internal_ip_address"));
            table.update(h, id, columns);
            Map<String, Object> updated = find(h, id).orElseThrow(() -> notFound(id));
            callbacks.publish(ResourceEvent.precommit(Resources.PORT_FORWARDING, Event.PRECOMMIT_UPDATE, h, context, id,
                    withRouter(current, (String) fip.get("router_id")), withRouter(updated, (String) fip.get("router_id"))));
            return updated;
        });
    }

    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> fip = lockFloatingIp(h);
            Map<String, Object> current = lockForwarding(h, id, expectedRevision);
            deleteLocked(h, context, fip, current);
            return null;
        });
    }

    /**
     * Deletes the floating IP's forwardings to {@code portId} whose internal address is not in
     * {@code kept}: the port is being deleted (none kept) or changed its fixed addresses (inside its transaction).
     */
    void portChanged(Handle h, RequestContext context, String portId, Set<String> kept) {
        Map<String, Object> fip = lockFloatingIp(h);
        ListQuery toPort = ListQuery.all().and(ofFloatingIp()).and(table.in("internal_port_id", List.of(portId), "pf_port"));
        for (Map<String, Object> forwarding : table.list(h, toPort)) {
            if (!kept.contains(forwarding.get("internal_ip_address"))) {
                deleteLocked(h, context, fip, forwarding);
            }
        }
    }

    /** Deletes a forwarding (the floating IP's row locked); the floating IP's last forwarding takes its router with it. */
    private void deleteLocked(Handle h, RequestContext context, Map<String, Object> fip, Map<String, Object> forwarding) {
        String id = (String) forwarding.get("id");
        table.delete(h, id);
        if (table.list(h, ListQuery.all().and(ofFloatingIp())).isEmpty()) {
            L3Tables.FLOATING_IPS.update(h, floatingIpId, Collections.singletonMap("router_id", null));
        }
        callbacks.publish(ResourceEvent.precommit(Resources.PORT_FORWARDING, Event.PRECOMMIT_DELETE, h, context, id,
                withRouter(forwarding, (String) fip.get("router_id")), null));
    }

    @Override
    public ListQuery.Condition visibleTo(RequestContext context) {
        return ownedByCallersProject(context);
    }

    /** A forwarding of this floating IP, locked, at the expected revision (if any); 404 otherwise. */
    private Map<String, Object> lockForwarding(Handle h, String id, Long expectedRevision) {
        Map<String, Object> current = table.findForUpdate(h, id).filter(r -> floatingIpId.equals(r.get("floatingip_id")))
                .orElseThrow(() -> notFound(id));
        Revisions.check(expectedRevision, current);
        return current;
    }

    private ListQuery.Condition ofFloatingIp() {
        return new ListQuery.Condition("t.floatingip_id = :pf_floatingip", Map.of("pf_floatingip", floatingIpId));
    }

    private Map<String, Object> floatingIp(Handle h) {
        return L3Tables.FLOATING_IPS.find(h, floatingIpId).orElseThrow(this::floatingIpNotFound);
    }

    private Map<String, Object> lockFloatingIp(Handle h) {
        return L3Tables.FLOATING_IPS.findForUpdate(h, floatingIpId).orElseThrow(this::floatingIpNotFound);
    }

    private NeutronException floatingIpNotFound() {
        return NeutronException.notFound("FloatingIPNotFound", "Floating IP " + floatingIpId + " could not be found");
    }

    private NeutronException notFound(String id) {
        return NeutronException.notFound(notFoundType(), "Port Forwarding " + id + " could not be found.");
    }

    /**
     * 400 when another forwarding of the floating IP uses the same external port and protocol, or
     * another forwarding the same internal socket and protocol.
     */
    private static void refuseDuplicates(Handle h, Map<String, Object> forwarding) {
        Map<String, Object> external = new LinkedHashMap<>();
        external.put("floatingip_id", forwarding.get("floatingip_id"));
        external.put("external_port", forwarding.get("external_port"));
        external.put("protocol", forwarding.get("protocol"));
        Map<String, Object> internal = new LinkedHashMap<>();
        internal.put("internal_port_id", forwarding.get("internal_port_id"));
        internal.put("internal_ip_address", forwarding.get("internal_ip_address"));
        internal.put("internal_port", forwarding.get("internal_port"));
        internal.put("protocol", forwarding.get("protocol"));
        for (Map<String, Object> values : List.of(external, internal)) {
            ListQuery query = ListQuery.all().and(new ListQuery.Condition("t.id <> :pf_self", Map.of("pf_self", forwarding.get("id"))));
            for (Map.Entry<String, Object> value : values.entrySet()) {
                query = query.and(L3Tables.PORT_FORWARDINGS.in(value.getKey(), List.of(value.getValue()), "pf_" + value.getKey()));
            }
            if (!L3Tables.PORT_FORWARDINGS.list(h, query).isEmpty()) {
                throw ForwardingTargets.badRequest("A duplicate port forwarding entry with same attributes already exists, "
                        + "conflicting values are " + pythonDict(values));
            }
        }
    }

    /** As Neutron shows a dict: {@code {'external_port': 80, 'protocol': 'tcp'}}. */
    private static String pythonDict(Map<String, Object> values) {
        StringBuilder out = new StringBuilder("{");
        values.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append('\'').append(k).append("': ")
                .append(v instanceof String ? "'" + v + "'" : String.valueOf(v)));
        return out.append('}').toString();
    }

    private static Map<String, Object> withRouter(Map<String, Object> forwarding, String routerId) {
        Map<String, Object> out = new LinkedHashMap<>(forwarding);
        out.put("router_id", routerId);
        return out;
    }
}
