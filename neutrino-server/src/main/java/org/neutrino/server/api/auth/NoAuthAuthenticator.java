package org.neutrino.server.api.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.neutrino.lib.context.RequestContext;
import org.neutrino.server.policy.PolicyEngine;

/**
 * Neutron's {@code auth_strategy = noauth}: the caller is whoever the request headers say.
 *
 * <p>Mirrors Neutron's {@code NoauthFakeProjectId} middleware and oslo.context's
 * {@code from_environ}:
 * <ul>
 *   <li>project from {@code X-Project-Id}, else {@code X-Tenant-Id}, else {@code X-Tenant};
 *       user from {@code X-User-Id}, else {@code X-User}; roles from {@code X-Roles}, else
 *       {@code X-Role} (comma-separated, trimmed, lower-cased here);</li>
 *   <li>no project header: the request is an admin of the fixed project
 *       {@value #DEFAULT_PROJECT_ID} (Neutron injects {@code 'fake_project_id'} and elevates the
 *       context, which adds the {@code admin} role). This is what the {@code openstack} CLI
 *       with {@code --os-auth-type none} sends;</li>
 *   <li>a project header without {@code X-Roles}: a plain {@code member} of that project. Neutron
 *       would keep an empty role list, which its legacy policy treats as the project's owner;
 *       Neutrino's policy speaks in roles, so the owner is made explicit as {@code member};</li>
 *   <li>with a project header, admin (and advsvc) as the policy's {@code context_is_admin}
 *       (and {@code context_is_advsvc}) rule decides.</li>
 * </ul>
 * Never fails: noauth accepts every request.
 */
public final class NoAuthAuthenticator implements Authenticator {

    /** The project of requests that name none, as in Neutron's noauth. */
    public static final String DEFAULT_PROJECT_ID = "fake_project_id";

    private final PolicyEngine policy;

    /** @param policy decides who is an admin ({@code context_is_admin}) */
    public NoAuthAuthenticator(PolicyEngine policy) {
        this.policy = policy;
    }

    @Override
    public RequestContext authenticate(Function<String, String> header, String requestId) {
        String projectId = first(header, "X-Project-Id", "X-Tenant-Id", "X-Tenant");
        String userId = first(header, "X-User-Id", "X-User");
        Set<String> roles = roles(first(header, "X-Roles", "X-Role"));
        if (projectId == null) {
            return policy.contextOf(userId, DEFAULT_PROJECT_ID, roles, requestId).elevated();
        }
        if (roles.isEmpty()) {
            roles = Set.of("member");
        }
        return policy.contextOf(userId, projectId, roles, requestId);
    }

    private static String first(Function<String, String> header, String... names) {
        for (String name : names) {
            String value = header.apply(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static Set<String> roles(String header) {
        if (header == null) {
            return Set.of();
        }
        return Arrays.stream(header.split(","))
                .map(role -> role.trim().toLowerCase(Locale.ROOT))
                .filter(role -> !role.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
