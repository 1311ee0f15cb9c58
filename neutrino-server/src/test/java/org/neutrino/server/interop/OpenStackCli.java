package org.neutrino.server.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code openstack} command (Debian's {@code python3-openstackclient}), run as a
 * subprocess against a Neutrino server: either without Keystone ({@code --os-auth-type none
 * --os-endpoint URL}) or as a Keystone user through {@code OS_*} environment variables.
 *
 * <p>The caller's own {@code OS_*} variables are never passed on, so a developer's cloud
 * settings cannot leak into a test. The test Keystone (uwsgi's {@code http-socket}) sometimes
 * resets a kept-alive connection that the client reuses right after the version discovery; a
 * command that fails with exactly that error on the identity URL is run again, at most
 * {@value #IDENTITY_ATTEMPTS} times in all.
 */
final class OpenStackCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;
    private static final int IDENTITY_ATTEMPTS = 3;

    private final List<String> globalArgs;
    private final Map<String, String> environment;
    private final String identityUrl;

    private OpenStackCli(List<String> globalArgs, Map<String, String> environment, String identityUrl) {
        this.globalArgs = List.copyOf(globalArgs);
        this.environment = Map.copyOf(environment);
        this.identityUrl = identityUrl;
    }

    /** What one run printed, and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Skips the calling test when {@code openstack} is not on the PATH. */
    static void assumeInstalled() {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean found = false;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "openstack"))) {
                found = true;
                break;
            }
        }
        assumeTrue(found, "the `openstack` CLI is not on the PATH (apt-get install python3-openstackclient)");
    }

    /** The CLI without Keystone, every service at {@code endpoint}. */
    static OpenStackCli noAuth(String endpoint) {
        return new OpenStackCli(List.of("--os-auth-type", "none", "--os-endpoint", endpoint), Map.of(), null);
    }

    /** The CLI as {@code user} of the test Keystone, finding the network service in its catalog. */
    static OpenStackCli keystone(TestKeystone keystone, TestKeystone.User user) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OS_AUTH_URL", keystone.identityUrl());
        env.put("OS_IDENTITY_API_VERSION", "3");
        env.put("OS_AUTH_TYPE", "password");
        env.put("OS_USERNAME", user.name());
        env.put("OS_PASSWORD", user.password());
        env.put("OS_PROJECT_NAME", user.project());
        env.put("OS_USER_DOMAIN_NAME", TestKeystone.DOMAIN);
        env.put("OS_PROJECT_DOMAIN_NAME", TestKeystone.DOMAIN);
        env.put("OS_REGION_NAME", "RegionOne");
        env.put("OS_INTERFACE", "public");
        return new OpenStackCli(List.of(), env, keystone.identityUrl());
    }

    /** Runs {@code openstack ARGS -f json}, which must succeed, and parses what it printed. */
    JsonNode json(String... args) {
        List<String> withFormat = new ArrayList<>(List.of(args));
        withFormat.addAll(List.of("-f", "json"));
        String stdout = succeed(withFormat);
        try {
            return JSON.readTree(stdout);
        } catch (IOException e) {
            throw new AssertionError("openstack " + String.join(" ", withFormat) + " printed no JSON: " + stdout, e);
        }
    }

    /** Runs {@code openstack ARGS}, which must succeed; returns what it printed. */
    String run(String... args) {
        return succeed(List.of(args));
    }

    /** Runs {@code openstack ARGS}, which must fail; returns what it said. */
    Result fail(String... args) {
        Result result = execute(List.of(args));
        if (result.exitCode() == 0) {
            throw new AssertionError("openstack " + String.join(" ", args) + " succeeded but should have failed: "
                    + result.stdout());
        }
        return result;
    }

    private String succeed(List<String> args) {
        Result result = execute(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("openstack " + String.join(" ", args) + " exited with " + result.exitCode()
                    + ": " + result.stderr() + result.stdout());
        }
        return result.stdout();
    }

    private Result execute(List<String> args) {
        Result result = executeOnce(args);
        for (int attempt = 1; attempt < IDENTITY_ATTEMPTS && identityConnectionReset(result); attempt++) {
            result = executeOnce(args);
        }
        return result;
    }

    private boolean identityConnectionReset(Result result) {
        return identityUrl != null && result.exitCode() != 0
                && result.stderr().contains("Unable to establish connection to " + identityUrl)
                && result.stderr().contains("Connection reset by peer");
    }

    private Result executeOnce(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("openstack");
        command.addAll(globalArgs);
        command.addAll(args);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("openstack-cli-", ".out");
            err = Files.createTempFile("openstack-cli-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("OS_"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            file.toFile().delete();
        }
    }
}
