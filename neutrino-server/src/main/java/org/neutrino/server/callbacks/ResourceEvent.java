package org.neutrino.server.callbacks;

import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.lib.context.RequestContext;

/**
 * What a callback is told: which resource, which event, who asked, and the resource's states.
 *
 * @param resource   the resource kind, one of {@link Resources}
 * @param event      the event
 * @param context    the caller (an admin context for internal operations)
 * @param resourceId the id of the resource, or {@code null} before it has one (BEFORE_CREATE)
 * @param original   the resource before an update or delete, or {@code null}
 * @param latest     the request (BEFORE_*), or the resource as written (PRECOMMIT_/AFTER_ of
 *                   create and update), or {@code null} for a delete
 * @param handle     the transaction for {@code PRECOMMIT_*}, {@code null} otherwise
 */
public record ResourceEvent(String resource, Event event, RequestContext context, String resourceId,
                            Map<String, Object> original, Map<String, Object> latest, Handle handle) {

    public ResourceEvent {
        if (event.inTransaction() != (handle != null)) {
            throw new IllegalArgumentException(event + " must " + (event.inTransaction() ? "" : "not ") + "carry a transaction");
        }
    }

    /** An event outside a transaction (BEFORE_*, AFTER_*). */
    public static ResourceEvent of(String resource, Event event, RequestContext context, String resourceId,
                                   Map<String, Object> original, Map<String, Object> latest) {
        return new ResourceEvent(resource, event, context, resourceId, original, latest, null);
    }

    /** A PRECOMMIT_* event inside {@code handle}'s transaction. */
    public static ResourceEvent precommit(String resource, Event event, Handle handle, RequestContext context, String resourceId,
                                          Map<String, Object> original, Map<String, Object> latest) {
        return new ResourceEvent(resource, event, context, resourceId, original, latest, handle);
    }
}
