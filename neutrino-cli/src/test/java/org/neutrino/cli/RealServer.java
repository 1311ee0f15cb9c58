package org.neutrino.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.neutrino.lib.config.Config;
import org.neutrino.server.NeutrinoServer;

/** A real neutrino-server in the test JVM: noauth (unless overridden), free loopback port, fresh H2 database. */
final class RealServer implements AutoCloseable {
    private final NeutrinoServer server;
    private final Path stateDir;

    private RealServer(NeutrinoServer server, Path stateDir) {
        this.server = server;
        this.stateDir = stateDir;
    }

    /** Starts a server; {@code overrides} are {@code "section.option" → value}. */
    static RealServer start(Map<String, String> overrides) throws Exception {
        Path stateDir = Files.createTempDirectory("neutrino-cli-test-");
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>(Map.of("DEFAULT.auth_strategy", "noauth",
                "DEFAULT.bind_host", "127.0.0.1", "DEFAULT.bind_port", "0", "DEFAULT.state_path", stateDir.toString()));
        options.putAll(overrides);
        options.forEach((key, value) -> sections.computeIfAbsent(key.substring(0, key.indexOf('.')),
                k -> new LinkedHashMap<>()).put(key.substring(key.indexOf('.') + 1), value));
        return new RealServer(new NeutrinoServer(Config.of(sections)).start(), stateDir);
    }

    /** The server's message bus (in-process), for fake agents. */
    org.neutrino.rpc.MessageBus bus() {
        return server.bus();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() throws Exception {
        server.close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
