package org.neutrino.server.plugins.ml2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.agents.AgentStore;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.db.ListQuery;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.plugins.ml2.drivers.Segment;
import org.neutrino.server.callbacks.Event;

/**
 * Networks: the L2 segments. Publishes {@code network} events; deleting a network deletes its DHCP
 * ports and its subnets with their own events.
 */
public final class NetworkHandler extends Ml2ResourceHandler {
    private final NetworkSegments segments;
    private final AgentStore agentStore;
    private final SubnetHandler subnets;
    private final PortHandler ports;

    NetworkHandler(ResourceDef definition, ResourceServices services, NetworkSegments segments, AgentStore agentStore,
                   SubnetHandler subnets, PortHandler ports) {
        super(definition, CoreTables.NETWORKS, "Network", false, services);
        this.segments = segments;
        this.agentStore = agentStore;
        this.subnets = subnets;
        this.ports = ports;
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        items.forEach(item -> publishBefore(Event.BEFORE_CREATE, context, null, null, item));
        return createInOneTransaction(context, items, this::createNetwork);
    }

    /** Creates a network in {@code h}'s transaction; returns its id. */
    String createNetwork(Handle h, RequestContext context, Map<String, Object> item) {
        Map<String, Object> row = new LinkedHashMap<>(item);
        String id = UUID.randomUUID().toString();
        row.put("id", id);
        row.put("status", "ACTIVE");
        quotas.consume(h, (String) row.get("project_id"), "network", 1);
        List<Segment> reserved = segments.reserve(h, id, segments.requested(item));
        row.put("mtu", segments.mtu(reserved, item.get("mtu")));
        CoreTables.NETWORKS.insert(h, row);
        segments.store(h, id, reserved);
        if (item.get("tags") instanceof List<?> list && !list.isEmpty()) {
            tags.replace(h, id, list.stream().map(String::valueOf).toList());
        }
        attributes.processCreate(collection(), h, context, item, row);
        publishPrecommit(h, Event.PRECOMMIT_CREATE, context, id, null, row);
        publishAfterCommit(h, Event.AFTER_CREATE, context, id, null, () -> find(id).orElse(row));
        return id;
    }

    /** Rows with their subnets and tags: three queries whatever the number of rows. */
    @Override
    protected List<Map<String, Object>> load(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = CoreTables.NETWORKS.list(h, query);
        if (rows.isEmpty()) {
            return rows;
        }
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        Map<String, List<String>> subnetIds = new HashMap<>();
        h.createQuery("SELECT network_id, id FROM subnets WHERE network_id IN (<ids>) ORDER BY created_at, id")
                .bindList("ids", ids).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> subnetIds.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, List<String>> tagsById = tags.tagsOf(h, ids);
        segments.render(h, rows);
        for (Map<String, Object> row : rows) {
            String id = (String) row.get("id");
            row.put("tenant_id", row.get("project_id"));
            row.put("subnets", subnetIds.getOrDefault(id, List.of()));
            row.put("tags", tagsById.getOrDefault(id, List.of()));
        }
        return rows;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        publishBefore(Event.BEFORE_UPDATE, context, id, null, changes);
        database.inTransaction(h -> {
            Map<String, Object> current = lockAndLoad(h, id);
            Revisions.check(expectedRevision, current);
            if (Boolean.FALSE.equals(changes.get("shared")) && Boolean.TRUE.equals(current.get("shared"))) {
                int foreign = h.createQuery("SELECT COUNT(*) FROM ports WHERE network_id = :n AND project_id <> :p "
                                + "AND device_owner NOT LIKE 'network:%'")
                        .bind("n", id).bind("p", String.valueOf(current.get("project_id"))).mapTo(Integer.class).one();
                if (foreign > 0) {
                    throw NeutronException.conflict("InvalidSharedSetting", "Unable to reconfigure sharing settings for network "
                            + id + ". Multiple tenants are using it.");
                }
            }
            if (changes.containsKey("mtu")) {
                segments.mtu(segments.segmentsOf(h, id), changes.get("mtu"));
            }
            attributes.processUpdate(collection(), h, context, changes, current);
            CoreTables.NETWORKS.update(h, id, changes);
            Map<String, Object> latest = new LinkedHashMap<>(current);
            latest.putAll(changes);
            publishPrecommit(h, Event.PRECOMMIT_UPDATE, context, id, current, latest);
            h.afterCommit(() -> notifier.networkChanged(id));
            publishAfterCommit(h, Event.AFTER_UPDATE, context, id, current, () -> find(id).orElse(latest));
            return null;
        });
        return find(id).orElseThrow(() -> notFound(id));
    }

    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        publishBefore(Event.BEFORE_DELETE, context, id, null, null);
        database.inTransaction(h -> {
            Map<String, Object> current = lockAndLoad(h, id);
            List<String> dhcpHosts = agentStore.dhcpHostsOfNetwork(h, id);
            Revisions.check(expectedRevision, current);
            int inUse = h.createQuery("SELECT COUNT(*) FROM ports WHERE network_id = :n AND device_owner <> 'network:dhcp'")
                    .bind("n", id).mapTo(Integer.class).one();
            if (inUse > 0) {
                throw NeutronException.conflict("NetworkInUse", "Unable to complete operation on network " + id
                        + ". There are one or more ports still in use on the network.");
            }
            publishPrecommit(h, Event.PRECOMMIT_DELETE, context, id, current, null);
            ports.deleteAutoDeleted(h, context, id);
            subnets.deleteAllOfNetwork(h, context, id);
            segments.release(h, id);
            attributes.processDelete(collection(), h, current);
            tags.removeAll(h, id);
            CoreTables.NETWORKS.delete(h, id);
            quotas.release(h, (String) current.get("project_id"), "network", 1);
            h.afterCommit(() -> notifier.networkDeleted(id, dhcpHosts));
            publishAfterCommit(h, Event.AFTER_DELETE, context, id, current, () -> null);
            return null;
        });
    }

    @Override
    protected Optional<ListQuery.Condition> ownFilter(String attribute, List<Object> values) {
        return segments.filter(attribute, values);
    }

    @Override
    public ListQuery.Condition visibleTo(RequestContext context) {
        StringBuilder sql = new StringBuilder(context.projectId() == null ? "t.shared = TRUE"
                : "t.project_id = :scope_project OR t.shared = TRUE");
        Map<String, Object> binds = new HashMap<>();
        if (context.projectId() != null) {
            binds.put("scope_project", context.projectId());
        }
        for (ListQuery.Condition extra : attributes.visibleTo(collection(), context)) {
            sql.append(" OR (").append(extra.sql()).append(')');
            binds.putAll(extra.binds());
        }
        return new ListQuery.Condition(sql.toString(), binds);
    }
}
