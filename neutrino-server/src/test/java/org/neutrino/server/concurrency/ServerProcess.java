package org.neutrino.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.neutrino.server.testing.ApiClient;

/**
 * A Neutrino API server in its own JVM ({@code java -cp <test class path> ServerMain
 * --config-file F}), noauth, on a free loopback port, its output in {@code server.log} next to
 * the config. Only this process is ever ended, by its pid.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int SIGKILL_EXIT = 128 + 9;

    private final Path dir;
    private final int port;
    private final Process process;

    private ServerProcess(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a server whose state (and embedded H2, when {@code connection} is empty) lives in
     * {@code stateDir}; returns once it answers {@code GET /}.
     */
    static ServerProcess start(Path stateDir, String connection) throws Exception {
        int port = freePort();
        Path config = stateDir.resolve("neutrino-" + port + ".conf");
        Files.writeString(config, String.join("\n",
                "[DEFAULT]",
                "auth_strategy = noauth",
                "bind_host = 127.0.0.1",
                "bind_port = " + port,
                "state_path = " + stateDir,
                "[database]",
                "connection = " + connection,
                ""));
        Path log = stateDir.resolve("server-" + port + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "org.neutrino.server.ServerMain", "--config-file", config.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(stateDir, port, process);
        server.awaitReady(log);
        return server;
    }

    private void awaitReady(Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("server did not answer within " + START_TIMEOUT + ":\n" + tail(log));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** A client acting as a member of {@code projectId}. */
    ApiClient member(String projectId) {
        return new ApiClient(url(), projectId, "member");
    }

    ApiClient admin() {
        return new ApiClient(url(), "admin-project", "admin");
    }

    /**
     * Kills the server with SIGKILL ({@link Process#destroyForcibly()} sends SIGKILL on Linux;
     * the exit status 137 = 128 + 9 proves it) and waits until it is gone.
     */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed server %d exits", process.pid()).isTrue();
        assertThat(process.exitValue()).as("exit status of a process ended by SIGKILL").isEqualTo(SIGKILL_EXIT);
    }

    /** The last lines of the server's output, for failure messages. */
    String logTail() {
        return tail(dir.resolve("server-" + port + ".log"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
