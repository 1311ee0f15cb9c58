package org.neutrino.server.api;

import org.neutrino.lib.exceptions.NeutronException;

/** Serves the requests under one top-level path segment of {@code /v2.0}. */
@FunctionalInterface
public interface Controller {
    ApiResponse handle(ApiRequest request);

    /** The 404 for a path nothing serves. */
    static NeutronException notFound() {
        return NeutronException.notFound("HTTPNotFound", "The resource could not be found.");
    }
}
