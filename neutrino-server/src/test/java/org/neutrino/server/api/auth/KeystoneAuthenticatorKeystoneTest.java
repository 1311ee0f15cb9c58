package org.neutrino.server.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.policy.PolicyEngine;

/**
 * The authenticator against the real Keystone of {@code scripts/lib/keystone.sh} (its users and
 * projects), found through {@code NEUTRINO_TEST_KEYSTONE_URL}.
 */
@Tag("keystone")
class KeystoneAuthenticatorKeystoneTest {

    private static URI identityV3;
    private static KeystoneTestAdmin admin;

    private final ObjectMapper json = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Clock.systemUTC().instant());

    @BeforeEach
    void keystone() {
        String url = System.getenv("NEUTRINO_TEST_KEYSTONE_URL");
        assumeTrue(url != null && !url.isBlank(),
                "NEUTRINO_TEST_KEYSTONE_URL is not set: run `eval \"$(scripts/lib/keystone.sh start DIR)\"` first");
        if (admin == null) {
            identityV3 = URI.create(url);
            admin = new KeystoneTestAdmin(identityV3);
        }
    }

    private KeystoneAuthSettings settings(URI authUrl, String password, Duration tokenCacheTime) {
        KeystoneAuthSettings defaults = KeystoneAuthSettings.of(authUrl, "neutron", password, "service");
        return new KeystoneAuthSettings(authUrl, null, defaults.authType(), "neutron", password, "service",
                "Default", "Default", "RegionOne", List.of(), tokenCacheTime, Duration.ofSeconds(2));
    }

    private CountingKeystoneClient counting(KeystoneAuthSettings settings) {
        return new CountingKeystoneClient(new HttpKeystoneClient(settings, json));
    }

    private static Function<String, String> token(String token) {
        return Map.of("X-Auth-Token", token)::get;
    }

    private static void assertStatus(int status, Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(NeutronException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private KeystoneAuthenticator authenticator(CountingKeystoneClient client, Duration tokenCacheTime) {
        return new KeystoneAuthenticator(settings(identityV3, "secretneutron", tokenCacheTime), client, clock,
                PolicyEngine.withDefaults());
    }

    private KeystoneAuthenticator authenticator() {
        return new KeystoneAuthenticator(settings(identityV3, "secretneutron", Duration.ofSeconds(300)), json,
                PolicyEngine.withDefaults());
    }

    @Test
    void demoMemberTokenGivesAMemberOfProjectDemo() {
        RequestContext context = authenticator().authenticate(
                token(admin.token("demo", "secretdemo", "demo")), "req-1");

        assertThat(context.projectId()).isEqualTo(admin.projectId("demo"));
        assertThat(context.userId()).isEqualTo(admin.userId("demo"));
        assertThat(context.roles()).contains("member").doesNotContain("admin");
        assertThat(context.isAdmin()).isFalse();
        assertThat(context.requestId()).isEqualTo("req-1");
    }

    @Test
    void readerTokenGivesOnlyTheReaderRole() {
        RequestContext context = authenticator().authenticate(
                token(admin.token("demoreader", "secretreader", "demo")), "req-1");

        assertThat(context.projectId()).isEqualTo(admin.projectId("demo"));
        assertThat(context.roles()).containsExactly("reader");
        assertThat(context.isAdmin()).isFalse();
    }

    @Test
    void altTokenGivesProjectAlt() {
        RequestContext context = authenticator().authenticate(
                token(admin.token("alt", "secretalt", "alt")), "req-1");

        assertThat(context.projectId()).isEqualTo(admin.projectId("alt")).isNotEqualTo(admin.projectId("demo"));
        assertThat(context.roles()).contains("member");
    }

    @Test
    void adminTokenGivesAnAdmin() {
        RequestContext context = authenticator().authenticate(
                token(admin.token("admin", "secretadmin", "admin")), "req-1");

        assertThat(context.isAdmin()).isTrue();
        assertThat(context.roles()).contains("admin");
        assertThat(context.projectId()).isEqualTo(admin.projectId("admin"));
    }

    @Test
    void unscopedTokenGivesACallerWithoutProjectOrRoles() {
        RequestContext context = authenticator().authenticate(
                token(admin.tokenWithoutProject("demo", "secretdemo", "unscoped")), "req-1");

        assertThat(context.userId()).isEqualTo(admin.userId("demo"));
        assertThat(context.projectId()).isNull();
        assertThat(context.roles()).isEmpty();
        assertThat(context.isAdmin()).isFalse();
    }

    @Test
    void systemScopedAdminTokenGivesAnAdminWithoutProject() {
        RequestContext context = authenticator().authenticate(
                token(admin.tokenWithoutProject("admin", "secretadmin", Map.of("system", Map.of("all", true)))), "req-1");

        assertThat(context.projectId()).isNull();
        assertThat(context.roles()).contains("admin");
        assertThat(context.isAdmin()).isTrue();
    }

    @Test
    void anOperatorContextIsAdminRuleDecidesWhetherKeystonesAdminIsAnAdmin() {
        PolicyEngine adminProjectOnly = PolicyEngine.withOverrides(
                Map.of("context_is_admin", "role:admin and project_id:" + admin.projectId("admin")), "policy.yaml");
        KeystoneAuthenticator narrowed = new KeystoneAuthenticator(
                settings(identityV3, "secretneutron", Duration.ofSeconds(300)), json, adminProjectOnly);
        String systemAdmin = admin.tokenWithoutProject("admin", "secretadmin", Map.of("system", Map.of("all", true)));

        assertThat(narrowed.authenticate(token(admin.token("admin", "secretadmin", "admin")), "req-1").isAdmin()).isTrue();
        assertThat(narrowed.authenticate(token(systemAdmin), "req-2").isAdmin()).isFalse();
    }

    @Test
    void garbageTokenIs401() {
        KeystoneAuthenticator authenticator = authenticator();

        assertStatus(401, () -> authenticator.authenticate(token("gAAAAABnot-a-real-token"), "req-1"));
    }

    @Test
    void cacheHitDoesNotAskKeystoneAgain() {
        CountingKeystoneClient client = counting(settings(identityV3, "secretneutron", Duration.ofSeconds(300)));
        KeystoneAuthenticator authenticator = authenticator(client, Duration.ofSeconds(300));
        String demo = admin.token("demo", "secretdemo", "demo");

        authenticator.authenticate(token(demo), "req-1");
        RequestContext second = authenticator.authenticate(token(demo), "req-2");

        assertThat(second.projectId()).isEqualTo(admin.projectId("demo"));
        assertThat(client.validations).hasValue(1);
        assertThat(client.issued).hasValue(1);
    }

    @Test
    void revokedTokenIsAcceptedFromTheCacheUntilTokenCacheTimeThenRejected() {
        CountingKeystoneClient client = counting(settings(identityV3, "secretneutron", Duration.ofSeconds(300)));
        KeystoneAuthenticator authenticator = authenticator(client, Duration.ofSeconds(300));
        String demo = admin.token("demo", "secretdemo", "demo");
        authenticator.authenticate(token(demo), "req-1");

        admin.revoke(demo);
        assertThat(authenticator.authenticate(token(demo), "req-2").projectId()).isEqualTo(admin.projectId("demo"));
        assertThat(client.validations).hasValue(1);

        clock.advance(Duration.ofSeconds(300));
        assertStatus(401, () -> authenticator.authenticate(token(demo), "req-3"));
        assertThat(client.validations).hasValue(2);
    }

    @Test
    void revokedTokenIsRejectedAtOnceWithoutCache() {
        CountingKeystoneClient client = counting(settings(identityV3, "secretneutron", Duration.ZERO));
        KeystoneAuthenticator authenticator = authenticator(client, Duration.ZERO);
        String demo = admin.token("demo", "secretdemo", "demo");
        authenticator.authenticate(token(demo), "req-1");

        admin.revoke(demo);

        assertStatus(401, () -> authenticator.authenticate(token(demo), "req-2"));
        assertThat(client.validations).hasValue(2);
    }

    @Test
    void keystoneDownIs503() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KeystoneAuthenticator authenticator = new KeystoneAuthenticator(
                settings(URI.create("http://127.0.0.1:" + closedPort + "/v3"), "secretneutron", Duration.ofSeconds(300)),
                json, PolicyEngine.withDefaults());

        assertStatus(503, () -> authenticator.authenticate(token("gAAAAABanytoken"), "req-1"));
    }

    @Test
    void wrongServicePasswordIs503() {
        KeystoneAuthenticator authenticator = new KeystoneAuthenticator(
                settings(identityV3, "not-the-password", Duration.ofSeconds(300)), json, PolicyEngine.withDefaults());
        String demo = admin.token("demo", "secretdemo", "demo");

        assertStatus(503, () -> authenticator.authenticate(token(demo), "req-1"));
    }
}
