package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code neutrino} as a process of its own (its real {@code main}, environment and exit status) against a real server. */
class CliProcessTest {
    private static RealServer server;

    record Result(int status, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        server = RealServer.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Result neutrino(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NeutrinoCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("OS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void createAndListWithTheOsVariables() throws Exception {
        Map<String, String> env = Map.of("OS_AUTH_TYPE", "none", "OS_ENDPOINT", server.url(), "OS_PROJECT_ID", "proc-p");
        Result created = neutrino(env, "net-create", "proc-net", "-f", "value", "-c", "tenant_id");
        Result listed = neutrino(env, "-v", "net-list", "-c", "name", "-f", "value");

        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo("proc-p\n");
        assertThat(listed.out()).isEqualTo("proc-net\n");
        assertThat(listed.err()).contains("REQ: curl -g -i -X GET " + server.url() + "/v2.0/networks",
                "-H \"X-Project-Id: proc-p\"", "RESP: [200] {\"networks\"");
    }

    @Test
    void exitStatusesOfAProcess() throws Exception {
        Map<String, String> env = Map.of("OS_URL", server.url());
        assertThat(neutrino(env, "net-show", "proc-missing").status()).isEqualTo(ExitStatus.NAME);
        assertThat(neutrino(env, "net-show", "9b0e5d2c-0000-4000-8000-00000000dead").status())
                .isEqualTo(ExitStatus.REFUSED);
        assertThat(neutrino(env, "net-create").status()).isEqualTo(ExitStatus.USAGE);
        Result unreachable = neutrino(Map.of("OS_URL", "http://127.0.0.1:1"), "net-list");
        assertThat(unreachable.status()).isEqualTo(ExitStatus.CONNECTION);
        assertThat(unreachable.err().strip()).isEqualTo("Error: cannot connect to http://127.0.0.1:1 (is neutrino-server running?)");
    }
}
