package org.neutrino.agent.metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 request as a metadata proxy forwards it: the request line, the header fields (in
 * order, repeated names kept) and a body of {@code Content-Length} bytes. Read strictly
 * ({@link #read}): a request line that is not {@code METHOD /target HTTP/1.x}, a header line
 * without a colon or with white space before it, a bad or repeated {@code Content-Length}, a
 * {@code Transfer-Encoding}, or a head or body over its limit are refused.
 *
 * @param method  the method, e.g. {@code GET}
 * @param target  the origin-form target: the path and query, e.g. {@code /latest/meta-data/}
 * @param headers the header fields, names as sent
 * @param body    the body, empty without {@code Content-Length}
 */
record IncomingRequest(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
    /** The longest request line plus header fields read. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    /** The longest body read. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern TARGET = Pattern.compile("/[\\x21-\\x7e]*");
    private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    IncomingRequest {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    /** The value of the last field named {@code name} (case-insensitive), if any. */
    Optional<String> header(String name) {
        return headers.reversed().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst();
    }

    /** The values of every field named {@code name} (case-insensitive), in order. */
    List<String> headerValues(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    /**
     * Reads one request from {@code in}; empty when the stream ends before its first byte.
     *
     * @throws MalformedRequestException when the request is not one this reader accepts (see the type)
     * @throws IOException               when reading fails or the stream ends inside the request
     */
    static Optional<IncomingRequest> read(InputStream in) throws IOException, MalformedRequestException {
        Optional<List<String>> head = readHead(in);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = head.get();
        String[] requestLine = lines.getFirst().split(" ", -1);
        if (requestLine.length != 3 || !METHOD.matcher(requestLine[0]).matches()
                || !requestLine[2].matches("HTTP/1\\.[01]")) {
            throw new MalformedRequestException(400, "malformed request line");
        }
        if (!TARGET.matcher(requestLine[1]).matches()) {
            throw new MalformedRequestException(400, "the request target must be a path");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon <= 0 || !FIELD_NAME.matcher(line.substring(0, colon)).matches()) {
                throw new MalformedRequestException(400, "malformed header field");
            }
            String value = line.substring(colon + 1).strip();
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new MalformedRequestException(400, "control character in a header field");
            }
            headers.add(Map.entry(line.substring(0, colon), value));
        }
        IncomingRequest withoutBody = new IncomingRequest(requestLine[0], requestLine[1], headers, new byte[0]);
        if (!withoutBody.headerValues("Transfer-Encoding").isEmpty()) {
            throw new MalformedRequestException(501, "Transfer-Encoding is not supported: send a Content-Length");
        }
        List<String> lengths = withoutBody.headerValues("Content-Length");
        if (lengths.isEmpty()) {
            return Optional.of(withoutBody);
        }
        if (lengths.size() > 1 || !lengths.getFirst().matches("\\d{1,9}")) {
            throw new MalformedRequestException(400, "malformed Content-Length");
        }
        int length = Integer.parseInt(lengths.getFirst());
        if (length > MAX_BODY_BYTES) {
            throw new MalformedRequestException(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("the connection ended inside the body");
        }
        return Optional.of(new IncomingRequest(withoutBody.method(), withoutBody.target(), headers, body));
    }

    /** The request line and header lines, without their line ends; empty at the end of the stream. */
    private static Optional<List<String>> readHead(InputStream in) throws IOException, MalformedRequestException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (total == 0) {
                    return Optional.empty();
                }
                throw new IOException("the connection ended inside the request head");
            }
            if (++total > MAX_HEAD_BYTES) {
                throw new MalformedRequestException(431, "the request head is larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                if (lines.isEmpty()) {
                    continue;
                }
                return Optional.of(lines);
            }
            if (text.indexOf('\r') >= 0) {
                throw new MalformedRequestException(400, "bare CR in the request head");
            }
            if (!lines.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t')) {
                throw new MalformedRequestException(400, "obsolete line folding is not accepted");
            }
            lines.add(text);
        }
    }

    /** The method and target, for logs. */
    @Override
    public String toString() {
        return method + " " + target + (body.length == 0 ? "" : " (" + body.length + " bytes)")
                + headers.stream().map(h -> h.getKey().toLowerCase(Locale.ROOT)).toList();
    }
}
