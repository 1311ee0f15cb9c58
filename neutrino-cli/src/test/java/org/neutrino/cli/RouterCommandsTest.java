package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** router-* and floatingip-* against a real server, checked on the server's state. */
class RouterCommandsTest extends AgainstRealServer {
    /** An external network (VLAN {@code vlan} of physnet1) with a subnet, a private network with a subnet. */
    private String topology(String tag, int vlan) {
        ServerCli cli = cli();
        cli.ok("net-create", tag + "-public", "--router:external", "--provider:network_type", "vlan",
                "--provider:physical_network", "physnet1", "--provider:segmentation_id", String.valueOf(vlan));
        JsonNode segment = cli.state("/networks?name=" + tag + "-public").path("networks").path(0);
        assertThat(segment.path("router:external").asBoolean()).isTrue();
        assertThat(segment.path("provider:segmentation_id").asInt()).isEqualTo(vlan);
        cli.ok("subnet-create", tag + "-public", "203.0.113.0/24", "--name", tag + "-public-sub", "--disable-dhcp",
                "--allocation-pool", "start=203.0.113.10,end=203.0.113.99");
        cli.ok("net-create", tag + "-private");
        cli.ok("subnet-create", tag + "-private", "10.1.0.0/24", "--name", tag + "-private-sub");
        return tag;
    }

    private String id(String command, String name) {
        return cli().ok(command, name, "-f", "value", "-c", "id").line();
    }

    @Test
    void routerLifecycleWithGatewayAndInterfacesBySubnetAndByPort() {
        ServerCli cli = cli();
        String t = topology(viaPicocli() ? "rp" : "rf", viaPicocli() ? 101 : 102);
        String router = cli.ok("router-create", t + "-r", "-f", "value", "-c", "id").line();
        assertThat(cli.state("/routers/" + router).path("router").path("name").asText()).isEqualTo(t + "-r");

        cli.ok("router-update", t + "-r", "--name", t + "-r1", "--description", "edge", "--admin-state-up=false");
        JsonNode updated = cli.state("/routers/" + router).path("router");
        assertThat(updated.path("name").asText()).isEqualTo(t + "-r1");
        assertThat(updated.path("description").asText()).isEqualTo("edge");
        assertThat(updated.path("admin_state_up").asBoolean()).isFalse();
        assertThat(cli.ok("router-list", "--name", t + "-r1", "-f", "value", "-c", "id").line()).isEqualTo(router);

        ServerCli.Run set = cli.ok("router-gateway-set", t + "-r1", t + "-public", "--disable-snat", "--fixed-ip",
                "subnet_id=" + t + "-public-sub,ip_address=203.0.113.10");
        assertThat(set.out()).isEqualTo("Set gateway for router " + t + "-r1\n");
        JsonNode gateway = cli.state("/routers/" + router).path("router").path("external_gateway_info");
        assertThat(gateway.path("network_id").asText()).isEqualTo(id("net-show", t + "-public"));
        assertThat(gateway.path("enable_snat").asBoolean()).isFalse();
        assertThat(gateway.path("external_fixed_ips").path(0).path("ip_address").asText()).isEqualTo("203.0.113.10");

        ServerCli.Run bySubnet = cli.ok("router-interface-add", t + "-r1", t + "-private-sub");
        JsonNode subnetPort = routerPorts(cli, router, "network:router_interface").getFirst();
        assertThat(bySubnet.out()).isEqualTo("Added interface " + subnetPort.path("id").asText() + " to router "
                + t + "-r1.\n");
        assertThat(subnetPort.path("fixed_ips").path(0).path("ip_address").asText()).isEqualTo("10.1.0.1");

        cli.ok("net-create", t + "-other");
        cli.ok("subnet-create", t + "-other", "10.2.0.0/24", "--name", t + "-other-sub");
        String port = cli.ok("port-create", t + "-other", "--name", t + "-rport", "--fixed-ip",
                "subnet_id=" + t + "-other-sub,ip_address=10.2.0.254", "-f", "value", "-c", "id").line();
        cli.ok("router-interface-add", t + "-r1", "port=" + t + "-rport");
        assertThat(cli.state("/ports/" + port).path("port").path("device_id").asText()).isEqualTo(router);

        cli.ok("router-update", t + "-r1", "--route", "destination=198.51.100.0/24,nexthop=10.1.0.20");
        assertThat(cli.state("/routers/" + router).path("router").path("routes").toString())
                .isEqualTo("[{\"destination\":\"198.51.100.0/24\",\"nexthop\":\"10.1.0.20\"}]");
        cli.ok("router-update", t + "-r1", "--no-routes");
        assertThat(cli.state("/routers/" + router).path("router").path("routes").toString()).isEqualTo("[]");

        JsonNode listed = cli.ok("router-port-list", t + "-r1", "-f", "json").json();
        List<String> listedIds = new ArrayList<>();
        listed.forEach(p -> listedIds.add(p.path("id").asText()));
        assertThat(listedIds).containsExactlyInAnyOrderElementsOf(
                routerPorts(cli, router, null).stream().map(p -> p.path("id").asText()).toList()).hasSize(3);
        assertThat(listed.path(0).has("fixed_ips")).isTrue();

        cli.ok("router-interface-delete", t + "-r1", "subnet=" + t + "-private-sub");
        cli.ok("router-interface-delete", t + "-r1", "port=" + port);
        assertThat(routerPorts(cli, router, "network:router_interface")).isEmpty();
        assertThat(cli.state("/ports/" + port).isMissingNode()).as("a port given to a router goes with it").isTrue();

        assertThat(cli.ok("router-gateway-clear", t + "-r1").out()).isEqualTo("Removed gateway from router " + t + "-r1\n");
        assertThat(cli.state("/routers/" + router).path("router").path("external_gateway_info").isNull()).isTrue();
        assertThat(routerPorts(cli, router, null)).isEmpty();

        assertThat(cli.ok("router-delete", t + "-r1").out()).isEqualTo("Deleted router(s): " + t + "-r1\n");
        assertThat(cli.state("/routers/" + router).isMissingNode()).isTrue();
    }

