package org.neutrino.server.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.server.policy.PolicyEngine;

class NoAuthAuthenticatorTest {

    private final NoAuthAuthenticator noauth = new NoAuthAuthenticator(PolicyEngine.withDefaults());

    private static Function<String, String> headers(Map<String, String> values) {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(values);
        return caseInsensitive::get;
    }

    @Test
    void requestWithoutHeadersIsAdminOfTheDefaultProjectLikeTheCliWithAuthTypeNone() {
        RequestContext context = noauth.authenticate(headers(Map.of()), "req-1");

        assertThat(context.projectId()).isEqualTo(NoAuthAuthenticator.DEFAULT_PROJECT_ID).isEqualTo("fake_project_id");
        assertThat(context.userId()).isNull();
        assertThat(context.roles()).containsExactly("admin");
        assertThat(context.isAdmin()).isTrue();
        assertThat(context.requestId()).isEqualTo("req-1");
    }

    @Test
    void requestWithoutProjectKeepsItsRolesAndBecomesAdmin() {
        RequestContext context = noauth.authenticate(headers(Map.of("X-Roles", "reader")), "req-2");

        assertThat(context.roles()).containsExactlyInAnyOrder("reader", "admin");
        assertThat(context.isAdmin()).isTrue();
        assertThat(context.projectId()).isEqualTo(NoAuthAuthenticator.DEFAULT_PROJECT_ID);
    }

    @Test
    void projectWithoutRolesIsAPlainMember() {
        RequestContext context = noauth.authenticate(
                headers(Map.of("X-Project-Id", "p1", "X-User-Id", "u1")), "req-3");

        assertThat(context.projectId()).isEqualTo("p1");
        assertThat(context.userId()).isEqualTo("u1");
        assertThat(context.roles()).containsExactly("member");
        assertThat(context.isAdmin()).isFalse();
    }

    @Test
    void rolesAreSplitTrimmedAndLowerCased() {
        RequestContext context = noauth.authenticate(
                headers(Map.of("x-project-id", "p1", "x-roles", " Reader , MEMBER,,")), "req-4");

        assertThat(context.roles()).containsExactlyInAnyOrder("reader", "member");
        assertThat(context.isAdmin()).isFalse();
    }

    @Test
    void adminRoleMakesAnAdminOfTheNamedProject() {
        RequestContext context = noauth.authenticate(
                headers(Map.of("X-Project-Id", "p1", "X-Roles", "Admin,member")), "req-5");

        assertThat(context.projectId()).isEqualTo("p1");
        assertThat(context.isAdmin()).isTrue();
    }

    @Test
    void thePolicysContextIsAdminRuleDecidesWhoIsAdminButARequestWithoutProjectStaysAdmin() {
        NoAuthAuthenticator narrowed = new NoAuthAuthenticator(PolicyEngine.withOverrides(
                Map.of("context_is_admin", "role:cloud_admin"), "policy.yaml"));

        assertThat(narrowed.authenticate(headers(Map.of("X-Project-Id", "p1", "X-Roles", "admin")), "req").isAdmin()).isFalse();
        assertThat(narrowed.authenticate(headers(Map.of("X-Project-Id", "p1", "X-Roles", "cloud_admin")), "req").isAdmin()).isTrue();
        RequestContext elevated = narrowed.authenticate(headers(Map.of()), "req");
        assertThat(elevated.isAdmin()).as("Neutron's noauth elevates a request without project").isTrue();
        assertThat(elevated.roles()).containsExactly("admin");
    }

    @Test
    void tenantHeadersAreReadWhenProjectHeadersAreAbsent() {
        RequestContext context = noauth.authenticate(
                headers(Map.of("X-Tenant-Id", "t1", "X-User", "u2", "X-Role", "member")), "req-6");

        assertThat(context.projectId()).isEqualTo("t1");
        assertThat(context.userId()).isEqualTo("u2");
        assertThat(context.roles()).containsExactly("member");
    }

    @Test
    void projectIdHeaderWinsOverTenantIdHeader() {
        RequestContext context = noauth.authenticate(
                headers(Map.of("X-Project-Id", "p1", "X-Tenant-Id", "t1")), "req-7");

        assertThat(context.projectId()).isEqualTo("p1");
    }

    @Test
    void blankProjectHeaderCountsAsNone() {
        RequestContext context = noauth.authenticate(headers(Map.of("X-Project-Id", "  ")), "req-8");

        assertThat(context.projectId()).isEqualTo(NoAuthAuthenticator.DEFAULT_PROJECT_ID);
        assertThat(context.isAdmin()).isTrue();
    }
}
