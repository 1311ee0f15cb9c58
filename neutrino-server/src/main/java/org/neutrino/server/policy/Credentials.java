package org.neutrino.server.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.neutrino.lib.context.RequestContext;

/**
 * The caller as policy rules see it, Neutron's {@code context.to_policy_values()}: the keys a
 * generic check can name on its left side are {@code user_id}, {@code project_id},
 * {@code tenant_id} (the same as {@code project_id}), {@code roles} and {@code is_admin}. An
 * absent user or project matches nothing.
 *
 * @param userId    the user, or {@code null}
 * @param projectId the project, or {@code null}
 * @param roles     role names in lower case
 * @param isAdmin   whether the caller is an administrator
 */
public record Credentials(String userId, String projectId, Set<String> roles, boolean isAdmin) {
    public Credentials {
        roles = roles.stream().map(role -> role.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The credentials of a request's caller. */
    public static Credentials of(RequestContext context) {
        return new Credentials(context.userId(), context.projectId(), context.roles(), context.isAdmin());
    }

    /** The credentials as the dictionary oslo.policy's generic checks walk. */
    public Map<String, Object> asMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (userId != null) {
            values.put("user_id", userId);
        }
        if (projectId != null) {
            values.put("project_id", projectId);
            values.put("tenant_id", projectId);
        }
        values.put("roles", List.copyOf(roles));
        values.put("is_admin", isAdmin);
        return values;
    }
}
