package org.neutrino.fullstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for Nova's metadata API on a free port of 127.0.0.1 (where the metadata agents of the
 * simulated hosts, running in the root namespace, reach it): records every request with its
 * headers and answers {@code .../instance-id} with the {@code X-Instance-ID} it was given, as Nova
 * answers with the instance's id.
 */
final class NovaMetadataStandIn implements AutoCloseable {
    /** A request Nova received: its method, path (with query) and headers (names in lower case). */
    record Request(String method, String path, Map<String, List<String>> headers) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst();
        }
    }

    private final HttpServer server;
    private final List<Request> received = new CopyOnWriteArrayList<>();

    private NovaMetadataStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders())));
            String instance = exchange.getRequestHeaders().getFirst("X-Instance-ID");
            boolean known = exchange.getRequestURI().getPath().endsWith("/instance-id") && instance != null;
            byte[] body = (known ? instance : "not found").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    static NovaMetadataStandIn start() {
        return new NovaMetadataStandIn();
    }

    /** {@code http://127.0.0.1:<port>}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The requests received so far, oldest first. */
    List<Request> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
