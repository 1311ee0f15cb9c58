package org.neutrino.server.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.policy.PolicyEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neutron's {@code auth_strategy = keystone}: validates the request's {@code X-Auth-Token} with
 * Keystone, as keystonemiddleware's {@code auth_token} does, and makes the caller from Keystone's
 * answer (never from the request's own {@code X-Roles} or {@code X-Project-Id} headers).
 *
 * <p>Rules:
 * <ul>
 *   <li>no token, a malformed token (not printable ASCII, longer than 8192 characters) or a token
 *       Keystone does not know (unknown, expired, revoked) → 401 {@code NotAuthenticated} with
 *       keystonemiddleware's message; the HTTP layer adds {@link #wwwAuthenticate()} as
 *       {@code WWW-Authenticate};</li>
 *   <li>Keystone unreachable, failing, or refusing the service user → 503 with keystonemiddleware's
 *       message; the cause is logged;</li>
 *   <li>the server's own token is issued on first use and renewed {@value #SERVICE_TOKEN_MARGIN_SECONDS} s
 *       before it expires, or at once when Keystone rejects it (then the validation is retried
 *       once);</li>
 *   <li>a valid token is cached until its expiry or {@code token_cache_time}, whichever comes
 *       first: like keystonemiddleware, a token revoked in Keystone is still accepted until its
 *       cache entry ends; {@code token_cache_time = 0} turns caching off;</li>
 *   <li>an invalid token is cached for {@value #NEGATIVE_CACHE_SECONDS} s (at most
 *       {@code token_cache_time}) so a flood of bad tokens does not become a flood of calls to
 *       Keystone;</li>
 *   <li>the caller is an admin when it passes the policy's {@code context_is_admin} rule;</li>
 *   <li>concurrent requests with the same uncached token share one call to Keystone;</li>
 *   <li>the cache holds SHA-256 digests, never tokens: at most {@value #MAX_CACHED_TOKENS} valid
 *       and, apart from them, {@value #MAX_CACHED_INVALID_TOKENS} invalid ones, each part forgetting
 *       its least recently used entry to make room, so a flood of random tokens neither grows the
 *       memory nor pushes valid tokens out.</li>
 * </ul>
 * Thread-safe; no lock is held during a call to Keystone except the one that serialises the
 * renewal of the service token (a {@link ReentrantLock}, which does not pin virtual threads).
 */
public final class KeystoneAuthenticator implements Authenticator {

    /** keystonemiddleware's body of a 401. */
    public static final String NOT_AUTHENTICATED_MESSAGE = "The request you have made requires authentication.";
    /** keystonemiddleware's body of a 503 when Keystone cannot validate tokens. */
    public static final String UNAVAILABLE_MESSAGE = "The Keystone service is temporarily unavailable.";
    static final int NEGATIVE_CACHE_SECONDS = 10;
    static final int SERVICE_TOKEN_MARGIN_SECONDS = 120;
    static final int MAX_CACHED_TOKENS = 10_000;
    static final int MAX_CACHED_INVALID_TOKENS = 1_000;
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final Logger LOG = LoggerFactory.getLogger(KeystoneAuthenticator.class);

    private final KeystoneAuthSettings settings;
    private final KeystoneClient keystone;
    private final Clock clock;
    private final PolicyEngine policy;
    private final Duration negativeCacheTime;
    private final LruCache<String, CachedValidation> validTokens = new LruCache<>(MAX_CACHED_TOKENS);
    private final LruCache<String, CachedValidation> invalidTokens = new LruCache<>(MAX_CACHED_INVALID_TOKENS);
    private final Map<String, CompletableFuture<CachedValidation>> inFlight = new ConcurrentHashMap<>();
    private final AtomicReference<ServiceToken> serviceToken = new AtomicReference<>();
    private final ReentrantLock serviceTokenRenewal = new ReentrantLock();

    /** @param policy decides who is an admin ({@code context_is_admin}) */
    public KeystoneAuthenticator(KeystoneAuthSettings settings, KeystoneClient keystone, Clock clock, PolicyEngine policy) {
        this.settings = settings;
        this.keystone = keystone;
        this.clock = clock;
        this.policy = policy;
        Duration negative = Duration.ofSeconds(NEGATIVE_CACHE_SECONDS);
        this.negativeCacheTime = settings.tokenCacheTime().compareTo(negative) < 0 ? settings.tokenCacheTime() : negative;
        if (!settings.memcachedServers().isEmpty()) {
            LOG.warn("{} {} is ignored: validated tokens are cached in this process's memory",
                    KeystoneAuthOptions.MEMCACHED_SERVERS, settings.memcachedServers());
        }
    }

    /** An authenticator talking to Keystone over HTTP, on the system clock. */
    public KeystoneAuthenticator(KeystoneAuthSettings settings, ObjectMapper json, PolicyEngine policy) {
        this(settings, new HttpKeystoneClient(settings, json), Clock.systemUTC(), policy);
    }

    @Override
    public RequestContext authenticate(Function<String, String> header, String requestId) {
        String token = header.apply("X-Auth-Token");
        if (token == null || !wellFormed(token)) {
            throw notAuthenticated();
        }
        ValidatedToken caller = lookUp(token);
        return policy.contextOf(caller.userId(), caller.projectId(), caller.roles(), requestId);
    }

    /** The value of {@code WWW-Authenticate} of a 401: {@code Keystone uri="<www_authenticate_uri>"}. */
    public String wwwAuthenticate() {
        return settings.wwwAuthenticate();
    }

    private ValidatedToken lookUp(String token) {
        String key = digest(token);
        CachedValidation cached = cached(validTokens, key);
        if (cached == null) {
            cached = cached(invalidTokens, key);
        }
        if (cached != null) {
            return cached.tokenOrFail();
        }
        CompletableFuture<CachedValidation> mine = new CompletableFuture<>();
        CompletableFuture<CachedValidation> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return awaitOther(running).tokenOrFail();
        }
        try {
            CachedValidation result = validate(token);
            remember(key, result);
            mine.complete(result);
            return result.tokenOrFail();
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private CachedValidation awaitOther(CompletableFuture<CachedValidation> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private CachedValidation validate(String token) {
        try {
            ServiceToken service = currentServiceToken(null);
            TokenValidation answer = keystone.validateToken(service, token);
            if (answer instanceof TokenValidation.ServiceTokenRejected) {
                answer = keystone.validateToken(currentServiceToken(service), token);
            }
            Instant now = clock.instant();
            return switch (answer) {
                case TokenValidation.Valid valid when valid.token().expiresAt().isAfter(now) -> new CachedValidation(
                        valid.token(), earliest(valid.token().expiresAt(), now.plus(settings.tokenCacheTime())));
                case TokenValidation.Valid expired -> new CachedValidation(null, now.plus(negativeCacheTime));
                case TokenValidation.Invalid invalid -> new CachedValidation(null, now.plus(negativeCacheTime));
                case TokenValidation.ServiceTokenRejected rejected -> throw new KeystoneUnavailableException(
                        "Keystone rejects the service token it has just issued to " + settings.username());
            };
        } catch (KeystoneUnavailableException e) {
            LOG.warn("Unable to validate token: {}", e.getMessage(), e);
            throw NeutronException.serviceUnavailable("ServiceUnavailable", UNAVAILABLE_MESSAGE);
        }
    }

    /**
     * The service token to use: the current one while it is fresh and not {@code rejected},
     * else a new one (one renewal at a time; the others wait for it and use it).
     */
    private ServiceToken currentServiceToken(ServiceToken rejected) {
        ServiceToken current = serviceToken.get();
        if (usable(current, rejected)) {
            return current;
        }
        serviceTokenRenewal.lock();
        try {
            current = serviceToken.get();
            if (usable(current, rejected)) {
                return current;
            }
            ServiceToken issued = keystone.issueServiceToken();
            serviceToken.set(issued);
            return issued;
        } finally {
            serviceTokenRenewal.unlock();
        }
    }

    private boolean usable(ServiceToken token, ServiceToken rejected) {
        return token != null && token != rejected
                && clock.instant().plusSeconds(SERVICE_TOKEN_MARGIN_SECONDS).isBefore(token.expiresAt());
    }

    /** The unexpired entry of {@code key} in {@code cache}, or {@code null}; an expired one is removed. */
    private CachedValidation cached(LruCache<String, CachedValidation> cache, String key) {
        CachedValidation cached = cache.get(key);
        if (cached == null || clock.instant().isBefore(cached.until())) {
            return cached;
        }
        cache.remove(key, cached);
        return null;
    }

    private void remember(String key, CachedValidation result) {
        if (clock.instant().isBefore(result.until())) {
            (result.token() != null ? validTokens : invalidTokens).put(key, result);
        }
    }

    /** How many validations are cached, valid and invalid (for tests of the bounds). */
    int cachedValidations() {
        return validTokens.size() + invalidTokens.size();
    }

    private static boolean wellFormed(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static NeutronException notAuthenticated() {
        return NeutronException.notAuthenticated(NOT_AUTHENTICATED_MESSAGE);
    }

    /** A cache entry: the valid token, or {@code null} for an invalid one, until a given time. */
    private record CachedValidation(ValidatedToken token, Instant until) {
        ValidatedToken tokenOrFail() {
            if (token == null) {
                throw notAuthenticated();
            }
            return token;
        }
    }
}
