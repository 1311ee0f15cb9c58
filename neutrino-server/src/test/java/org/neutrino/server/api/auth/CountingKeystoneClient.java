package org.neutrino.server.api.auth;

import java.util.concurrent.atomic.AtomicInteger;

/** Passes every call to another {@link KeystoneClient} and counts them. */
final class CountingKeystoneClient implements KeystoneClient {
    private final KeystoneClient delegate;
    final AtomicInteger issued = new AtomicInteger();
    final AtomicInteger validations = new AtomicInteger();

    CountingKeystoneClient(KeystoneClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ServiceToken issueServiceToken() {
        issued.incrementAndGet();
        return delegate.issueServiceToken();
    }

    @Override
    public TokenValidation validateToken(ServiceToken serviceToken, String userToken) {
        validations.incrementAndGet();
        return delegate.validateToken(serviceToken, userToken);
    }
}
