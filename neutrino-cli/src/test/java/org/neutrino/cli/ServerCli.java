package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI run in process against a {@link RealServer} (its {@link NeutrinoCli#run} entry point,
 * through the fast path or, when asked, through picocli), and the server's state read apart from
 * the CLI: plain HTTP GETs as admin, so that a test checks what a command did, not what it said.
 */
final class ServerCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final RealServer server;
    private final boolean viaPicocli;

    ServerCli(RealServer server, boolean viaPicocli) {
        this.server = server;
        this.viaPicocli = viaPicocli;
    }

    /** What one run printed, and its exit status. */
    record Run(int status, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + err, e);
            }
        }

        /** The output without its trailing newline. */
        String line() {
            return out.strip();
        }
    }

    /** Runs {@code neutrino ARGS} as admin (noauth, no project). */
    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--os-endpoint", server.url()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(JSON, helper -> {
            throw new AssertionError("no host commands");
        }, () -> "machine1");
        String[] line = all.toArray(String[]::new);
        int status = viaPicocli
                ? NeutrinoCli.runWithPicocli(line, CommandCatalog.of(Resources.all()), environment, new PrintWriter(out),
                new PrintWriter(err))
                : NeutrinoCli.run(line, environment, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    /** Runs {@code neutrino ARGS} as a member of {@code project}. */
    Run runAs(String project, String... args) {
        List<String> all = new ArrayList<>(List.of("--os-project-id", project));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** Runs {@code neutrino ARGS} as admin and asserts that it succeeded. */
    Run ok(String... args) {
        Run run = run(args);
        assertThat(run.status()).as(String.join(" ", args) + "\n" + run.err()).isZero();
        return run;
    }

    /** Runs {@code neutrino ARGS} as admin and asserts that it failed with {@code status}. */
    Run fails(int status, String... args) {
        Run run = run(args);
        assertThat(run.status()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isEqualTo(status);
        assertThat(run.err()).startsWith("Error");
        return run;
    }

    /** The server's answer to {@code GET /v2.0PATH} as admin; a missing resource is a missing node. */
    JsonNode state(String path) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/v2.0" + path))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 404) {
                return JSON.missingNode();
            }
            assertThat(answer.statusCode()).as("GET " + path + ": " + answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
