package org.neutrino.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.auth.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP front of the API, one pipeline for every request: request id → body limit →
 * authentication → routing → controller → JSON rendering, with errors rendered once as
 * {@code {"NeutronError": {...}}} and one access-log line per request.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger ACCESS = LoggerFactory.getLogger("org.neutrino.access");
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String VERSION_PREFIX = "v2.0";

    private final Authenticator authenticator;
    private final Map<String, Controller> controllers;
    private final Controller root;
    private final Controller version;
    private final int maxBodySize;

    /**
     * @param controllers top-level segment under {@code /v2.0} → controller
     * @param root        serves {@code GET /}
     * @param version     serves {@code GET /v2.0}
     */
    public ApiHandler(Authenticator authenticator, Map<String, Controller> controllers, Controller root,
                      Controller version, int maxBodySize) {
        this.authenticator = authenticator;
        this.controllers = Map.copyOf(controllers);
        this.root = root;
        this.version = version;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String requestId = "req-" + UUID.randomUUID();
        String method = request.getMethod();
        String rawPath = request.getHttpURI().getPath();
        MDC.put("request_id", requestId);
        RequestContext context = null;
        ApiResponse answer;
        try {
            List<String> path = segments(rawPath);
            byte[] body = readBody(request);
            if (path.isEmpty()) {
                answer = root.handle(new ApiRequest(method, path, Map.of(), h -> request.getHeaders().get(h), body, null, baseUrl(request)));
            } else if (!path.get(0).equals(VERSION_PREFIX)) {
                throw Controller.notFound();
            } else {
                context = authenticator.authenticate(h -> request.getHeaders().get(h), requestId);
                List<String> rest = path.subList(1, path.size());
                ApiRequest apiRequest = new ApiRequest(method, rest, queryParams(request.getHttpURI().getQuery()),
                        h -> request.getHeaders().get(h), body, context, baseUrl(request));
                Controller controller = rest.isEmpty() ? version : controllers.get(rest.get(0));
                if (controller == null) {
                    throw Controller.notFound();
                }
                answer = controller.handle(apiRequest);
            }
        } catch (NeutronException e) {
            answer = error(e.status(), e.type(), e.getMessage());
            if (e.status() == 401 && authenticator.wwwAuthenticate() != null) {
                answer = new ApiResponse(401, answer.body(), Map.of("WWW-Authenticate", authenticator.wwwAuthenticate()));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("internal error serving {} {} ({})", method, rawPath, requestId, e);
            answer = error(500, "HTTPInternalServerError", "Request Failed: internal server error while processing your request.");
        } finally {
            MDC.remove("request_id");
        }
        write(response, callback, answer, requestId);
        long micros = (System.nanoTime() - start) / 1000;
        ACCESS.info("{} {} {} {}.{} ms {} project={}", method, rawPath, answer.status(), micros / 1000,
                String.format("%03d", micros % 1000), requestId, context == null ? "-" : context.projectId());
        return true;
    }

    private static ApiResponse error(int status, String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("message", message);
        error.put("detail", "");
        return new ApiResponse(status, Map.of("NeutronError", error), Map.of());
    }

    private void write(Response response, Callback callback, ApiResponse answer, String requestId) {
        response.setStatus(answer.status());
        response.getHeaders().put("X-Openstack-Request-Id", requestId);
        answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        if (answer.body() == null) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            callback.succeeded();
            return;
        }
        byte[] bytes = JsonCodec.write(answer.body());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private byte[] readBody(Request request) {
        long declared = request.getLength();
        if (declared > maxBodySize) {
            throw new NeutronException(413, "HTTPRequestEntityTooLarge", "Request is too large.");
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(maxBodySize + 1);
            if (body.length > maxBodySize) {
                throw new NeutronException(413, "HTTPRequestEntityTooLarge", "Request is too large.");
            }
            return body;
        } catch (IOException e) {
            throw NeutronException.badRequest("HTTPBadRequest", "Could not read the request body: " + e.getMessage());
        }
    }

    private static String baseUrl(Request request) {
        var uri = request.getHttpURI();
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** Decoded path segments; a trailing ".json" suffix (old clients) is dropped. */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                out.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        if (!out.isEmpty()) {
            String last = out.get(out.size() - 1);
            if (last.endsWith(".json")) {
                out.set(out.size() - 1, last.substring(0, last.length() - 5));
            }
        }
        return out;
    }

    /** Query parameters in order; repeated keys keep all values. */
    static Map<String, List<String>> queryParams(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        String decoded;
        try {
            decoded = URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw NeutronException.badRequest("HTTPBadRequest", "Malformed query string");
        }
        if (decoded.indexOf('\0') >= 0) {
            throw NeutronException.badRequest("HTTPBadRequest", "Malformed query string: NUL characters are not allowed");
        }
        return decoded;
    }
}
