package org.neutrino.server.services.l3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.TagStore;
import org.neutrino.db.l3.L3Store;
import org.neutrino.db.l3.L3Tables;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.extensions.ExtendedAttributes;
import org.neutrino.server.api.TableResourceHandler;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.quota.QuotaEngine;

/**
 * Routers: create, read, update (name, state, gateway, extra routes) and delete, each in one
 * transaction with the router's row locked; every change that an agent realises is cast to the
 * router's L3 agent after commit.
 */
final class RouterHandler extends TableResourceHandler {
    private final TagStore tags;
    private final QuotaEngine quotas;
    private final L3Store store;
    private final RouterGateway gateway;
    private final ExtraRoutes extraRoutes;
    private final L3Scheduler scheduler;
    private final L3Notifier notifier;
    private final ExtendedAttributes attributes;

    RouterHandler(ResourceDef definition, Database database, TagStore tags, QuotaEngine quotas, L3Store store, RouterGateway gateway,
                  ExtraRoutes extraRoutes, L3Scheduler scheduler, L3Notifier notifier, ExtendedAttributes attributes) {
        super(definition, L3Tables.ROUTERS, "RouterNotFound", database);
        this.tags = tags;
        this.quotas = quotas;
        this.store = store;
        this.gateway = gateway;
        this.extraRoutes = extraRoutes;
        this.scheduler = scheduler;
        this.notifier = notifier;
        this.attributes = attributes;
    }

    static NeutronException notFound(String id) {
        return NeutronException.notFound("RouterNotFound", "Router " + id + " could not be found");
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        items.forEach(RouterHandler::refuseUnsupportedModes);
        return createInOneTransaction(context, items, this::createRouter);
    }

    private String createRouter(Handle h, RequestContext context, Map<String, Object> item) {
        String id = UUID.randomUUID().toString();
        quotas.consume(h, (String) item.get("project_id"), "router", 1);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("project_id", item.get("project_id"));
        row.put("name", item.get("name"));
        row.put("description", item.get("description"));
        row.put("admin_state_up", item.get("admin_state_up"));
        row.put("status", "ACTIVE");
        row.put("enable_snat", true);
        row.put("routes", List.of());
        L3Tables.ROUTERS.insert(h, row);
        if (item.get("tags") instanceof List<?> list && !list.isEmpty()) {
            tags.replace(h, id, list.stream().map(String::valueOf).toList());
        }
        attributes.processCreate(definition.collection(), h, context, item, row);
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) item.get(L3Attributes.GATEWAY_INFO);
        if (info != null) {
            Map<String, Object> changes = gateway.apply(h, row, info, "");
            h.createUpdate("UPDATE routers SET gw_port_id = :p, gw_network_id = :n, enable_snat = :s WHERE id = :id")
                    .bind("p", (String) changes.get("gw_port_id")).bind("n", (String) changes.get("gw_network_id"))
                    .bind("s", (Boolean) changes.get("enable_snat")).bind("id", id).execute();
            scheduleAndNotify(h, id);
        }
        return id;
    }

    /** Schedules the router if it needs an agent and has none, then tells its agent. */
    void scheduleAndNotify(Handle h, String routerId) {
        scheduler.schedule(h, routerId);
        notifier.routersUpdated(h, List.of(routerId));
    }

    /** {@code ha} and {@code distributed}: this deployment serves centralized, non-HA routers only. */
    private static void refuseUnsupportedModes(Map<String, Object> body) {
        if (Boolean.TRUE.equals(body.get("distributed"))) {
            throw RouterGateway.badRouterRequest("distributed routers are not supported by this deployment: only distributed = False");
        }
        if (Boolean.TRUE.equals(body.get("ha"))) {
            throw RouterGateway.badRouterRequest("HA routers are not supported by this deployment: only ha = False");
        }
    }

    /** Rows with tags and gateway info: three queries whatever their number. */
    @Override
    public List<Map<String, Object>> loadAll(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = L3Tables.ROUTERS.list(h, query);
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<String>> tagsById = tags.tagsOf(h, rows.stream().map(r -> (String) r.get("id")).toList());
        gateway.render(h, rows);
        for (Map<String, Object> row : rows) {
            row.put("tenant_id", row.get("project_id"));
            row.put("tags", tagsById.getOrDefault((String) row.get("id"), List.of()));
            row.put("distributed", false);
            row.put("ha", false);
        }
        attributes.extend(definition.collection(), h, rows);
        return rows;
    }

    /** Locks the router's row for the rest of the transaction and reads it; 404 when it is gone. */
    Map<String, Object> lock(Handle h, String id) {
        L3Tables.ROUTERS.findForUpdate(h, id).orElseThrow(() -> notFound(id));
        return find(h, id).orElseThrow(() -> notFound(id));
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        refuseUnsupportedModes(changes);
        return database.inTransaction(h -> {
            Map<String, Object> current = lock(h, id);
            Revisions.check(expectedRevision, current);
            Map<String, Object> columns = new LinkedHashMap<>();
            for (String plain : List.of("name", "description", "admin_state_up")) {
                if (changes.containsKey(plain)) {
                    columns.put(plain, changes.get(plain));
                }
            }
            if (changes.containsKey(L3Attributes.GATEWAY_INFO)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> info = (Map<String, Object>) changes.get(L3Attributes.GATEWAY_INFO);
                columns.putAll(gateway.apply(h, current, info, scheduler.hostOf(h, id).orElse("")));
            }
            if (changes.containsKey("routes")) {
                List<?> routes = (List<?>) changes.get("routes");
                extraRoutes.validate(h, id, routes);
                columns.put("routes", routes);
            }
            L3Tables.ROUTERS.update(h, id, columns);
            scheduleAndNotify(h, id);
            return find(h, id).orElseThrow(() -> notFound(id));
        });
    }

    /** Replaces a router's routes (add/remove_extraroutes) in {@code h}, with its row locked. */
    Map<String, Object> replaceRoutes(Handle h, String id, List<?> routes) {
        extraRoutes.validate(h, id, routes);
        L3Tables.ROUTERS.update(h, id, Map.of("routes", routes));
        notifier.routersUpdated(h, List.of(id));
        return find(h, id).orElseThrow(() -> notFound(id));
    }

    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> current = lock(h, id);
            Revisions.check(expectedRevision, current);
            if (!store.routerPorts(h, id, L3Store.INTERFACE).isEmpty()) {
                throw NeutronException.conflict("RouterInUse", "Router " + id + " still has ports");
            }
            if (current.get("gw_port_id") != null) {
                gateway.remove(h, current);
            }
            scheduler.hostOf(h, id).ifPresent(host -> notifier.toHostAfterCommit(h, host, List.of(id)));
            store.unbind(h, id);
            tags.removeAll(h, id);
            L3Tables.ROUTERS.delete(h, id);
            quotas.release(h, (String) current.get("project_id"), "router", 1);
            return null;
        });
    }

    @Override
    public ListQuery.Condition visibleTo(RequestContext context) {
        return ownedByCallersProject(context);
    }
}
