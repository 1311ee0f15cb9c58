package org.neutrino.server.api;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.neutrino.lib.context.RequestContext;

/**
 * One authenticated API call, as the controllers see it.
 *
 * @param method  HTTP method
 * @param path    decoded path segments after the version prefix ({@code [networks, <id>, tags]})
 * @param params  query parameters in order; repeated keys keep every value
 * @param header  header lookup (case-insensitive)
 * @param body    the raw body, empty when there is none
 * @param context the caller
 * @param baseUrl scheme, host and port the client used, for links
 */
public record ApiRequest(String method, List<String> path, Map<String, List<String>> params,
                         Function<String, String> header, byte[] body, RequestContext context, String baseUrl) {

    /** The first value of a query parameter, or {@code null}. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
