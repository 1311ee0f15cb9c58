package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated commands of networks, subnets and ports, and the common rules, against a real server. */
class ServerCommandsTest extends AgainstRealServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServerCli.Run run(String... args) {
        return cli().run(args);
    }

    private ServerCli.Run ok(String... args) {
        return cli().ok(args);
    }

    @Test
    void networkSubnetAndPortByNameWithTheClassicOptions() {
        JsonNode net = ok("net-create", "cli-net1", "--mtu", "1400", "--shared", "-f", "json").json();
        assertThat(net.path("name").asText()).isEqualTo("cli-net1");
        assertThat(net.path("mtu").asInt()).isEqualTo(1400);
        assertThat(net.path("shared").asBoolean()).isTrue();

        JsonNode subnet = ok("subnet-create", "cli-net1", "10.9.0.0/24", "--name", "cli-sub1",
                "--allocation-pool", "start=10.9.0.10,end=10.9.0.20", "--dns-nameserver", "192.0.2.53",
                "--host-route", "destination=198.51.100.0/24,nexthop=10.9.0.254", "--disable-dhcp",
                "--gateway", "10.9.0.1", "-f", "json").json();
        assertThat(subnet.path("network_id").asText()).isEqualTo(net.path("id").asText());
        assertThat(subnet.path("allocation_pools").toString()).isEqualTo("[{\"start\":\"10.9.0.10\",\"end\":\"10.9.0.20\"}]");
        assertThat(subnet.path("dns_nameservers").toString()).isEqualTo("[\"192.0.2.53\"]");
        assertThat(subnet.path("host_routes").toString())
                .isEqualTo("[{\"destination\":\"198.51.100.0/24\",\"nexthop\":\"10.9.0.254\"}]");
        assertThat(subnet.path("enable_dhcp").asBoolean()).isFalse();

        JsonNode port = ok("port-create", "cli-net1", "--name", "cli-port1", "--fixed-ip",
                "subnet_id=cli-sub1,ip_address=10.9.0.15", "--mac-address", "fa:16:3e:00:00:01",
                "--device-owner", "compute:nova", "-f", "json").json();
        assertThat(port.path("fixed_ips").toString())
                .isEqualTo("[{\"subnet_id\":\"" + subnet.path("id").asText() + "\",\"ip_address\":\"10.9.0.15\"}]");
        assertThat(port.path("mac_address").asText()).isEqualTo("fa:16:3e:00:00:01");
        JsonNode storedSubnet = cli().state("/subnets/" + subnet.path("id").asText()).path("subnet");
        assertThat(storedSubnet.path("allocation_pools").toString())
                .isEqualTo("[{\"start\":\"10.9.0.10\",\"end\":\"10.9.0.20\"}]");
        assertThat(storedSubnet.path("host_routes").path(0).path("nexthop").asText()).isEqualTo("10.9.0.254");
        assertThat(storedSubnet.path("gateway_ip").asText()).isEqualTo("10.9.0.1");
        JsonNode storedPort = cli().state("/ports/" + port.path("id").asText()).path("port");
        assertThat(storedPort.path("fixed_ips").path(0).path("ip_address").asText()).isEqualTo("10.9.0.15");
        assertThat(storedPort.path("device_owner").asText()).isEqualTo("compute:nova");
        assertThat(cli().state("/networks/" + net.path("id").asText()).path("network").path("shared").asBoolean()).isTrue();

        assertThat(ok("port-list", "--network", "cli-net1", "-c", "id", "-c", "name", "-f", "value").out())
                .isEqualTo(port.path("id").asText() + " cli-port1\n");
        ServerCli.Run table = ok("port-show", "cli-port1");
        assertThat(table.out()).contains("| Field", "| mac_address ", "fa:16:3e:00:00:01", "| name ", "cli-port1");

        ok("port-update", "cli-port1", "--name", "cli-port1b", "--admin-state-up=false");
        assertThat(cli().state("/ports/" + port.path("id").asText()).path("port").path("admin_state_up").asBoolean())
                .isFalse();
        JsonNode updated = ok("port-show", "cli-port1b", "-f", "json", "-c", "admin_state_up", "-c", "name").json();
        assertThat(updated.toString()).isEqualTo("{\"admin_state_up\":false,\"name\":\"cli-port1b\"}");

        assertThat(ok("port-delete", "cli-port1b").out()).isEqualTo("Deleted port(s): cli-port1b\n");
        assertThat(ok("subnet-delete", "cli-sub1").out()).contains("Deleted subnet(s): cli-sub1");
        ok("net-delete", "cli-net1");
        assertThat(ok("net-list", "-f", "json", "--", "--name", "cli-net1").json()).isEmpty();
    }

    @Test
    void providerAndExternalAttributesAreSent() {
        JsonNode net = ok("net-create", "cli-phys", "--provider:network_type", "flat",
                "--provider:physical_network", "physnet1", "--admin-state-down", "--tenant-id", "proj-x",
                "-f", "json").json();
        assertThat(net.path("admin_state_up").asBoolean()).isFalse();
        assertThat(net.path("tenant_id").asText()).isEqualTo("proj-x");
        assertThat(net.path("provider:network_type").asText()).isEqualTo("flat");
        assertThat(net.path("provider:physical_network").asText()).isEqualTo("physnet1");
        assertThat(cli().state("/networks/" + net.path("id").asText()).path("network").path("provider:physical_network")
                .asText()).isEqualTo("physnet1");
        ok("net-update", "cli-phys", "--admin-state-up");
        assertThat(cli().state("/networks/" + net.path("id").asText()).path("network").path("admin_state_up").asBoolean())
                .isTrue();
        assertThat(ok("net-show", net.path("id").asText(), "-c", "admin_state_up", "-f", "value").out()).isEqualTo("True\n");
        ok("net-delete", "cli-phys");
    }

    @Test
    void noGatewayExternalSharedAndTheOutputFormats() {
        String net = ok("net-create", "cli-ext", "--router:external", "--shared", "--tenant-id", "proj-e", "-f", "value",
                "-c", "id").line();
        JsonNode stored = cli().state("/networks/" + net).path("network");
        assertThat(stored.path("router:external").asBoolean()).isTrue();
        assertThat(stored.path("shared").asBoolean()).isTrue();
        assertThat(stored.path("tenant_id").asText()).isEqualTo("proj-e");

        String subnet = ok("subnet-create", "cli-ext", "192.0.2.0/24", "--name", "cli-ext-sub", "--no-gateway",
                "--allocation-pool", "start=192.0.2.10,end=192.0.2.99",
                "-f", "value", "-c", "id").line();
        assertThat(cli().state("/subnets/" + subnet).path("subnet").path("gateway_ip").isNull()).isTrue();
        ok("subnet-update", "cli-ext-sub", "--gateway", "192.0.2.1", "--dns-nameserver", "192.0.2.53");
        assertThat(cli().state("/subnets/" + subnet).path("subnet").path("gateway_ip").asText()).isEqualTo("192.0.2.1");
        ok("subnet-update", "cli-ext-sub", "--no-gateway", "--no-dns-nameservers");
        stored = cli().state("/subnets/" + subnet).path("subnet");
        assertThat(stored.path("gateway_ip").isNull()).isTrue();
        assertThat(stored.path("dns_nameservers").toString()).isEqualTo("[]");

        assertThat(ok("subnet-list", "--network", "cli-ext", "-c", "name", "-c", "cidr").out()).isEqualTo("""
                +-------------+--------------+
                | name        | cidr         |
                +-------------+--------------+
                | cli-ext-sub | 192.0.2.0/24 |
                +-------------+--------------+
                """);
        assertThat(ok("subnet-list", "--network", "cli-ext", "-c", "name", "-c", "cidr", "-f", "json").json().toString())
                .isEqualTo("[{\"name\":\"cli-ext-sub\",\"cidr\":\"192.0.2.0/24\"}]");
        assertThat(ok("subnet-show", "cli-ext-sub", "-c", "cidr", "-c", "gateway_ip", "-f", "value").out())
                .isEqualTo("192.0.2.0/24\n\n");
        assertThat(ok("subnet-show", "cli-ext-sub", "-F", "cidr", "-F", "name", "-f", "json").json().toString())
                .as("the server sends the asked fields only").isEqualTo("{\"cidr\":\"192.0.2.0/24\",\"name\":\"cli-ext-sub\"}");
        assertThat(ok("subnet-list", "-F", "id", "-F", "cidr", "-f", "json", "-c", "cidr", "-c", "name", "--",
                "--network_id", net).json().toString()).isEqualTo("[{\"cidr\":\"192.0.2.0/24\",\"name\":null}]");
        ServerCli.Run unknownFormat = run("subnet-show", "cli-ext-sub", "-f", "yaml");
        assertThat(unknownFormat.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(unknownFormat.err()).contains("unknown format 'yaml' (table, json, value)");

        ok("subnet-delete", "cli-ext-sub");
        ok("net-delete", "cli-ext");
        assertThat(cli().state("/networks/" + net).isMissingNode()).isTrue();
    }

    @Test
    void anAmbiguousNameListsTheCandidatesAndChangesNothing() {
        String a = ok("net-create", "cli-twin", "-f", "value", "-c", "id").out().strip();
        String b = ok("net-create", "cli-twin", "-f", "value", "-c", "id").out().strip();

        ServerCli.Run run = run("net-delete", "cli-twin");

        assertThat(run.status()).isEqualTo(ExitStatus.NAME);
        assertThat(run.err()).contains("Multiple network matches found for name 'cli-twin'", a, b);
        assertThat(ok("net-list", "-f", "value", "-c", "id", "--", "--name=cli-twin").out().lines()).hasSize(2);
        ok("net-delete", a, b);
    }

    @Test
    void unknownNamesAndIdsAreClearErrors() {
        ServerCli.Run byName = run("net-show", "no-such-net");
        assertThat(byName.status()).isEqualTo(ExitStatus.NAME);
        assertThat(byName.err().strip()).isEqualTo("Error: Unable to find network with name or id 'no-such-net'");

        ServerCli.Run byId = run("net-show", "9b0e5d2c-0000-4000-8000-00000000dead");
        assertThat(byId.status()).isEqualTo(ExitStatus.REFUSED);
        assertThat(byId.err().strip()).isEqualTo(
                "Error (404 NetworkNotFound): Network 9b0e5d2c-0000-4000-8000-00000000dead could not be found.");

        ServerCli.Run inOption = run("port-create", "no-such-net");
        assertThat(inOption.status()).isEqualTo(ExitStatus.NAME);
    }

    @Test
    void badValuesAreUsageErrorsAndSendNothing() {
        ok("net-create", "cli-bad");
        ServerCli.Run run = run("subnet-create", "cli-bad", "10.8.0.0/24", "--allocation-pool", "start=10.8.0.5");
        assertThat(run.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(run.err()).contains("'start=10.8.0.5' lacks end=");
        assertThat(ok("subnet-list", "-f", "json", "--network", "cli-bad").json()).isEmpty();
        ServerCli.Run noChange = run("net-update", "cli-bad");
        assertThat(noChange.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(noChange.err()).contains("Must specify new values to update network");
        ok("net-delete", "cli-bad");
    }

    @Test
    void noauthFromTheOsVariablesWithAProject() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(JSON, h -> {
            throw new AssertionError();
        }, () -> "m", Map.of("OS_AUTH_TYPE", "none", "OS_ENDPOINT", server.url(), "OS_PROJECT_ID", "proj-env")::get);

        int status = NeutrinoCli.run(new String[] {"net-create", "cli-env", "-f", "value", "-c", "tenant_id"},
                environment, new PrintWriter(out), new PrintWriter(err));

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("proj-env\n");
        ok("net-delete", "cli-env");
    }

    @Test
    void verbosePrintsCurlLinesAndAnswers() {
        ServerCli.Run run = ok("-v", "net-create", "cli-verbose");
        assertThat(run.err()).contains("REQ: curl -g -i -X POST " + server.url() + "/v2.0/networks",
                "-d '{\"network\":{\"name\":\"cli-verbose\"}}'", "RESP: [201] {");
        ok("net-delete", "cli-verbose");
    }

    @Test
    void serverErrorsPrintTheNeutronErrorAndExit1() {
        ok("net-create", "cli-err");
        ServerCli.Run run = run("subnet-create", "cli-err", "not-a-cidr");
        assertThat(run.status()).isEqualTo(ExitStatus.REFUSED);
        assertThat(run.err()).startsWith("Error (400 ");
        ok("net-delete", "cli-err");
    }

    @Test
    void extensionsAgentsAndQuotas() {
        assertThat(ok("ext-list", "-f", "value", "-c", "alias").out().lines()).contains("quotas");
        assertThat(ok("ext-show", "quotas", "-f", "json").json().path("alias").asText()).isEqualTo("quotas");
        assertThat(ok("agent-list", "-f", "json").json().isArray()).isTrue();

        ok("quota-update", "--tenant-id", "proj-q", "--network", "7", "--port", "70");
        JsonNode quota = ok("quota-show", "--tenant-id", "proj-q", "-f", "json").json();
        assertThat(quota.path("network").asInt()).isEqualTo(7);
        assertThat(quota.path("port").asInt()).isEqualTo(70);
        assertThat(ok("quota-list", "-f", "value", "-c", "tenant_id").out()).contains("proj-q");
        ok("quota-delete", "--tenant-id", "proj-q");
        assertThat(ok("quota-show", "--tenant-id", "proj-q", "-f", "json").json().path("network").asInt())
                .isEqualTo(100);
    }
}
