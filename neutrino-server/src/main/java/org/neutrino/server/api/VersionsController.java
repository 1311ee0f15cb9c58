package org.neutrino.server.api;

import java.util.List;
import java.util.Map;

/** {@code GET /} (API versions) and {@code GET /v2.0} (the collections of this version). */
public final class VersionsController {
    private VersionsController() {
    }

    /** Serves {@code GET /}; needs no authentication, as in Neutron. */
    public static Controller versions() {
        return request -> ApiResponse.ok(Map.of("versions", List.of(Map.of(
                "id", "v2.0", "status", "CURRENT",
                "links", List.of(Map.of("href", request.baseUrl() + "/v2.0/", "rel", "self"))))));
    }

    /** Serves {@code GET /v2.0}: one entry per collection. */
    public static Controller resources(Map<String, String> collectionToMember) {
        return request -> ApiResponse.ok(Map.of("resources", collectionToMember.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Map.of("name", e.getValue(), "collection", e.getKey(),
                        "links", List.of(Map.of("href", request.baseUrl() + "/v2.0/" + e.getKey().replace('_', '-'), "rel", "self"))))
                .toList()));
    }
}
