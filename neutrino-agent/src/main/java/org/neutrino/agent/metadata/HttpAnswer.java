package org.neutrino.agent.metadata;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The metadata agent's answer to one request: a status, a content type and a body, written as an
 * HTTP/1.1 response that closes the connection.
 */
record HttpAnswer(int status, String contentType, byte[] body) {
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
            Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
            Map.entry(413, "Content Too Large"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    HttpAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        body = body.clone();
    }

    /** A plain-text answer. */
    static HttpAnswer text(int status, String message) {
        return new HttpAnswer(status, "text/plain; charset=UTF-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the response; {@code withBody} false for an answer to {@code HEAD}. */
    void writeTo(OutputStream out, boolean withBody) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
                .append(REASONS.getOrDefault(status, "Status " + status)).append("\r\n");
        if (contentType != null && !contentType.isBlank()) {
            head.append("Content-Type: ").append(contentType.replaceAll("[\\r\\n]", "")).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n").append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            out.write(body);
        }
        out.flush();
    }
}
