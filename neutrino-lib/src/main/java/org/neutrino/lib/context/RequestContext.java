package org.neutrino.lib.context;

import java.util.Set;

/**
 * Who is calling and on behalf of which project: the result of authentication, the input of
 * policy. Immutable.
 *
 * @param userId      the user id, or {@code null} under noauth without a user header
 * @param projectId   the project the token is scoped to (may be {@code null} for an
 *                    unscoped admin under noauth)
 * @param roles       role names, lower case
 * @param isAdmin     whether the caller passes the {@code context_is_admin} rule
 * @param requestId   the {@code req-...} id echoed in {@code X-Openstack-Request-Id}
 */
public record RequestContext(String userId, String projectId, Set<String> roles, boolean isAdmin,
                             String requestId) {

    public RequestContext {
        roles = Set.copyOf(roles);
    }

    /** An admin context for internal calls (agents' RPC, background tasks). */
    public static RequestContext admin(String requestId) {
        return new RequestContext(null, null, Set.of("admin"), true, requestId);
    }

    /** Whether the caller holds the given role. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
