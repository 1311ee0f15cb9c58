package org.neutrino.server.api;

import java.util.Map;

/**
 * What a controller answers: a status and a JSON-able body ({@code null} for none).
 *
 * @param status  HTTP status
 * @param body    maps, lists and scalars to render as JSON, or {@code null}
 * @param headers extra response headers
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body, Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of());
    }
}
