package org.neutrino.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ResourceTable;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;

/**
 * A {@link ResourceHandler} whose resources are the rows of one {@link ResourceTable}: its
 * definition, table and not-found type, the transaction of a bulk create, and the reads (show,
 * list, the answer of a bulk create) that all go through one {@link #loadAll} completing the
 * rows as the API shows them.
 */
public abstract class TableResourceHandler implements ResourceHandler {
    protected final ResourceDef definition;
    protected final ResourceTable table;
    protected final Database database;
    private final String notFoundType;

    /** @param notFoundType Neutron's not-found type, e.g. {@code RouterNotFound} */
    protected TableResourceHandler(ResourceDef definition, ResourceTable table, String notFoundType, Database database) {
        this.definition = definition;
        this.table = table;
        this.notFoundType = notFoundType;
        this.database = database;
    }

    @Override
    public final ResourceDef definition() {
        return definition;
    }

    @Override
    public final ResourceTable table() {
        return table;
    }

    @Override
    public final String notFoundType() {
        return notFoundType;
    }

    /** Rows matching {@code query}, completed as the API shows them, read in {@code h}'s transaction. */
    public abstract List<Map<String, Object>> loadAll(Handle h, ListQuery query);

    /** One resource as the API shows it, read in {@code h}'s transaction. */
    public final Optional<Map<String, Object>> find(Handle h, String id) {
        return loadAll(h, ListQuery.all().and(table.in("id", List.of(id), "id"))).stream().findFirst();
    }

    @Override
    public final Optional<Map<String, Object>> find(String id) {
        return database.read(h -> find(h, id));
    }

    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        return database.read(h -> loadAll(h, query));
    }

    /** What a project owns: the rows of the caller's project, none for a caller without one. */
    protected static ListQuery.Condition ownedByCallersProject(RequestContext context) {
        if (context.projectId() == null) {
            return new ListQuery.Condition("1 = 0", Map.of());
        }
        return new ListQuery.Condition("t.project_id = :scope_project", Map.of("scope_project", context.projectId()));
    }

    /** The resources with these ids, in this order (answers of bulk creates). */
    protected final List<Map<String, Object>> loadInOrder(List<String> ids) {
        return database.read(h -> loadInOrder(h, ids));
    }

    /** The resources with these ids, in this order, read in {@code h}'s transaction (by the create that made them). */
    protected final List<Map<String, Object>> loadInOrder(Handle h, List<String> ids) {
        return ResourceTable.inOrder(ids, loadAll(h, ListQuery.all().and(table.in("id", ids, "id"))));
    }

    /** Makes one resource from an item of a create request in {@code h}'s transaction; returns its id. */
    @FunctionalInterface
    protected interface ItemCreator {
        String create(Handle h, RequestContext context, Map<String, Object> item);
    }

    /**
     * A (bulk) create: makes {@code items} with {@code creator}, all in one transaction, and
     * returns them as the API shows them, in order.
     */
    protected final List<Map<String, Object>> createInOneTransaction(RequestContext context,
            List<Map<String, Object>> items, ItemCreator creator) {
        List<String> ids = database.inTransaction(h -> {
            List<String> created = new ArrayList<>();
            for (Map<String, Object> item : items) {
                created.add(creator.create(h, context, item));
            }
            return created;
        });
        return loadInOrder(ids);
    }
}
