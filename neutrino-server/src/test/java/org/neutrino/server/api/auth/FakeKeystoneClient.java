package org.neutrino.server.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-memory Keystone: issues service tokens, knows user tokens, revokes them, can be "down",
 * and can hold validations until released (to test concurrent requests).
 */
final class FakeKeystoneClient implements KeystoneClient {
    private final Clock clock;
    private final Duration serviceTokenLifetime;
    private final Map<String, ValidatedToken> userTokens = new ConcurrentHashMap<>();
    private final Set<String> validServiceTokens = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile CountDownLatch validationGate = new CountDownLatch(0);

    FakeKeystoneClient(Clock clock, Duration serviceTokenLifetime) {
        this.clock = clock;
        this.serviceTokenLifetime = serviceTokenLifetime;
    }

    /** Makes a token for a user on a project with roles, valid for the given time. */
    String addUserToken(String userId, String projectId, Set<String> roles, Duration lifetime) {
        String token = "gAAAA" + UUID.randomUUID().toString().replace("-", "");
        userTokens.put(token, new ValidatedToken(userId, projectId, roles, clock.instant().plus(lifetime)));
        return token;
    }

    void revoke(String token) {
        userTokens.remove(token);
    }

    /** Forgets every service token it issued, as a Keystone whose keys were rotated. */
    void revokeServiceTokens() {
        validServiceTokens.clear();
    }

    void setDown(boolean isDown) {
        down.set(isDown);
    }

    /** From now on validations wait until {@link #releaseValidations()}. */
    void holdValidations() {
        validationGate = new CountDownLatch(1);
    }

    void releaseValidations() {
        validationGate.countDown();
    }

    @Override
    public ServiceToken issueServiceToken() {
        if (down.get()) {
            throw new KeystoneUnavailableException("fake Keystone is down");
        }
        String value = "service-" + UUID.randomUUID();
        validServiceTokens.add(value);
        return new ServiceToken(value, clock.instant().plus(serviceTokenLifetime));
    }

    @Override
    public TokenValidation validateToken(ServiceToken serviceToken, String userToken) {
        try {
            if (!validationGate.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("validation held for more than 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (down.get()) {
            throw new KeystoneUnavailableException("fake Keystone is down");
        }
        if (!validServiceTokens.contains(serviceToken.value())
                || !clock.instant().isBefore(serviceToken.expiresAt())) {
            return new TokenValidation.ServiceTokenRejected();
        }
        ValidatedToken token = userTokens.get(userToken);
        if (token == null || !clock.instant().isBefore(token.expiresAt())) {
            return new TokenValidation.Invalid();
        }
        return new TokenValidation.Valid(token);
    }
}
