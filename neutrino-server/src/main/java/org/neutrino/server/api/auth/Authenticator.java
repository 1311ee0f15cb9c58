package org.neutrino.server.api.auth;

import org.neutrino.lib.context.RequestContext;

/** Turns a request's headers into who is calling; throws NeutronException 401 when it cannot. */
public interface Authenticator {
    /**
     * @param header    the request's header by name (case-insensitive lookup done by the HTTP
     *                  layer); {@code null} when the request has no such header
     * @param requestId the {@code req-...} id of this request, copied into the context
     * @return the caller
     * @throws org.neutrino.lib.exceptions.NeutronException 401 {@code NotAuthenticated} when the
     *         request carries no valid credentials, 503 when the identity service cannot be
     *         reached
     */
    RequestContext authenticate(java.util.function.Function<String, String> header, String requestId);

    /**
     * The {@code WWW-Authenticate} header value sent with a 401, or {@code null} for none
     * (noauth).
     */
    default String wwwAuthenticate() {
        return null;
    }
}
