package org.neutrino.server.extensions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;
import org.neutrino.lib.context.RequestContext;

/**
 * The behaviour behind attributes one plugin adds to another's collection — Neutron's ML2
 * extension drivers and {@code resource_extend} functions in one seam: {@code router:external} on
 * networks (the router plugin), {@code security_groups} on ports (the security-group plugin).
 * The owner of the collection calls these hooks inside its own transactions, so the attributes
 * are written atomically with the member and read with it in a fixed number of queries.
 */
public interface AttributeExtension {

    /** The collection whose members carry the attributes, e.g. {@code networks}. */
    String collection();

    /**
     * Completes or refuses a create item before the owner validates and writes it, inside the
     * create transaction (subnet pools choose a new subnet's {@code cidr} here, with their pool's
     * row locked). Runs before {@link #processCreate}.
     *
     * @param item the prepared create item, which the extension may change
     */
    default void prepareCreate(Handle h, RequestContext context, Map<String, Object> item) {
    }

    /**
     * Stores the attributes of a new member, inside its create transaction.
     *
     * @param request the prepared create item (defaults filled, validated)
     * @param created the row as written, with its {@code id}
     */
    default void processCreate(Handle h, RequestContext context, Map<String, Object> request, Map<String, Object> created) {
    }

    /**
     * Stores changed attributes, inside the update transaction, with the member's row locked.
     *
     * @param changes the prepared changes
     * @param current the member before the change, completed by {@link #extend}
     */
    default void processUpdate(Handle h, RequestContext context, Map<String, Object> changes, Map<String, Object> current) {
    }

    /** Removes what it stored for a member being deleted, inside the delete transaction. */
    default void processDelete(Handle h, Map<String, Object> deleted) {
    }

    /** Puts the attributes into loaded rows, with a fixed number of queries whatever their number. */
    void extend(Handle h, List<Map<String, Object>> rows);

    /**
     * The SQL condition (rows of the collection's table are {@code t}) of a list filter on one of
     * its attributes, or empty when {@code attribute} is not one of them.
     *
     * @param values the filter's values, converted by the attribute's converter
     */
    default Optional<ListQuery.Condition> filter(String attribute, List<Object> values) {
        return Optional.empty();
    }

    /**
     * The SQL condition (rows are {@code t}) of the members this extension makes visible to a
     * non-admin caller besides those the collection's own rule shows (external networks are
     * readable by every project), or empty.
     */
    default Optional<ListQuery.Condition> visibleTo(RequestContext context) {
        return Optional.empty();
    }
}
