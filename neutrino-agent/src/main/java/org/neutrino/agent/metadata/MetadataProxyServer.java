package org.neutrino.agent.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata agent's listener on its UNIX socket ({@code metadata_proxy_socket}): one virtual
 * thread per connection reads one request ({@link IncomingRequest}), has the
 * {@link MetadataProxyHandler} answer it and closes the connection (the proxies open one per
 * request). A request that cannot be read is answered with its 4xx/5xx and a message. A stale
 * socket file is replaced; one another process still listens on is not (the start fails).
 */
final class MetadataProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataProxyServer.class);

    private final Path socket;
    private final MetadataProxyHandler handler;
    private final ServerSocketChannel channel;
    private final Thread acceptor;

    private MetadataProxyServer(Path socket, MetadataProxyHandler handler) throws IOException {
        this.socket = socket;
        this.handler = handler;
        Files.createDirectories(socket.toAbsolutePath().getParent());
        if (Files.exists(socket)) {
            if (listening(socket)) {
                throw new IllegalStateException("another process listens on " + socket + " (a metadata agent already runs?)");
            }
            Files.delete(socket);
        }
        this.channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(socket));
        this.acceptor = Thread.ofPlatform().daemon().name("metadata-proxy-accept").start(this::accept);
    }

    /** Listens on {@code socket} and answers with {@code handler}. */
    static MetadataProxyServer listen(Path socket, MetadataProxyHandler handler) {
        try {
            return new MetadataProxyServer(socket, handler);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + socket, e);
        }
    }

    Path socket() {
        return socket;
    }

    private static boolean listening(Path socket) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private void accept() {
        while (channel.isOpen()) {
            try {
                SocketChannel connection = channel.accept();
                Thread.ofVirtual().name("metadata-request").start(() -> serve(connection));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("accept on {} failed: {}", socket, e.toString());
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection; InputStream in = Channels.newInputStream(connection);
             OutputStream out = Channels.newOutputStream(connection)) {
            Optional<IncomingRequest> request;
            try {
                request = IncomingRequest.read(in);
            } catch (MalformedRequestException e) {
                LOG.info("malformed request on {}: {}", socket, e.getMessage());
                HttpAnswer.text(e.status(), e.getMessage()).writeTo(out, true);
                return;
            }
            if (request.isPresent()) {
                HttpAnswer answer = handler.handle(request.get());
                answer.writeTo(out, !request.get().method().equals("HEAD"));
            }
        } catch (IOException e) {
            LOG.debug("connection on {} ended: {}", socket, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("unexpected error answering a metadata request", e);
        }
    }

    /** Stops listening and removes the socket file. */
    @Override
    public void close() {
        try {
            channel.close();
            acceptor.join(5_000);
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", socket, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
