package org.neutrino.agent.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neutrino.rpc.agent.MetadataLookup;

/**
 * The metadata agent's listener end to end on a real UNIX socket, with a small HTTP server on
 * loopback standing in for Nova's metadata API: what Nova receives (the instance's signed
 * headers, the body) and what a proxy gets back in every refused case.
 */
class MetadataProxyServerTest {
    private static final String ROUTER = "5d1e0c4a-0000-4000-8000-000000000001";
    private static final String SECRET = "metadata-secret";
    private static final MetadataLookup.Instance INSTANCE = new MetadataLookup.Instance("port-1",
            "3f2a9c1e-7b44-4c1e-9d7a-0123456789ab", "project-1", "net-1");

    private record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    @TempDir
    Path dir;
    private HttpServer nova;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<MetadataLookup> asked = new LinkedBlockingQueue<>();
    private volatile InstanceLookup lookup = question -> {
        asked.add(question);
        return question.ipAddress().equals("172.16.1.5") ? Optional.of(INSTANCE) : Optional.empty();
    };
    private MetadataProxyServer server;

    @BeforeEach
    void start() throws IOException {
        nova = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        nova.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            byte[] answer = "i-0001".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        nova.start();
        server = listen(URI.create("http://127.0.0.1:" + nova.getAddress().getPort()));
    }

    private MetadataProxyServer listen(URI novaUri) {
        return MetadataProxyServer.listen(dir.resolve("metadata_proxy"), new MetadataProxyHandler(q -> lookup.find(q),
                new NovaMetadataClient(novaUri, new InstanceSignature(SECRET))));
    }

    @AfterEach
    void stop() {
        server.close();
        nova.stop(0);
    }

    /** Sends {@code raw} on the socket and returns the whole response. */
    private String exchange(String raw) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(server.socket()))) {
            channel.write(ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)));
            try (InputStream in = Channels.newInputStream(channel)) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
    }

    private static String get(String path, String... headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: 169.254.169.254\r\n" + String.join("", headers) + "\r\n";
    }

    @Test
    void forwardsToNovaWithTheInstancesSignedHeaders() throws Exception {
        String response = exchange(get("/latest/meta-data/instance-id?x=1", "X-Forwarded-For: 172.16.1.5\r\n",
                "X-Neutron-Router-ID: " + ROUTER + "\r\n"));
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: text/plain; charset=UTF-8\r\n")
                .contains("Content-Length: 6\r\n").endsWith("\r\n\r\ni-0001");
        assertThat(asked.poll()).isEqualTo(MetadataLookup.viaRouter(ROUTER, "172.16.1.5"));
        Received nova = received.poll(5, TimeUnit.SECONDS);
        assertThat(nova.method()).isEqualTo("GET");
        assertThat(nova.path()).isEqualTo("/latest/meta-data/instance-id?x=1");
        assertThat(nova.header("X-Forwarded-For")).isEqualTo("172.16.1.5");
        assertThat(nova.header("X-Instance-ID")).isEqualTo(INSTANCE.deviceId());
        assertThat(nova.header("X-Tenant-ID")).isEqualTo("project-1");
        assertThat(nova.header("X-Instance-ID-Signature")).isEqualTo(new InstanceSignature(SECRET).sign(INSTANCE.deviceId()));
        assertThat(nova.header("X-Neutron-Router-ID")).as("not passed on").isNull();
    }

    @Test
    void aPostBodyReachesNovaAndTheLastForwardedAddressCounts() throws Exception {
        String response = exchange("POST /openstack/2013-04-04/password HTTP/1.1\r\nX-Forwarded-For: 10.9.9.9, 10.0.0.1\r\n"
                + "X-Forwarded-For: ::ffff:172.16.1.5\r\nX-Neutron-Network-ID: net-1\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 6\r\n\r\nsecret");
        assertThat(response).startsWith("HTTP/1.1 200 ");
        assertThat(asked.poll()).isEqualTo(MetadataLookup.onNetwork("net-1", "172.16.1.5"));
        Received nova = received.poll(5, TimeUnit.SECONDS);
        assertThat(nova.method()).isEqualTo("POST");
        assertThat(nova.body()).isEqualTo("secret");
        assertThat(nova.header("Content-Type")).isEqualTo("text/plain");
    }

    @Test
    void anAddressNoPortHoldsIsNotFoundAndNovaIsNotAsked() throws Exception {
        assertThat(exchange(get("/latest/meta-data/", "X-Forwarded-For: 172.16.1.99\r\n",
                "X-Neutron-Router-ID: " + ROUTER + "\r\n"))).startsWith("HTTP/1.1 404 Not Found\r\n");
        assertThat(received).isEmpty();
    }

    @Test
    void requestsWithoutAnAddressOrWithNeitherOrBothIdsAreBadRequests() throws Exception {
        for (String request : List.of(
                get("/", "X-Neutron-Router-ID: " + ROUTER + "\r\n"),
                get("/", "X-Forwarded-For: not-an-ip\r\n", "X-Neutron-Router-ID: " + ROUTER + "\r\n"),
                get("/", "X-Forwarded-For: 172.16.1.5\r\n"),
                get("/", "X-Forwarded-For: 172.16.1.5\r\n", "X-Neutron-Router-ID: " + ROUTER + "\r\n",
                        "X-Neutron-Network-ID: net-1\r\n"),
                get("/", "X-Forwarded-For: 172.16.1.5\r\n", "X-Neutron-Router-ID: ../../etc\r\n"),
                "GARBAGE\r\n\r\n",
                get("/a|b{c}", "X-Forwarded-For: 172.16.1.5\r\n", "X-Neutron-Router-ID: " + ROUTER + "\r\n"),
                "GET http://evil/ HTTP/1.1\r\n\r\n")) {
            assertThat(exchange(request)).as("%s", request).startsWith("HTTP/1.1 400 Bad Request\r\n");
        }
        assertThat(exchange("DELETE / HTTP/1.1\r\nX-Forwarded-For: 172.16.1.5\r\n\r\n")).startsWith("HTTP/1.1 405 ");
        assertThat(received).isEmpty();
    }

    @Test
    void anUnreachableServerIsServiceUnavailable() throws Exception {
        lookup = question -> {
            throw new IllegalStateException("no answer from the server");
        };
        assertThat(exchange(get("/", "X-Forwarded-For: 172.16.1.5\r\n", "X-Neutron-Router-ID: " + ROUTER + "\r\n")))
                .startsWith("HTTP/1.1 503 ");
    }

    @Test
    void anUnreachableNovaIsBadGateway() throws Exception {
        nova.stop(0);
        assertThat(exchange(get("/", "X-Forwarded-For: 172.16.1.5\r\n", "X-Neutron-Router-ID: " + ROUTER + "\r\n")))
                .startsWith("HTTP/1.1 502 ");
    }

    @Test
    void aSecondListenerOnALiveSocketIsRefusedAndAStaleSocketIsReplaced() throws Exception {
        assertThatThrownBy(() -> listen(URI.create("http://127.0.0.1:1"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another process listens");
        server.close();
        Files.writeString(dir.resolve("metadata_proxy"), "stale");
        server = listen(URI.create("http://127.0.0.1:" + nova.getAddress().getPort()));
        assertThat(exchange(get("/", "X-Forwarded-For: 172.16.1.5\r\n", "X-Neutron-Router-ID: " + ROUTER + "\r\n")))
                .startsWith("HTTP/1.1 200 ");
    }
}
