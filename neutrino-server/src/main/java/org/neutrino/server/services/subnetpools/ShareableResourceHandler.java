package org.neutrino.server.services.subnetpools;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ResourceTable;
import org.neutrino.db.TagStore;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.TableResourceHandler;
import org.neutrino.server.extensions.ExtendedAttributes;

/**
 * What subnet pools and address scopes share: a project owns each, and a shared one is visible
 * to every project; reads complete rows with tags, {@code tenant_id} and other extensions'
 * attributes in a fixed number of queries.
 */
abstract class ShareableResourceHandler extends TableResourceHandler {
    protected final TagStore tags;
    protected final ExtendedAttributes attributes;
    private final String displayName;

    /**
     * @param notFoundType Neutron's not-found type, e.g. {@code SubnetPoolNotFound}
     * @param displayName  the words in "{@code <displayName> <id> could not be found.}"
     */
    ShareableResourceHandler(ResourceDef definition, ResourceTable table, String notFoundType, String displayName, Database database,
                             TagStore tags, ExtendedAttributes attributes) {
        super(definition, table, notFoundType, database);
        this.displayName = displayName;
        this.tags = tags;
        this.attributes = attributes;
    }

    /** 404 with Neutron's type and message. */
    final NeutronException notFound(String id) {
        return NeutronException.notFound(notFoundType(), displayName + " " + id + " could not be found.");
    }

    /** Whether the caller may see the resource: an admin, its owner, or anyone when it is shared. */
    static boolean visible(RequestContext context, Map<String, Object> resource) {
        return context.isAdmin() || Boolean.TRUE.equals(resource.get("shared"))
                || context.projectId() != null && context.projectId().equals(resource.get("project_id"));
    }

    /** The resource if it exists and the caller may see it; 404 otherwise (never 403). */
    final Map<String, Object> findVisible(Handle h, RequestContext context, String id) {
        return find(h, id).filter(r -> visible(context, r)).orElseThrow(() -> notFound(id));
    }

    @Override
    public final List<Map<String, Object>> loadAll(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = table.list(h, query);
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<String>> tagsById = tags.tagsOf(h, rows.stream().map(r -> (String) r.get("id")).toList());
        for (Map<String, Object> row : rows) {
            row.put("tenant_id", row.get("project_id"));
            row.put("tags", tagsById.getOrDefault((String) row.get("id"), List.of()));
        }
        attributes.extend(definition.collection(), h, rows);
        return rows;
    }

    /** Locks the row until the transaction ends, then reads it; 404 when it does not exist. */
    final Map<String, Object> lockAndLoad(Handle h, String id) {
        table.findForUpdate(h, id).orElseThrow(() -> notFound(id));
        return find(h, id).orElseThrow(() -> notFound(id));
    }

    /** Writes the tags of a new resource. */
    final void writeTags(Handle h, String id, Map<String, Object> item) {
        if (item.get("tags") instanceof List<?> list && !list.isEmpty()) {
            tags.replace(h, id, list.stream().map(String::valueOf).toList());
        }
    }

    @Override
    public final Optional<ListQuery.Condition> specialFilter(String attribute, List<Object> values) {
        return attributes.filter(definition.collection(), attribute, values);
    }

    @Override
    public final ListQuery.Condition visibleTo(RequestContext context) {
        if (context.projectId() == null) {
            return new ListQuery.Condition("t.shared = TRUE", Map.of());
        }
        return new ListQuery.Condition("t.project_id = :scope_project OR t.shared = TRUE", Map.of("scope_project", context.projectId()));
    }
}
