package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in as the {@code openstack} CLI does, against the real Keystone of
 * {@code scripts/lib/keystone.sh} ({@code NEUTRINO_TEST_KEYSTONE_URL}; skipped without it) and a
 * real server in keystone mode.
 */
class KeystoneLoginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String keystone;
    private static RealServer server;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        keystone = System.getenv("NEUTRINO_TEST_KEYSTONE_URL");
        assumeTrue(keystone != null && !keystone.isBlank(), "NEUTRINO_TEST_KEYSTONE_URL is not set");
        server = RealServer.start(Map.of(
                "DEFAULT.auth_strategy", "keystone",
                "keystone_authtoken.auth_url", keystone,
                "keystone_authtoken.username", "neutron",
                "keystone_authtoken.password", "secretneutron",
                "keystone_authtoken.project_name", "service",
                "keystone_authtoken.user_domain_name", "Default",
                "keystone_authtoken.project_domain_name", "Default"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Run run(Map<String, String> variables, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(JSON, h -> {
            throw new AssertionError();
        }, () -> "m", variables::get);
        int status = NeutrinoCli.run(args, environment, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    private static Map<String, String> user(String name, String password, String project) {
        Map<String, String> variables = new HashMap<>(Map.of("OS_AUTH_URL", keystone, "OS_USERNAME", name,
                "OS_PASSWORD", password, "OS_PROJECT_NAME", project, "OS_USER_DOMAIN_NAME", "Default",
                "OS_PROJECT_DOMAIN_NAME", "Default", "OS_REGION_NAME", "RegionOne"));
        variables.put("OS_ENDPOINT", server.url());
        return variables;
    }

    @Test
    void passwordLoginFromTheOsVariablesScopesToTheProject() {
        String name = "ks-net-" + System.nanoTime();
        Run created = run(user("demo", "secretdemo", "demo"), "net-create", name, "-f", "value", "-c", "id");
        assertThat(created.status()).as(created.err()).isZero();

        Run asDemo = run(user("demo", "secretdemo", "demo"), "net-show", name, "-f", "value", "-c", "name");
        assertThat(asDemo.out()).isEqualTo(name + "\n");
        Run asAlt = run(user("alt", "secretalt", "alt"), "net-show", name);
        assertThat(asAlt.status()).isEqualTo(ExitStatus.NAME);
        assertThat(asAlt.err()).contains("Unable to find network with name or id '" + name + "'");

        assertThat(run(user("demo", "secretdemo", "demo"), "net-delete", created.out().strip()).status()).isZero();
    }

    @Test
    void theNetworkEndpointComesFromTheCatalog() {
        Map<String, String> variables = user("demo", "secretdemo", "demo");
        variables.remove("OS_ENDPOINT");
        variables.put("OS_INTERFACE", "internal");

        Run run = run(variables, "-v", "net-list");

        // keystone.sh registers http://127.0.0.1:9696 for the network service, whatever listens there
        assertThat(run.err()).contains("REQ: curl -g -i -X POST " + keystone + "/auth/tokens",
                "\"password\":\"***\"", "REQ: curl -g -i -X GET http://127.0.0.1:9696/v2.0/networks",
                "X-Auth-Token: {SHA256}");
        assertThat(run.err()).doesNotContain("secretdemo");
    }

    @Test
    void aWrongPasswordIsAConnectionError() {
        Run run = run(user("demo", "wrong", "demo"), "net-list");

        assertThat(run.status()).isEqualTo(ExitStatus.CONNECTION);
        assertThat(run.err()).startsWith("Error: Keystone refused the login (401)");
    }

    @Test
    void aCloudOfCloudsYaml(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("clouds.yaml"), """
                # as the openstack CLI reads it
                clouds:
                  other:
                    auth:
                      auth_url: http://127.0.0.1:1/v3
                  devstack:
                    auth:
                      auth_url: '%s'
                      username: "demo"
                      password: secretdemo   # a comment
                      project_name: demo
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: RegionOne
                    interface: public
                    network_endpoint_override: %s
                """.formatted(keystone, server.url()));

        Run run = run(Map.of("OS_CLIENT_CONFIG_FILE", file.toString()), "--os-cloud", "devstack", "net-list",
                "-f", "json");

        assertThat(run.status()).as(run.err()).isZero();
        Run missing = run(Map.of("OS_CLIENT_CONFIG_FILE", file.toString(), "OS_CLOUD", "nope"), "net-list");
        assertThat(missing.status()).isEqualTo(ExitStatus.CONNECTION);
        assertThat(missing.err()).contains("cloud 'nope' is not in " + file);
    }

    @Test
    void aTokenWithTheClassicOsUrl() {
        Map<String, String> settings = Map.of("auth_url", keystone, "username", "demo", "password", "secretdemo",
                "project_name", "demo", "endpoint", server.url());
        String token = new Login(settings, JSON, java.util.Optional.empty()).connect().token().orElseThrow();

        Run good = run(Map.of("OS_TOKEN", token, "OS_URL", server.url()), "-v", "net-list");
        Run bad = run(Map.of("OS_TOKEN", "not-a-token", "OS_URL", server.url()), "net-list");

        assertThat(good.status()).as(good.err()).isZero();
        assertThat(good.err()).contains("X-Auth-Token: " + TokenDigest.of(token)).doesNotContain("/auth/tokens");
        assertThat(bad.status()).isEqualTo(ExitStatus.REFUSED);
        assertThat(bad.err()).startsWith("Error (401");
    }
}
