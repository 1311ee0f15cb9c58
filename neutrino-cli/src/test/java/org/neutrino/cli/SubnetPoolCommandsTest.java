package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** subnetpool-* and address-scope-*, and a subnet allocated from a pool, against a real server. */
class SubnetPoolCommandsTest extends AgainstRealServer {
    @Test
    void scopePoolAndASubnetFromThePool() {
        ServerCli cli = cli();
        String t = viaPicocli() ? "lp" : "lf";
        String scope = cli.ok("address-scope-create", t + "-scope", "4", "-f", "value", "-c", "id").line();
        JsonNode stored = cli.state("/address-scopes/" + scope).path("address_scope");
        assertThat(stored.path("ip_version").asInt()).isEqualTo(4);
        assertThat(stored.path("shared").asBoolean()).isFalse();

        String pool = cli.ok("subnetpool-create", t + "-pool", "--pool-prefix", "10.60.0.0/16", "--pool-prefix",
                "10.62.0.0/16", "--default-prefixlen", "26", "--max-prefixlen", "28", "--address-scope", t + "-scope",
                "-f", "value", "-c", "id").line();
        stored = cli.state("/subnetpools/" + pool).path("subnetpool");
        assertThat(stored.path("prefixes").toString()).isEqualTo("[\"10.60.0.0/16\",\"10.62.0.0/16\"]");
        assertThat(stored.path("default_prefixlen").asInt()).isEqualTo(26);
        assertThat(stored.path("max_prefixlen").asInt()).isEqualTo(28);
        assertThat(stored.path("address_scope_id").asText()).isEqualTo(scope);

        cli.ok("net-create", t + "-net");
        String subnet = cli.ok("subnet-create", t + "-net", "--subnetpool", t + "-pool", "--prefixlen", "28",
                "--name", t + "-sub", "-f", "value", "-c", "id").line();
        stored = cli.state("/subnets/" + subnet).path("subnet");
        assertThat(stored.path("subnetpool_id").asText()).isEqualTo(pool);
        assertThat(stored.path("cidr").asText()).startsWith("10.6").endsWith("/28");
        ServerCli.Run tooSmall = cli.fails(ExitStatus.REFUSED, "subnet-create", t + "-net", "--subnetpool", t + "-pool",
                "--prefixlen", "30");
        assertThat(tooSmall.err()).startsWith("Error (400 ");

        cli.ok("subnetpool-update", t + "-pool", "--name", t + "-pool2", "--default-prefixlen", "27");
        stored = cli.state("/subnetpools/" + pool).path("subnetpool");
        assertThat(stored.path("name").asText()).isEqualTo(t + "-pool2");
        assertThat(stored.path("default_prefixlen").asInt()).isEqualTo(27);
        assertThat(cli.ok("subnetpool-list", "--name", t + "-pool2", "-f", "value", "-c", "id", "-c", "default_prefixlen")
                .out()).isEqualTo(pool + " 27\n");

        ServerCli.Run inUse = cli.fails(ExitStatus.REFUSED, "subnetpool-delete", t + "-pool2");
        assertThat(inUse.err()).startsWith("Error (400 SubnetPoolDeleteError)");
        cli.ok("subnet-delete", t + "-sub");
        cli.ok("subnetpool-update", t + "-pool2", "--no-address-scope");
        assertThat(cli.state("/subnetpools/" + pool).path("subnetpool").path("address_scope_id").isNull()).isTrue();
        cli.ok("subnetpool-delete", t + "-pool2");
        assertThat(cli.state("/subnetpools/" + pool).isMissingNode()).isTrue();

        cli.ok("address-scope-update", t + "-scope", "--name", t + "-scope2", "--shared");
        stored = cli.state("/address-scopes/" + scope).path("address_scope");
        assertThat(stored.path("name").asText()).isEqualTo(t + "-scope2");
        assertThat(stored.path("shared").asBoolean()).isTrue();
        assertThat(cli.ok("address-scope-show", t + "-scope2", "-c", "ip_version", "-f", "value").out()).isEqualTo("4\n");
        cli.ok("address-scope-delete", t + "-scope2");
        assertThat(cli.state("/address-scopes/" + scope).isMissingNode()).isTrue();
    }
}
