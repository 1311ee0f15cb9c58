package org.neutrino.server.api;

import java.util.Map;
import org.neutrino.lib.context.RequestContext;

/**
 * The behaviour of a member action ({@code PUT /v2.0/routers/{id}/add_router_interface}). The
 * generic controller has already found the member (404 when the caller may not see it),
 * prepared the body from the action's declaration and enforced the action's policy rules.
 */
@FunctionalInterface
public interface MemberAction {
    /**
     * @param member the member, as its handler loads it
     * @param body   the prepared body attributes (without the wrapper key, if the action has one)
     * @return the response body
     */
    Map<String, Object> perform(RequestContext context, Map<String, Object> member, Map<String, Object> body);
}