    @Test
    void floatingIpCreateAssociateDisassociateDelete() {
        ServerCli cli = cli();
        String t = topology(viaPicocli() ? "fp" : "ff", viaPicocli() ? 103 : 104);
        cli.ok("router-create", t + "-r");
        cli.ok("router-gateway-set", t + "-r", t + "-public");
        cli.ok("router-interface-add", t + "-r", "subnet=" + t + "-private-sub");
        String vm = cli.ok("port-create", t + "-private", "--name", t + "-vm", "--fixed-ip",
                "ip_address=10.1.0.5", "-f", "value", "-c", "id").line();

        JsonNode bare = cli.ok("floatingip-create", t + "-public", "-f", "json").json();
        String fip = bare.path("id").asText();
        JsonNode stored = cli.state("/floatingips/" + fip).path("floatingip");
        assertThat(stored.path("floating_network_id").asText()).isEqualTo(id("net-show", t + "-public"));
        assertThat(stored.path("floating_ip_address").asText()).startsWith("203.0.113.");
        assertThat(stored.path("port_id").isNull()).isTrue();

        assertThat(cli.ok("floatingip-associate", fip, t + "-vm").out()).isEqualTo("Associated floating IP " + fip + "\n");
        stored = cli.state("/floatingips/" + fip).path("floatingip");
        assertThat(stored.path("port_id").asText()).isEqualTo(vm);
        assertThat(stored.path("fixed_ip_address").asText()).isEqualTo("10.1.0.5");

        cli.ok("floatingip-disassociate", fip);
        assertThat(cli.state("/floatingips/" + fip).path("floatingip").path("port_id").isNull()).isTrue();

        JsonNode direct = cli.ok("floatingip-create", t + "-public", "--port-id", t + "-vm", "--fixed-ip-address",
                "10.1.0.5", "--floating-ip-address", "203.0.113.50", "--description", "web", "-f", "json").json();
        String second = direct.path("id").asText();
        stored = cli.state("/floatingips/" + second).path("floatingip");
        assertThat(stored.path("floating_ip_address").asText()).isEqualTo("203.0.113.50");
        assertThat(stored.path("port_id").asText()).isEqualTo(vm);
        assertThat(stored.path("description").asText()).isEqualTo("web");

        assertThat(cli.ok("floatingip-list", "--port-id", t + "-vm", "-f", "value", "-c", "id",
                "-c", "floating_ip_address").out()).isEqualTo(second + " 203.0.113.50\n");
        assertThat(cli.ok("floatingip-show", second, "-c", "fixed_ip_address", "-f", "value").out())
                .isEqualTo("10.1.0.5\n");

        ServerCli.Run taken = cli.fails(ExitStatus.REFUSED, "floatingip-create", t + "-public", "--floating-ip-address",
                "203.0.113.50");
        assertThat(taken.err()).contains("203.0.113.50");

        cli.ok("floatingip-delete", fip, second);
        assertThat(cli.state("/floatingips/" + fip).isMissingNode()).isTrue();
        assertThat(cli.state("/floatingips/" + second).isMissingNode()).isTrue();
    }

