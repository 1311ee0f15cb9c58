package org.neutrino.lib.context;

import java.util.HashSet;
import java.util.Set;

/**
 * Who is calling and on behalf of which project: the result of authentication, the input of
 * policy. Immutable.
 *
 * @param userId      the user id, or {@code null} under noauth without a user header
 * @param projectId   the project the token is scoped to; {@code null} for a Keystone token scoped
 *                    to a domain or to nothing, and for internal admin calls
 * @param roles       role names, lower case
 * @param isAdmin     whether the caller passes the {@code context_is_admin} rule
 * @param isAdvsvc    whether the caller is an admin or passes the {@code context_is_advsvc} rule
 *                    (an advanced service, which may act on other projects' ports)
 * @param requestId   the {@code req-...} id echoed in {@code X-Openstack-Request-Id}
 */
public record RequestContext(String userId, String projectId, Set<String> roles, boolean isAdmin, boolean isAdvsvc,
                             String requestId) {

    public RequestContext {
        roles = Set.copyOf(roles);
        isAdvsvc = isAdvsvc || isAdmin;
    }

    /** An admin context for internal calls (agents' RPC, background tasks). */
    public static RequestContext admin(String requestId) {
        return new RequestContext(null, null, Set.of("admin"), true, true, requestId);
    }

    /**
     * This caller made an admin whatever the policy says, with the {@code admin} role added, as
     * neutron-lib's {@code context.elevated()}.
     */
    public RequestContext elevated() {
        Set<String> elevated = new HashSet<>(roles);
        elevated.add("admin");
        return new RequestContext(userId, projectId, elevated, true, true, requestId);
    }
}
