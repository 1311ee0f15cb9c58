package org.neutrino.server.plugins.ml2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.TagStore;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.plugins.ml2.drivers.Segment;
import org.neutrino.server.quota.QuotaEngine;

/** Networks: the L2 segments. */
public final class NetworkHandler extends Ml2ResourceHandler {
    NetworkHandler(ResourceDef definition, Database database, TagStore tags, QuotaEngine quotas, Ml2Plugin plugin) {
        super(definition, CoreTables.NETWORKS, "Network", false, database, tags, quotas, plugin);
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        List<String> ids = database.inTransaction(h -> {
            List<String> created = new ArrayList<>();
            for (Map<String, Object> item : items) {
                Map<String, Object> row = new LinkedHashMap<>(item);
                String id = UUID.randomUUID().toString();
                row.put("id", id);
                row.put("status", "ACTIVE");
                quotas.consume(h, (String) row.get("project_id"), "network", 1);
                List<Segment> segments = plugin.segments().reserve(h, id, plugin.segments().requested(item));
                row.put("mtu", plugin.segments().mtu(segments, item.get("mtu")));
                CoreTables.NETWORKS.insert(h, row);
                plugin.segments().store(h, id, segments);
                if (item.get("tags") instanceof List<?> list && !list.isEmpty()) {
                    tags.replace(h, id, list.stream().map(String::valueOf).toList());
                }
                created.add(id);
            }
            return created;
        });
        return loadInOrder(ids);
    }

    /** Rows with their subnets and tags: three queries whatever the number of rows. */
    @Override
    protected List<Map<String, Object>> load(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = CoreTables.NETWORKS.list(h, query);
        if (rows.isEmpty()) {
            return rows;
        }
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        Map<String, List<String>> subnets = new HashMap<>();
        h.createQuery("SELECT network_id, id FROM subnets WHERE network_id IN (<ids>) ORDER BY created_at, id")
                .bindList("ids", ids).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> subnets.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, List<String>> tagsById = tags.tagsOf(h, ids);
        plugin.segments().render(h, rows);
        for (Map<String, Object> row : rows) {
            String id = (String) row.get("id");
            row.put("tenant_id", row.get("project_id"));
            row.put("subnets", subnets.getOrDefault(id, List.of()));
            row.put("tags", tagsById.getOrDefault(id, List.of()));
        }
        return rows;
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> current = CoreTables.NETWORKS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
            Revisions.check(expectedRevision, ((Number) current.get("revision_number")).longValue());
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
                plugin.segments().mtu(plugin.segments().segmentsOf(h, id), changes.get("mtu"));
            }
            CoreTables.NETWORKS.update(h, id, changes);
            return null;
        });
        plugin.networkChanged(id);
        return find(id).orElseThrow(() -> notFound(id));
    }

    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        List<String> dhcpHosts = database.inTransaction(h -> {
            Map<String, Object> current = CoreTables.NETWORKS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
            List<String> hosts = plugin.dhcpHosts(h, id);
            Revisions.check(expectedRevision, ((Number) current.get("revision_number")).longValue());
            int inUse = h.createQuery("SELECT COUNT(*) FROM ports WHERE network_id = :n AND device_owner <> 'network:dhcp'")
                    .bind("n", id).mapTo(Integer.class).one();
            if (inUse > 0) {
                throw NeutronException.conflict("NetworkInUse", "Unable to complete operation on network " + id
                        + ". There are one or more ports still in use on the network.");
            }
            plugin.deleteAutoDeletedPorts(h, id);
            for (Map<String, Object> subnet : h.createQuery("SELECT id, project_id FROM subnets WHERE network_id = :n")
                    .bind("n", id).mapToMap().list()) {
                String subnetId = (String) subnet.get("id");
                tags.removeAll(h, subnetId);
                h.createUpdate("DELETE FROM ipallocations WHERE subnet_id = :s").bind("s", subnetId).execute();
                CoreTables.SUBNETS.delete(h, subnetId);
                quotas.release(h, (String) subnet.get("project_id"), "subnet", 1);
            }
            plugin.segments().release(h, id);
            tags.removeAll(h, id);
            CoreTables.NETWORKS.delete(h, id);
            quotas.release(h, (String) current.get("project_id"), "network", 1);
            return hosts;
        });
        plugin.networkDeleted(id, dhcpHosts);
    }

    @Override
    public Optional<ListQuery.Condition> specialFilter(String attribute, List<Object> values) {
        return plugin.segments().filter(attribute, values);
    }

    @Override
    public ListQuery.Condition visibleTo(RequestContext context) {
        if (context.projectId() == null) {
            return new ListQuery.Condition("t.shared = TRUE", Map.of());
        }
        return new ListQuery.Condition("t.project_id = :scope_project OR t.shared = TRUE",
                Map.of("scope_project", context.projectId()));
    }
}