    @Test
    void anotherProjectsRouterCannotBeNamedAndErrorsExitNonZero() {
        ServerCli cli = cli();
        String t = viaPicocli() ? "hp" : "hf";
        String router = cli.ok("router-create", t + "-mine", "--tenant-id", "proj-a", "-f", "value", "-c", "id").line();

        ServerCli.Run hostile = cli.runAs("proj-b", "router-delete", t + "-mine");
        assertThat(hostile.status()).isEqualTo(ExitStatus.NAME);
        assertThat(hostile.err().strip()).isEqualTo("Error: Unable to find router with name or id '" + t + "-mine'");
        ServerCli.Run byId = cli.runAs("proj-b", "router-update", router, "--name", "stolen");
        assertThat(byId.status()).isEqualTo(ExitStatus.REFUSED);
        assertThat(byId.err()).startsWith("Error (404 RouterNotFound)");
        assertThat(cli.state("/routers/" + router).path("router").path("name").asText()).isEqualTo(t + "-mine");

        cli.runAs("proj-a", "router-create", t + "-mine");
        ServerCli.Run twins = cli.run("router-show", t + "-mine");
        assertThat(twins.status()).isEqualTo(ExitStatus.NAME);
        assertThat(twins.err()).contains("Multiple router matches found for name '" + t + "-mine'", router);
        assertThat(cli.runAs("proj-a", "router-list", "-f", "value", "-c", "name").out().lines())
                .containsExactly(t + "-mine", t + "-mine");

        ServerCli.Run missingSubnet = cli.fails(ExitStatus.REFUSED, "router-interface-add", router,
                "9b0e5d2c-0000-4000-8000-00000000dead");
        assertThat(missingSubnet.err()).startsWith("Error (404 SubnetNotFound)");
    }

    @Test
    void refusalsAreOneNeutronErrorLineAndChangeNothing() {
        ServerCli cli = cli();
        String t = viaPicocli() ? "ep" : "ef";
        String router = cli.ok("router-create", t + "-r", "-f", "value", "-c", "id").line();
        cli.ok("net-create", t + "-internal");

        ServerCli.Run notExternal = cli.fails(ExitStatus.REFUSED, "router-gateway-set", t + "-r", t + "-internal");
        assertThat(notExternal.err().lines()).hasSize(1);
        assertThat(notExternal.err()).startsWith("Error (400 ");
        assertThat(cli.state("/routers/" + router).path("router").path("external_gateway_info").isNull()).isTrue();

        cli.ok("port-create", t + "-internal", "--name", t + "-p");
        ServerCli.Run noSuchFip = cli.fails(ExitStatus.REFUSED, "floatingip-associate",
                "9b0e5d2c-0000-4000-8000-00000000beef", t + "-p");
        assertThat(noSuchFip.err()).startsWith("Error (404 FloatingIPNotFound)");
        ServerCli.Run notAnId = cli.fails(ExitStatus.REFUSED, "floatingip-disassociate", "not-an-id");
        assertThat(notAnId.err()).startsWith("Error (404 ");
        ServerCli.Run noSuchPort = cli.fails(ExitStatus.NAME, "floatingip-associate",
                "9b0e5d2c-0000-4000-8000-00000000beef", t + "-no-port");
        assertThat(noSuchPort.err().strip()).isEqualTo("Error: Unable to find port with name or id '" + t + "-no-port'");
    }

    private static List<JsonNode> routerPorts(ServerCli cli, String router, String owner) {
        List<JsonNode> ports = new ArrayList<>();
        cli.state("/ports?device_id=" + router).path("ports").forEach(port -> {
            if (owner == null || owner.equals(port.path("device_owner").asText())) {
                ports.add(port);
            }
        });
        return ports;
    }
}
