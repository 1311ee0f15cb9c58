package org.neutrino.server.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ResourceTable;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;

/**
 * What a plugin provides for one collection of the API. The generic {@link ResourceController}
 * does everything else: body validation and defaults from the {@link ResourceDef}, policy,
 * field selection, filters, sorting, pagination, tags, rendering.
 */
public interface ResourceHandler {

    /** The attribute table, including the extensions that are loaded. */
    ResourceDef definition();

    /** The table that holds the resources, for tags and revision bumps. */
    ResourceTable table();

    /** Neutron's not-found type for this resource, e.g. {@code NetworkNotFound}. */
    String notFoundType();

    /**
     * Creates all items in one transaction: all or nothing. Items are validated and filled
     * with defaults; {@code tenant_id}/{@code project_id} are set.
     */
    List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items);

    /**
     * Checks made before policy on a create item, e.g. that the network of a port exists and is
     * visible to the caller (404, never 403, for what the caller may not see).
     */
    default void beforeCreate(RequestContext context, Map<String, Object> item) {
    }

    /** The resource whatever the caller may see, or empty. */
    Optional<Map<String, Object>> find(String id);

    /** Rows matching {@code query} (its scope already applied), at most its limit. */
    List<Map<String, Object>> list(RequestContext context, ListQuery query);

    /**
     * Applies validated changes. {@code expectedRevision} (from {@code If-Match}) is checked
     * against the locked row; {@code null} for no check.
     */
    Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision);

    void delete(RequestContext context, String id, Long expectedRevision);

    /** The SQL condition limiting a list to what a non-admin caller may see. */
    ListQuery.Condition visibleTo(RequestContext context);

    /** {@code query} limited to the rows {@code context} may see: all of them for an admin. */
    default ListQuery scopedFor(RequestContext context, ListQuery query) {
        return context.isAdmin() ? query : query.scopedTo(visibleTo(context));
    }

    /**
     * Conditions for filters that are not plain columns (e.g. a port's {@code fixed_ips}); empty
     * when the attribute is a plain column.
     *
     * @param values the filter's values, converted by the attribute's converter
     */
    default Optional<ListQuery.Condition> specialFilter(String attribute, List<Object> values) {
        return Optional.empty();
    }

    /**
     * The policy target of a resource: its attributes plus what rules refer to (e.g.
     * {@code network:tenant_id}).
     */
    default Map<String, Object> policyTarget(Map<String, Object> resource) {
        return resource;
    }
}
