package org.neutrino.lib.api;

import java.util.List;
import java.util.Objects;

/**
 * A member action of a collection, as in Neutron's {@code ACTION_MAP}:
 * {@code PUT /v2.0/routers/{id}/add_router_interface}. Its body is prepared like an update body
 * from {@code body} (unknown keys refused, values converted and validated), and the action is
 * authorised by the policy rule named like the action, per attribute too
 * ({@code add_router_interface:subnet_id} when such a rule exists).
 *
 * @param collection the collection, e.g. {@code routers}
 * @param name       the action, e.g. {@code add_router_interface}
 * @param method     the HTTP method, {@code PUT} in every Neutron action
 * @param wrapper    the key the body's attributes sit under ({@code router} for
 *                   {@code add_extraroutes}), or {@code null} when they are at the top level
 * @param body       the attributes the body may carry
 */
public record ActionDef(String collection, String name, String method, String wrapper, List<AttributeDef> body) {
    public ActionDef {
        Objects.requireNonNull(collection);
        Objects.requireNonNull(name);
        Objects.requireNonNull(method);
        body = List.copyOf(body);
    }

    /** A {@code PUT} action whose body attributes sit at the top level. */
    public static ActionDef put(String collection, String name, AttributeDef... body) {
        return new ActionDef(collection, name, "PUT", null, List.of(body));
    }

    /** A {@code PUT} action whose body attributes sit under {@code wrapper}. */
    public static ActionDef putWrapped(String collection, String name, String wrapper, AttributeDef... body) {
        return new ActionDef(collection, name, "PUT", wrapper, List.of(body));
    }

    /**
     * The body attributes as a definition for body preparation: its member name is the wrapper
     * (or the action's name), so that an update body {@code {wrapper: {...}}} is found under it.
     */
    public ResourceDef bodyDefinition() {
        return new ResourceDef(collection, wrapper != null ? wrapper : name).extend(body.toArray(AttributeDef[]::new));
    }
}
