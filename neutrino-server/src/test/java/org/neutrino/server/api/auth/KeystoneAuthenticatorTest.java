package org.neutrino.server.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.policy.PolicyEngine;

/** The authenticator's rules against an in-memory Keystone and a hand-moved clock. */
class KeystoneAuthenticatorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeKeystoneClient fake = new FakeKeystoneClient(clock, Duration.ofHours(1));
    private final CountingKeystoneClient keystone = new CountingKeystoneClient(fake);

    private static KeystoneAuthSettings settings(Duration tokenCacheTime) {
        KeystoneAuthSettings defaults = KeystoneAuthSettings.of(
                URI.create("http://127.0.0.1:5000"), "neutron", "secretneutron", "service");
        return new KeystoneAuthSettings(defaults.authUrl(),
                URI.create("http://keystone.example:5000"), defaults.authType(), defaults.username(),
                defaults.password(), defaults.projectName(), defaults.userDomainName(),
                defaults.projectDomainName(), null, List.of(), tokenCacheTime, defaults.httpConnectTimeout());
    }

    private KeystoneAuthenticator authenticator(Duration tokenCacheTime) {
        return new KeystoneAuthenticator(settings(tokenCacheTime), keystone, clock, PolicyEngine.withDefaults());
    }

    private final KeystoneAuthenticator authenticator = authenticator(Duration.ofSeconds(300));

    private static Function<String, String> token(String token) {
        return Map.of("X-Auth-Token", token)::get;
    }

    private static void assertNotAuthenticated(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(NeutronException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.type()).isEqualTo("NotAuthenticated");
                    assertThat(e.getMessage()).isEqualTo("The request you have made requires authentication.");
                });
    }

    @Test
    void validTokenGivesTheCallerFromKeystone() {
        String token = fake.addUserToken("u1", "p1", Set.of("member", "reader"), Duration.ofHours(1));

        RequestContext context = authenticator.authenticate(token(token), "req-1");

        assertThat(context.userId()).isEqualTo("u1");
        assertThat(context.projectId()).isEqualTo("p1");
        assertThat(context.roles()).containsExactlyInAnyOrder("member", "reader");
        assertThat(context.isAdmin()).isFalse();
        assertThat(context.requestId()).isEqualTo("req-1");
    }

    @Test
    void adminRoleMakesAnAdmin() {
        String token = fake.addUserToken("u1", "p1", Set.of("admin", "member"), Duration.ofHours(1));

        assertThat(authenticator.authenticate(token(token), "req-1").isAdmin()).isTrue();
    }

    @Test
    void thePolicysContextIsAdminRuleDecidesWhoIsAdmin() {
        KeystoneAuthenticator narrowed = new KeystoneAuthenticator(settings(Duration.ofSeconds(300)), keystone, clock,
                PolicyEngine.withOverrides(Map.of("context_is_admin", "role:admin and project_id:ops"), "policy.yaml"));
        String projectAdmin = fake.addUserToken("u1", "p1", Set.of("admin", "member"), Duration.ofHours(1));
        String opsAdmin = fake.addUserToken("u2", "ops", Set.of("admin"), Duration.ofHours(1));

        assertThat(narrowed.authenticate(token(projectAdmin), "req-1").isAdmin()).isFalse();
        assertThat(narrowed.authenticate(token(opsAdmin), "req-2").isAdmin()).isTrue();
    }

    @Test
    void requestHeadersCannotClaimRolesOrProjects() {
        String token = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofHours(1));
        Function<String, String> headers = Map.of("X-Auth-Token", token, "X-Roles", "admin",
                "X-Project-Id", "other", "X-User-Id", "someone")::get;

        RequestContext context = authenticator.authenticate(headers, "req-1");

        assertThat(context.roles()).containsExactly("member");
        assertThat(context.isAdmin()).isFalse();
        assertThat(context.projectId()).isEqualTo("p1");
        assertThat(context.userId()).isEqualTo("u1");
    }

    @Test
    void missingOrMalformedTokenIsRejectedWithoutAskingKeystone() {
        assertNotAuthenticated(() -> authenticator.authenticate(name -> null, "req-1"));
        assertNotAuthenticated(() -> authenticator.authenticate(token(""), "req-1"));
        assertNotAuthenticated(() -> authenticator.authenticate(token("abc def"), "req-1"));
        assertNotAuthenticated(() -> authenticator.authenticate(token("x".repeat(8193)), "req-1"));

        assertThat(keystone.validations).hasValue(0);
        assertThat(keystone.issued).hasValue(0);
    }

    @Test
    void unknownTokenIsRejected() {
        assertNotAuthenticated(() -> authenticator.authenticate(token("gAAAAunknown"), "req-1"));
        assertThat(keystone.validations).hasValue(1);
    }

    @Test
    void validTokenIsCachedForTokenCacheTime() {
        String token = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofHours(1));

        authenticator.authenticate(token(token), "req-1");
        clock.advance(Duration.ofSeconds(299));
        RequestContext cached = authenticator.authenticate(token(token), "req-2");

        assertThat(keystone.validations).hasValue(1);
        assertThat(cached.requestId()).isEqualTo("req-2");

        clock.advance(Duration.ofSeconds(1));
        authenticator.authenticate(token(token), "req-3");
        assertThat(keystone.validations).hasValue(2);
    }

    @Test
    void revokedTokenIsAcceptedUntilItsCacheEntryEndsThenRejected() {
        String token = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofHours(1));
        authenticator.authenticate(token(token), "req-1");

        fake.revoke(token);
        assertThat(authenticator.authenticate(token(token), "req-2").userId()).isEqualTo("u1");

        clock.advance(Duration.ofSeconds(300));
        assertNotAuthenticated(() -> authenticator.authenticate(token(token), "req-3"));
    }

    @Test
    void cacheNeverOutlivesTheToken() {
        String token = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofSeconds(30));
        authenticator.authenticate(token(token), "req-1");

        clock.advance(Duration.ofSeconds(30));

        assertNotAuthenticated(() -> authenticator.authenticate(token(token), "req-2"));
        assertThat(keystone.validations).hasValue(2);
    }

    @Test
    void zeroTokenCacheTimeAsksKeystoneEveryTime() {
        KeystoneAuthenticator uncached = authenticator(Duration.ZERO);
        String token = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofHours(1));

        uncached.authenticate(token(token), "req-1");
        uncached.authenticate(token(token), "req-2");
        fake.revoke(token);

        assertNotAuthenticated(() -> uncached.authenticate(token(token), "req-3"));
        assertThat(keystone.validations).hasValue(3);
    }

    @Test
    void invalidTokenIsCachedForTenSeconds() {
        for (int i = 0; i < 5; i++) {
            assertNotAuthenticated(() -> authenticator.authenticate(token("gAAAAbad"), "req"));
        }
        assertThat(keystone.validations).hasValue(1);

        clock.advance(Duration.ofSeconds(10));
        assertNotAuthenticated(() -> authenticator.authenticate(token("gAAAAbad"), "req"));
        assertThat(keystone.validations).hasValue(2);
    }

    @Test
    void aFloodOfInvalidTokensStaysBoundedAndPushesNoValidTokenOut() {
        String before = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofHours(1));
        authenticator.authenticate(token(before), "req-0");
        int flood = KeystoneAuthenticator.MAX_CACHED_TOKENS + 2 * KeystoneAuthenticator.MAX_CACHED_INVALID_TOKENS;
        for (int i = 0; i < flood; i++) {
            String bad = "gAAAAflood" + i;
            assertNotAuthenticated(() -> authenticator.authenticate(token(bad), "req"));
        }
        assertThat(authenticator.cachedValidations())
                .isLessThanOrEqualTo(KeystoneAuthenticator.MAX_CACHED_TOKENS + KeystoneAuthenticator.MAX_CACHED_INVALID_TOKENS);
        int validations = keystone.validations.get();

        authenticator.authenticate(token(before), "req-1");
        assertNotAuthenticated(() -> authenticator.authenticate(token("gAAAAflood" + (flood - 1)), "req"));
        assertThat(keystone.validations).as("the valid token and the latest invalid one are still cached").hasValue(validations);

        String after = fake.addUserToken("u2", "p1", Set.of("member"), Duration.ofHours(1));
        authenticator.authenticate(token(after), "req-2");
        authenticator.authenticate(token(after), "req-3");
        assertThat(keystone.validations).as("a token validated after the flood is cached").hasValue(validations + 1);
    }

    @Test
    void validTokensBeyondTheCacheSizeEvictTheLeastRecentlyUsed() {
        String first = fake.addUserToken("u0", "p1", Set.of("member"), Duration.ofHours(1));
        String second = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofHours(1));
        authenticator.authenticate(token(first), "req");
        authenticator.authenticate(token(second), "req");
        for (int i = 2; i < KeystoneAuthenticator.MAX_CACHED_TOKENS; i++) {
            authenticator.authenticate(token(fake.addUserToken("u" + i, "p1", Set.of("member"), Duration.ofHours(1))), "req");
        }
        authenticator.authenticate(token(first), "req");
        String newest = fake.addUserToken("new", "p1", Set.of("member"), Duration.ofHours(1));
        authenticator.authenticate(token(newest), "req");
        int validations = keystone.validations.get();

        authenticator.authenticate(token(first), "req");
        authenticator.authenticate(token(newest), "req");
        assertThat(keystone.validations).as("recently used tokens stay cached").hasValue(validations);
        authenticator.authenticate(token(second), "req");
        assertThat(keystone.validations).as("the least recently used token was evicted").hasValue(validations + 1);
        assertThat(authenticator.cachedValidations()).isEqualTo(KeystoneAuthenticator.MAX_CACHED_TOKENS);
    }

    @Test
    void serviceTokenIsIssuedOnceAndReused() {
        String first = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofHours(1));
        String second = fake.addUserToken("u2", "p1", Set.of("member"), Duration.ofHours(1));

        authenticator.authenticate(token(first), "req-1");
        authenticator.authenticate(token(second), "req-2");

        assertThat(keystone.issued).hasValue(1);
        assertThat(keystone.validations).hasValue(2);
    }

    @Test
    void serviceTokenIsRenewedBeforeItExpires() {
        String first = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofHours(2));
        authenticator.authenticate(token(first), "req-1");

        clock.advance(Duration.ofMinutes(59));
        String second = fake.addUserToken("u2", "p1", Set.of("member"), Duration.ofHours(1));
        authenticator.authenticate(token(second), "req-2");

        assertThat(keystone.issued).hasValue(2);
    }

    @Test
    void rejectedServiceTokenIsRenewedAndTheValidationRetried() {
        String first = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofHours(1));
        authenticator.authenticate(token(first), "req-1");
        fake.revokeServiceTokens();

        String second = fake.addUserToken("u2", "p1", Set.of("member"), Duration.ofHours(1));
        RequestContext context = authenticator.authenticate(token(second), "req-2");

        assertThat(context.userId()).isEqualTo("u2");
        assertThat(keystone.issued).hasValue(2);
        assertThat(keystone.validations).hasValue(3);
    }

    @Test
    void keystoneDownGives503AndIsNotCached() {
        String token = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofHours(1));
        fake.setDown(true);

        assertThatThrownBy(() -> authenticator.authenticate(token(token), "req-1"))
                .isInstanceOfSatisfying(NeutronException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).isEqualTo("The Keystone service is temporarily unavailable.");
                });

        fake.setDown(false);
        assertThat(authenticator.authenticate(token(token), "req-2").userId()).isEqualTo("u1");
    }

    @Test
    void concurrentRequestsWithTheSameTokenShareOneValidation() throws Exception {
        String token = fake.addUserToken("u1", "p1", Set.of("member"), Duration.ofHours(1));
        int requests = 16;
        fake.holdValidations();
        CountDownLatch started = new CountDownLatch(requests);
        List<Future<RequestContext>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                String requestId = "req-" + i;
                results.add(threads.submit(() -> {
                    started.countDown();
                    return authenticator.authenticate(token(token), requestId);
                }));
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (keystone.validations.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(200); // let the other requests reach the shared validation
            fake.releaseValidations();
            for (Future<RequestContext> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).userId()).isEqualTo("u1");
            }
        }
        assertThat(keystone.validations).hasValue(1);
    }

    @Test
    void wwwAuthenticateNamesTheConfiguredPublicUri() {
        assertThat(authenticator.wwwAuthenticate()).isEqualTo("Keystone uri=\"http://keystone.example:5000\"");
    }
}
