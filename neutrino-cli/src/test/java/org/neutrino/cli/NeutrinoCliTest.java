package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end, against {@link ApiStub} and {@link FakeHost}. */
class NeutrinoCliTest {
    private static final String PORT = "3c338602-d8a1-4b7e-9f00-1234567890ab";
    private static final String NET = "9b0e5d2c-0000-4000-8000-000000000001";
    private static final String SUBNET = "5e3d2c1b-0000-4000-8000-000000000002";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiStub api = new ApiStub();
    private final FakeHost host = new FakeHost();
    private final List<String> rootHelpers = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    NeutrinoCliTest() throws IOException {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** Whether command lines go through picocli rather than the fast path (see the subclass). */
    boolean viaPicocli() {
        return false;
    }

    private int run(String... args) {
        CliEnvironment environment = new CliEnvironment(JSON, rootHelper -> {
            rootHelpers.add(rootHelper);
            return host;
        }, () -> "machine1");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--os-endpoint", api.endpoint()));
        String[] line = all.toArray(String[]::new);
        if (viaPicocli()) {
            return NeutrinoCli.runWithPicocli(line, CommandCatalog.of(Resources.all()), environment, new PrintWriter(out),
                    new PrintWriter(err));
        }
        return NeutrinoCli.run(line, environment, new PrintWriter(out), new PrintWriter(err));
    }

    private static String port(String deviceOwner, String deviceId, String hostId) {
        return """
                {"port": {"id": "%s", "network_id": "%s", "mac_address": "fa:16:3e:aa:bb:cc",
                  "fixed_ips": [{"subnet_id": "%s", "ip_address": "10.0.0.5"}],
                  "device_owner": "%s", "device_id": "%s", "binding:host_id": "%s", "status": "DOWN"}}
                """.formatted(PORT, NET, SUBNET, deviceOwner, deviceId, hostId);
    }

    private void scriptNetworkAndSubnet() {
        api.answer("GET", "/networks/" + NET, 200, "{\"network\": {\"id\": \"" + NET + "\", \"mtu\": 1450}}");
        api.answer("GET", "/subnets/" + SUBNET, 200,
                "{\"subnet\": {\"id\": \"" + SUBNET + "\", \"cidr\": \"10.0.0.0/24\", \"gateway_ip\": \"10.0.0.1\"}}");
        api.answer("PUT", "/ports/" + PORT, 200, port("compute:nova", "x", "h"));
    }

    private JsonNode putBody() throws IOException {
        return JSON.readTree(api.requests("PUT").getFirst().body()).path("port");
    }

    @Test
    void plugBindsTheFreePortThenPlugsItWithDhcp() throws IOException {
        api.answer("GET", "/ports/" + PORT, 200, port("", "", ""));
        scriptNetworkAndSubnet();

        int status = run("vif", "plug", PORT, "--netns", "vm1", "--root-helper", "ip netns exec host-c1");

        assertThat(status).as(err.toString()).isZero();
        JsonNode put = putBody();
        assertThat(put.path("binding:host_id").asText()).isEqualTo("machine1");
        assertThat(put.path("device_owner").asText()).isEqualTo("compute:nova");
        assertThat(put.path("device_id").asText()).isEqualTo(NamespaceDeviceId.of("vm1"));
        assertThat(rootHelpers).containsExactly("ip netns exec host-c1");
        assertThat(host.link("vm1", "eth0").orElseThrow().mac).isEqualTo("fa:16:3e:aa:bb:cc");
        assertThat(host.link("vm1", "eth0").orElseThrow().mtu).isEqualTo(1450);
        assertThat(host.link("vm1", "eth0").orElseThrow().addresses).isEmpty();
        assertThat(api.requests("GET")).extracting(ApiStub.Request::pathAndQuery)
                .doesNotContain("/v2.0/subnets/" + SUBNET);
        assertThat(out.toString()).contains("Plugged port " + PORT, "tap3c338602-d8", "vm1 (created)",
                "fa:16:3e:aa:bb:cc", "1450", "10.0.0.5 (by DHCP)", "machine1 (binding:host_id set)");
    }

    @Test
    void plugOfAnAlreadyBoundPortSendsNoUpdateAndKeepsNovasDeviceId() {
        api.answer("GET", "/ports/" + PORT, 200, port("compute:az1", "instance-uuid", "compute1"));
        scriptNetworkAndSubnet();

        int status = run("vif", "plug", PORT, "--netns", "vm1", "--host", "compute1");

        assertThat(status).as(err.toString()).isZero();
        assertThat(api.requests("PUT")).isEmpty();
        assertThat(rootHelpers).containsExactly("");
    }

    @Test
    void theHostAndRootHelperComeFromTheAgentConfiguration(@TempDir Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("agent.ini"),
                "[DEFAULT]\nhost = compute7\n[AGENT]\nroot_helper = ip netns exec host-c7\n");
        api.answer("GET", "/ports/" + PORT, 200, port("", "", ""));
        scriptNetworkAndSubnet();

        int status = run("vif", "plug", PORT, "--netns", "vm1", "--config-file", conf.toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(putBody().path("binding:host_id").asText()).isEqualTo("compute7");
        assertThat(rootHelpers).containsExactly("ip netns exec host-c7");
    }

    @Test
    void staticPlugPutsTheFixedIpAndTheGatewayOnTheNic() {
        api.answer("GET", "/ports/" + PORT, 200, port("", "", ""));
        scriptNetworkAndSubnet();

        int status = run("vif", "plug", PORT, "--netns", "vm1", "--static");

        assertThat(status).as(err.toString()).isZero();
        assertThat(host.link("vm1", "eth0").orElseThrow().addresses).containsExactly("10.0.0.5/24");
        assertThat(host.routes.get("vm1")).containsExactly("0.0.0.0/0 10.0.0.1 eth0");
        assertThat(out.toString()).contains("10.0.0.5/24 (static), default via 10.0.0.1");
    }

    @Test
    void plugTwiceSaysNothingChanged() {
        api.answer("GET", "/ports/" + PORT, 200, port("compute:nova", NamespaceDeviceId.of("vm1"), "machine1"));
        scriptNetworkAndSubnet();
        assertThat(run("vif", "plug", PORT, "--netns", "vm1")).isZero();
        out.getBuffer().setLength(0);

        assertThat(run("vif", "plug", PORT, "--netns", "vm1")).isZero();

        assertThat(out.toString()).startsWith("Already plugged, nothing changed: port " + PORT);
    }

    @Test
    void aNetworkServicePortIsNotPlugged() {
        api.answer("GET", "/ports/" + PORT, 200, port("network:dhcp", "dhcp-x", "controller"));

        int status = run("vif", "plug", PORT, "--netns", "vm1");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("Error: port " + PORT + " belongs to 'network:dhcp', not to a VM");
        assertThat(host.commandLines).isEmpty();
        assertThat(api.requests("PUT")).isEmpty();
    }

    @Test
    void anApiErrorIsOneLineAndStatus1() {
        api.answer("GET", "/ports/nope", 404, "{\"NeutronError\": {\"type\": \"PortNotFound\", "
                + "\"message\": \"Port nope could not be found.\", \"detail\": \"\"}}");

        int status = run("vif", "plug", "nope", "--netns", "vm1");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Error (404 PortNotFound): Port nope could not be found.");
        assertThat(host.commandLines).isEmpty();
    }

    @Test
    void plugWithoutNetnsIsAUsageError() {
        int status = run("vif", "plug", PORT);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--netns=NAME'");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void unplugDeletesTheTapTheNamespaceFoundByDeviceIdAndClearsTheBinding() throws IOException {
        api.answer("GET", "/ports/" + PORT, 200, port("", "", ""));
        scriptNetworkAndSubnet();
        assertThat(run("vif", "plug", PORT, "--netns", "vm1")).isZero();
        api.requests.clear();
        api.answer("GET", "/ports/" + PORT, 200, port("compute:nova", NamespaceDeviceId.of("vm1"), "machine1"));

        int status = run("vif", "unplug", PORT, "--delete-netns");

        assertThat(status).as(err.toString()).isZero();
        assertThat(host.link(FakeHost.HOST, "tap3c338602-d8")).isEmpty();
        assertThat(host.namespaces).doesNotContainKey("vm1");
        JsonNode put = putBody();
        assertThat(put.path("binding:host_id").asText("x")).isEmpty();
        assertThat(put.path("device_id").asText("x")).isEmpty();
        assertThat(put.path("device_owner").asText("x")).isEmpty();
        assertThat(out.toString()).contains("tap3c338602-d8 (deleted)", "vm1 (deleted)", "binding      cleared");
    }

    @Test
    void unplugOfAPortTheApiForgotStillCleansTheHost() {
        api.answer("GET", "/ports/" + PORT, 200, port("", "", ""));
        scriptNetworkAndSubnet();
        assertThat(run("vif", "plug", PORT, "--netns", "vm1")).isZero();
        api.answer("GET", "/ports/" + PORT, 404, "{\"NeutronError\": {\"type\": \"PortNotFound\", "
                + "\"message\": \"Port " + PORT + " could not be found.\", \"detail\": \"\"}}");
        api.requests.clear();

        int status = run("vif", "unplug", PORT, "--delete-netns", "--netns", "vm1");

        assertThat(status).isZero();
        assertThat(host.namespaces).doesNotContainKey("vm1");
        assertThat(api.requests("PUT")).isEmpty();
        assertThat(err.toString()).contains("Warning: Port " + PORT + " could not be found.");
    }

    @Test
    void portListFiltersByNetworkAndPrintsATable() {
        api.answer("GET", "/ports?network_id=" + NET, 200, """
                {"ports": [{"id": "p1", "name": "web", "mac_address": "fa:16:3e:00:00:01",
                  "fixed_ips": [{"subnet_id": "s", "ip_address": "10.0.0.5"}, {"subnet_id": "s6", "ip_address": "fd00::5"}],
                  "status": "ACTIVE", "device_owner": "compute:nova", "binding:host_id": "compute1"}]}
                """);

        int status = run("port", "list", "--network", NET);

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("""
                +----+------+-------------------+--------------------+--------+--------------+----------+
                | ID | Name | MAC Address       | Fixed IP Addresses | Status | Device Owner | Host     |
                +----+------+-------------------+--------------------+--------+--------------+----------+
                | p1 | web  | fa:16:3e:00:00:01 | 10.0.0.5           | ACTIVE | compute:nova | compute1 |
                |    |      |                   | fd00::5            |        |              |          |
                +----+------+-------------------+--------------------+--------+--------------+----------+
                """);
    }

    @Test
    void networkListShowsSubnetsAndMtu() {
        api.answer("GET", "/networks", 200, "{\"networks\": [{\"id\": \"n1\", \"name\": \"private\", "
                + "\"subnets\": [\"s1\"], \"status\": \"ACTIVE\", \"mtu\": 1450}]}");

        assertThat(run("network", "list")).isZero();

        assertThat(out.toString()).contains("| n1 | private | s1      | ACTIVE | 1450 |");
    }

    @Test
    void agentListWhereTheServerHasNoAgentsApiIsANiceError() {
        int status = run("agent", "list");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("Error (404 HTTPNotFound): The resource could not be found.");
    }

    @Test
    void agentListShowsLiveness() {
        api.answer("GET", "/agents", 200, "{\"agents\": [{\"id\": \"a1\", \"agent_type\": \"Linux bridge agent\", "
                + "\"host\": \"compute1\", \"alive\": true, \"admin_state_up\": true, "
                + "\"binary\": \"neutrino-linuxbridge-agent\"}]}");

        assertThat(run("agent", "list")).isZero();

        assertThat(out.toString()).contains("| a1 | Linux bridge agent | compute1 | :-)   | UP    | "
                + "neutrino-linuxbridge-agent |");
    }

    @Test
    void theProjectOptionBecomesTheNoauthHeader() {
        api.answer("GET", "/networks", 200, "{\"networks\": []}");

        assertThat(run("network", "list", "--os-project-id", "demo")).isZero();

        assertThat(api.requests.getFirst().header("X-Project-Id")).isEqualTo("demo");
    }

    @Test
    void debugTracesRequestsAndHostCommands() {
        api.answer("GET", "/ports/" + PORT, 200, port("", "", ""));
        scriptNetworkAndSubnet();

        assertThat(run("--debug", "vif", "plug", PORT, "--netns", "vm1")).isZero();

        assertThat(err.toString()).contains("REQ: curl -g -i -X GET " + api.endpoint() + "/v2.0/ports/" + PORT,
                "+ ip netns add vm1", "+ ip link add tap3c338602-d8");
    }

    @Test
    void connectionOptionsAndDebugMayComeBeforeOrAfterTheSubcommand() {
        api.answer("GET", "/networks", 200, "{\"networks\": []}");
        CliEnvironment environment = new CliEnvironment(JSON, rootHelper -> host, () -> "machine1");

        int status = NeutrinoCli.run(new String[] {"--os-endpoint", api.endpoint(), "--os-project-id", "demo",
                "network", "list", "--debug"}, environment, new PrintWriter(out), new PrintWriter(err));

        assertThat(status).as(err.toString()).isZero();
        assertThat(api.requests.getFirst().header("X-Project-Id")).isEqualTo("demo");
        assertThat(err.toString()).contains("REQ: curl -g -i -X GET " + api.endpoint() + "/v2.0/networks");
    }

    @Test
    void theNoLoggingProviderExists() throws ReflectiveOperationException {
        Class<?> provider = Class.forName(NeutrinoCli.NO_LOGGING);

        assertThat(org.slf4j.spi.SLF4JServiceProvider.class.isAssignableFrom(provider)).isTrue();
        assertThat(provider.getConstructor()).isNotNull();
    }

    @Test
    void unplugOfAnUnboundPortSaysWhyNoNamespaceWasDeleted() {
        api.answer("GET", "/ports/" + PORT, 200, port("", "", ""));

        int status = run("vif", "unplug", PORT, "--delete-netns");

        assertThat(status).as(err.toString()).isZero();
        assertThat(err.toString()).contains("Warning: no VM namespace deleted: the port has no device_id "
                + "(name it with --netns)");
        assertThat(api.requests("PUT")).isEmpty();
        assertThat(out.toString()).contains("tap3c338602-d8 (absent)", "binding      (was not bound)");
    }
}
