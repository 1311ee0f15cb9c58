package org.neutrino.server.api;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Renders the errors Jetty answers by itself, before {@link ApiHandler} sees the request (an
 * ambiguous or malformed URI, oversized headers, a bad HTTP message), as Neutron's error body
 * {@code {"NeutronError": {...}}} instead of Jetty's HTML page, with a request id.
 */
public final class JsonErrorHandler extends ErrorHandler {

    /** Every method gets the body, not only GET, POST and HEAD as Jetty's default. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = body(code, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("X-Openstack-Request-Id", "req-" + UUID.randomUUID());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put("X-Openstack-Request-Id", "req-" + UUID.randomUUID());
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type(status));
        error.put("message", message == null || message.isBlank() ? HttpStatus.getMessage(status) : message);
        error.put("detail", "");
        return JsonCodec.write(Map.of("NeutronError", error));
    }

    /** webob's exception names, which Neutron reports for errors raised outside its controllers. */
    private static String type(int status) {
        return switch (status) {
            case 400 -> "HTTPBadRequest";
            case 404 -> "HTTPNotFound";
            case 405 -> "HTTPMethodNotAllowed";
            case 408 -> "HTTPRequestTimeout";
            case 411 -> "HTTPLengthRequired";
            case 413 -> "HTTPRequestEntityTooLarge";
            case 414 -> "HTTPRequestURITooLong";
            case 415 -> "HTTPUnsupportedMediaType";
            case 431 -> "HTTPRequestHeaderFieldsTooLarge";
            case 501 -> "HTTPNotImplemented";
            case 503 -> "HTTPServiceUnavailable";
            default -> status >= 500 ? "HTTPInternalServerError" : "HTTPClientError";
        };
    }
}
