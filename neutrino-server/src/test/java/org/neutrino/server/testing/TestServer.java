package org.neutrino.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.neutrino.lib.config.Config;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.NeutrinoServer;

/**
 * A real Neutrino API server for tests: in this JVM, on a free loopback port, with noauth, on a
 * fresh database. The database is the embedded H2 in a temporary directory, or — when the
 * system property or environment variable {@code NEUTRINO_TEST_DB=postgresql} is set — a fresh
 * PostgreSQL database created on the server named by {@code NEUTRINO_TEST_PG_URL} and dropped
 * on {@link #close()}.
 */
public final class TestServer implements AutoCloseable {
    private final NeutrinoServer server;
    private final Path stateDir;
    private final String pgDatabase;
    private final String pgAdminUrl;

    private TestServer(NeutrinoServer server, Path stateDir, String pgDatabase, String pgAdminUrl) {
        this.server = server;
        this.stateDir = stateDir;
        this.pgDatabase = pgDatabase;
        this.pgAdminUrl = pgAdminUrl;
    }

    /** Which database the tests run on: {@code h2} (default) or {@code postgresql}. */
    public static String databaseKind() {
        String kind = System.getProperty("NEUTRINO_TEST_DB", System.getenv("NEUTRINO_TEST_DB"));
        return kind == null || kind.isBlank() ? "h2" : kind;
    }

    /** Starts a server with the defaults plus {@code overrides} ({@code "section.option" → value}). */
    public static TestServer start(Map<String, String> overrides) throws Exception {
        Path stateDir = Files.createTempDirectory("neutrino-test-");
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        put(sections, "DEFAULT.auth_strategy", "noauth");
        put(sections, "DEFAULT.bind_host", "127.0.0.1");
        put(sections, "DEFAULT.bind_port", "0");
        put(sections, "DEFAULT.state_path", stateDir.toString());
        put(sections, "DEFAULT.service_plugins", "router,port_forwarding");
        String pgDatabase = null;
        String pgAdminUrl = null;
        if (databaseKind().equals("postgresql")) {
            String url = System.getProperty("NEUTRINO_TEST_PG_URL", System.getenv("NEUTRINO_TEST_PG_URL"));
            if (url == null) {
                throw new IllegalStateException("NEUTRINO_TEST_DB=postgresql needs NEUTRINO_TEST_PG_URL (scripts/lib/postgres.sh)");
            }
            pgAdminUrl = url;
            pgDatabase = PostgresDatabases.create(url, "nt_");
            put(sections, "database.connection", PostgresDatabases.urlOf(url, pgDatabase));
        }
        overrides.forEach((key, value) -> put(sections, key, value));
        NeutrinoServer server = new NeutrinoServer(Config.of(sections)).start();
        return new TestServer(server, stateDir, pgDatabase, pgAdminUrl);
    }

    public static TestServer start() throws Exception {
        return start(Map.of());
    }

    private static void put(Map<String, Map<String, String>> sections, String key, String value) {
        int dot = key.indexOf('.');
        sections.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public NeutrinoServer server() {
        return server;
    }

    /** Calls the server's agent RPC (topic {@code q-plugin}) as an agent does. */
    public JsonNode agentCall(String method, Map<String, Object> args) {
        ObjectNode node = (ObjectNode) AgentJson.tree(args);
        return server.bus().call(Target.topic(AgentTopics.PLUGIN), new Message(method, node), Duration.ofSeconds(10));
    }

    /** Reports the state of a live agent of {@code agentType} on {@code host}, registering it the first time. */
    public void reportAgentState(String host, String agentType, Map<String, Object> configurations) {
        reportAgentState(host, agentType, configurations, null);
    }

    /** Reports the state of a live agent of {@code agentType} on {@code host} in {@code availabilityZone}. */
    public void reportAgentState(String host, String agentType, Map<String, Object> configurations, String availabilityZone) {
        String binary = agentType.equals(AgentTopics.DHCP_AGENT_TYPE) ? "dhcp_agent" : "N/A";
        agentCall(AgentTopics.REPORT_STATE, Map.of("host", host, "agent_state",
                new AgentState("neutrino-test-agent", host, binary, agentType, configurations, true, availabilityZone)));
    }

    /** A client acting as an admin. */
    public ApiClient admin() {
        return new ApiClient(url(), "admin-project", "admin");
    }

    /** A client acting as a member of {@code projectId}. */
    public ApiClient member(String projectId) {
        return new ApiClient(url(), projectId, "member");
    }

    /** A client with exactly these roles in {@code projectId}. */
    public ApiClient client(String projectId, String roles) {
        return new ApiClient(url(), projectId, roles);
    }

    @Override
    public void close() throws Exception {
        server.close();
        if (pgDatabase != null) {
            PostgresDatabases.drop(pgAdminUrl, pgDatabase);
        }
        deleteTree(stateDir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
