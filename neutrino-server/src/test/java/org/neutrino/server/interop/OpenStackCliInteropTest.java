package org.neutrino.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.server.api.auth.NoAuthAuthenticator;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * The real {@code openstack} CLI (python3-openstackclient) against a real Neutrino server, its
 * {@code -f json} output checked field by field: without Keystone ({@code --os-auth-type none}),
 * and behind the real Keystone of {@code scripts/lib/keystone.sh} as the users demo, admin,
 * alt and demoreader. Each CLI call costs about a second, so each mode runs its commands in
 * sequence in one test.
 */
@Tag("cli")
class OpenStackCliInteropTest {

    @BeforeEach
    void cliInstalled() {
        OpenStackCli.assumeInstalled();
    }

    @Test
    void withoutKeystone() throws Exception {
        try (TestServer server = TestServer.start()) {
            OpenStackCli cli = OpenStackCli.noAuth(server.url());
            networksSubnetsPortsEndToEnd(cli, NoAuthAuthenticator.DEFAULT_PROJECT_ID, true);

            List<String> aliases = new ArrayList<>();
            cli.json("extension", "list", "--network").forEach(e -> aliases.add(e.get("Alias").asText()));
            assertThat(aliases).contains("binding", "net-mtu", "pagination", "project-id", "quotas",
                    "standard-attr-tag", "standard-attr-timestamp");
        }
    }

    @Test
    void securityGroupsWithoutKeystone() throws Exception {
        try (TestServer server = TestServer.start(Map.of("ml2.extension_drivers", "port_security"))) {
            OpenStackCli cli = OpenStackCli.noAuth(server.url());
            JsonNode web = cli.json("security", "group", "create", "--description", "web servers", "cli-web");
            String webId = web.get("id").asText();
            assertThat(web.get("name").asText()).isEqualTo("cli-web");
            assertThat(web.get("description").asText()).isEqualTo("web servers");
            assertThat(web.get("rules").toString()).contains("egress").doesNotContain("ingress");
            List<String> names = new ArrayList<>();
            cli.json("security", "group", "list").forEach(g -> names.add(g.get("Name").asText()));
            assertThat(names).containsExactlyInAnyOrder("default", "cli-web");
            JsonNode ssh = cli.json("security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22",
                    "--remote-ip", "192.0.2.0/24", "cli-web");
            assertThat(ssh.get("protocol").asText()).isEqualTo("tcp");
            assertThat(ssh.get("port_range_min").asInt()).isEqualTo(22);
            assertThat(ssh.get("port_range_max").asInt()).isEqualTo(22);
            assertThat(ssh.get("direction").asText()).isEqualTo("ingress");
            assertThat(ssh.get("remote_ip_prefix").asText()).isEqualTo("192.0.2.0/24");
            assertThat(cli.fail("security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22",
                    "--remote-ip", "192.0.2.0/24", "cli-web").stderr()).contains("already exists");
            assertThat(cli.json("security", "group", "show", "cli-web").get("rules").toString()).contains(ssh.get("id").asText());
            assertThat(cli.json("security", "group", "rule", "list", "cli-web")).hasSize(3);

            cli.json("network", "create", "cli-sg-net");
            cli.json("subnet", "create", "--network", "cli-sg-net", "--subnet-range", "10.9.0.0/24", "cli-sg-sub");
            JsonNode withGroup = cli.json("port", "create", "--network", "cli-sg-net", "--security-group", "cli-web", "cli-p1");
            assertThat(withGroup.get("security_group_ids").toString()).isEqualTo("[\"" + webId + "\"]");
            assertThat(withGroup.get("port_security_enabled").asBoolean()).isTrue();
            JsonNode bare = cli.json("port", "create", "--network", "cli-sg-net", "--no-security-group", "cli-p2");
            assertThat(bare.get("security_group_ids")).isEmpty();
            JsonNode open = cli.json("port", "create", "--network", "cli-sg-net", "--disable-port-security", "--no-security-group",
                    "cli-p3");
            assertThat(open.get("port_security_enabled").asBoolean()).isFalse();
            JsonNode byDefault = cli.json("port", "create", "--network", "cli-sg-net", "cli-p4");
            assertThat(byDefault.get("security_group_ids")).hasSize(1);
            assertThat(byDefault.get("security_group_ids").get(0).asText()).isNotEqualTo(webId);

            assertThat(cli.fail("security", "group", "delete", "cli-web").stderr()).contains("in use");
            cli.run("port", "delete", "cli-p1");
            cli.run("security", "group", "rule", "delete", ssh.get("id").asText());
            cli.run("security", "group", "delete", "cli-web");
            assertThat(cli.json("security", "group", "list")).hasSize(1);
        }
    }

    @Test
    void addressGroupsWithoutKeystone() throws Exception {
        try (TestServer server = TestServer.start()) {
            OpenStackCli cli = OpenStackCli.noAuth(server.url());
            JsonNode dns = cli.json("address", "group", "create", "--address", "192.0.2.7/24", "--address", "2001:db8::1",
                    "--description", "resolvers", "cli-dns");
            String dnsId = dns.get("id").asText();
            assertThat(dns.get("name").asText()).isEqualTo("cli-dns");
            assertThat(dns.get("description").asText()).isEqualTo("resolvers");
            assertThat(dns.get("addresses").toString()).contains("192.0.2.0/24", "2001:db8::1/128");
            cli.run("address", "group", "set", "--address", "198.51.100.5", "--name", "cli-resolvers", "cli-dns");
            JsonNode shown = cli.json("address", "group", "show", dnsId);
            assertThat(shown.get("name").asText()).isEqualTo("cli-resolvers");
            assertThat(shown.get("addresses").toString()).contains("198.51.100.5/32", "192.0.2.0/24");
            cli.run("address", "group", "unset", "--address", "192.0.2.0/24", "cli-resolvers");
            assertThat(cli.json("address", "group", "show", dnsId).get("addresses").toString()).doesNotContain("192.0.2.0/24")
                    .contains("198.51.100.5/32");
            List<String> names = new ArrayList<>();
            cli.json("address", "group", "list").forEach(g -> names.add(g.get("Name").asText()));
            assertThat(names).containsExactly("cli-resolvers");

            cli.json("security", "group", "create", "cli-dns-clients");
            JsonNode rule = cli.json("security", "group", "rule", "create", "--protocol", "udp", "--dst-port", "53",
                    "--remote-address-group", "cli-resolvers", "cli-dns-clients");
            assertThat(rule.get("remote_address_group_id").asText()).isEqualTo(dnsId);
            assertThat(cli.fail("security", "group", "rule", "create", "--protocol", "udp", "--dst-port", "53",
                    "--remote-address-group", "cli-resolvers", "cli-dns-clients").stderr()).contains("already exists");
            assertThat(cli.fail("address", "group", "delete", "cli-resolvers").stderr()).contains("in use");
            cli.run("security", "group", "rule", "delete", rule.get("id").asText());
            cli.run("address", "group", "delete", "cli-resolvers");
            assertThat(cli.json("address", "group", "list")).isEmpty();
        }
    }

    @Test
    void routersAndFloatingIpsWithoutKeystone() throws Exception {
        try (TestServer server = TestServer.start()) {
            OpenStackCli cli = OpenStackCli.noAuth(server.url());
            JsonNode external = cli.json("network", "create", "--external", "cli-public");
            assertThat(external.get("router:external")).isEqualTo(BooleanNode.TRUE);
            cli.json("subnet", "create", "--network", "cli-public", "--subnet-range", "203.0.113.0/24", "--no-dhcp", "cli-public-sub");
            cli.json("network", "create", "cli-private");
            String privateSubnet = cli.json("subnet", "create", "--network", "cli-private", "--subnet-range", "10.12.0.0/24",
                    "cli-private-sub").get("id").asText();

            JsonNode router = cli.json("router", "create", "cli-router");
            String routerId = router.get("id").asText();
            assertThat(router.get("name").asText()).isEqualTo("cli-router");
            assertThat(router.get("status").asText()).isEqualTo("ACTIVE");
            cli.run("router", "set", "--external-gateway", "cli-public", "cli-router");
            cli.run("router", "add", "subnet", "cli-router", "cli-private-sub");
            JsonNode shown = cli.json("router", "show", "cli-router");
            assertThat(shown.get("external_gateway_info").get("network_id").asText()).isEqualTo(external.get("id").asText());
            assertThat(shown.get("external_gateway_info").get("enable_snat")).isEqualTo(BooleanNode.TRUE);
            assertThat(shown.toString()).contains(privateSubnet);

            String portId = cli.json("port", "create", "--network", "cli-private", "cli-vm").get("id").asText();
            JsonNode fip = cli.json("floating", "ip", "create", "cli-public");
            String fipId = fip.get("id").asText();
            assertThat(fip.get("floating_ip_address").asText()).startsWith("203.0.113.");
            assertThat(fip.get("status").asText()).isEqualTo("DOWN");
            cli.run("floating", "ip", "set", "--port", portId, fipId);
            JsonNode associated = cli.json("floating", "ip", "show", fipId);
            assertThat(associated.get("port_id").asText()).isEqualTo(portId);
            assertThat(associated.get("router_id").asText()).isEqualTo(routerId);
            assertThat(associated.get("fixed_ip_address").asText()).startsWith("10.12.0.");
            cli.run("floating", "ip", "unset", "--port", fipId);
            assertThat(cli.json("floating", "ip", "show", fipId).get("port_id").isNull()).isTrue();

            String vmAddress = associated.get("fixed_ip_address").asText();
            JsonNode forwarding = cli.json("floating", "ip", "port", "forwarding", "create", "--internal-ip-address", vmAddress,
                    "--port", portId, "--internal-protocol-port", "22", "--external-protocol-port", "2222", "--protocol", "tcp",
                    "--description", "ssh", fipId);
            assertThat(forwarding.get("external_port").asInt()).isEqualTo(2222);
            assertThat(forwarding.get("internal_port").asInt()).isEqualTo(22);
            assertThat(forwarding.get("internal_ip_address").asText()).isEqualTo(vmAddress);
            assertThat(forwarding.get("internal_port_id").asText()).isEqualTo(portId);
            assertThat(forwarding.get("description").asText()).isEqualTo("ssh");
            assertThat(cli.json("floating", "ip", "port", "forwarding", "list", fipId)).hasSize(1);
            assertThat(cli.json("floating", "ip", "show", fipId).get("router_id").asText()).isEqualTo(routerId);
            assertThat(cli.fail("floating", "ip", "set", "--port", portId, fipId).stderr()).contains("in use by Port Forwarding");
            cli.run("floating", "ip", "port", "forwarding", "delete", fipId, forwarding.get("id").asText());
            assertThat(cli.json("floating", "ip", "port", "forwarding", "list", fipId)).isEmpty();
            cli.run("floating", "ip", "delete", fipId);
            assertThat(cli.json("floating", "ip", "list")).isEmpty();

            assertThat(cli.fail("router", "delete", "cli-router").stderr()).contains("still has ports");
            cli.run("router", "remove", "subnet", "cli-router", "cli-private-sub");
            cli.run("router", "delete", "cli-router");
            assertThat(cli.json("router", "list")).isEmpty();
        }
    }

    @Test
    @Tag("keystone")
    void withKeystone() throws Exception {
        TestKeystone keystone = TestKeystone.fromEnvironment();
        try (TestServer server = TestServer.start(keystone.serverOptions())) {
            OpenStackCli demo = OpenStackCli.keystone(keystone, TestKeystone.DEMO);
            String demoProject = demo.json("token", "issue").get("project_id").asText();
            networksSubnetsPortsEndToEnd(demo, demoProject, false);

            String networkId = demo.json("network", "create", "cli-private").get("id").asText();
            OpenStackCli admin = OpenStackCli.keystone(keystone, TestKeystone.ADMIN);
            assertThat(admin.json("network", "show", networkId).get("project_id").asText()).isEqualTo(demoProject);

            OpenStackCli alt = OpenStackCli.keystone(keystone, TestKeystone.ALT);
            assertThat(alt.fail("network", "show", networkId).stderr()).contains("No Network found for " + networkId);
            assertThat(alt.json("network", "list", "--name", "cli-private")).isEmpty();

            OpenStackCli reader = OpenStackCli.keystone(keystone, TestKeystone.DEMO_READER);
            assertThat(reader.json("network", "show", "cli-private").get("id").asText()).isEqualTo(networkId);
            assertThat(reader.fail("network", "create", "cli-reader-net").stderr()).contains("403");

            // `quota set` and `quota show` of this CLI need a compute endpoint in the catalog (see
            // docs/clients.md): the limit is set over HTTP with the admin's token, then read back.
            String adminToken = admin.json("token", "issue").get("id").asText();
            ApiClient.Response set = new ApiClient(server.url(), null, null).send("PUT", "/v2.0/quotas/" + demoProject,
                    Map.of("quota", Map.of("network", 7)), Map.of("X-Auth-Token", adminToken));
            assertThat(set.status()).as("%s", set.body()).isEqualTo(200);
            JsonNode quotas = admin.json("quota", "list", "--network", "--project", demoProject);
            assertThat(quotas).hasSize(1);
            assertThat(quotas.get(0).get("Project ID").asText()).isEqualTo(demoProject);
            assertThat(quotas.get(0).get("Networks").asInt()).isEqualTo(7);
            assertThat(quotas.get(0).get("Subnets").asInt()).isEqualTo(100);
            assertThat(quotas.get(0).get("Ports").asInt()).isEqualTo(500);

            demo.run("network", "delete", "cli-private");
            assertThat(admin.json("network", "list", "--name", "cli-private")).isEmpty();
        }
    }

    /** Address scopes, subnet pools with their prefix operations, and a subnet from a pool, without Keystone (as an admin). */
    @Test
    void subnetPoolsAndAddressScopesWithoutKeystone() throws Exception {
        try (TestServer server = TestServer.start()) {
            OpenStackCli cli = OpenStackCli.noAuth(server.url());
            JsonNode scope = cli.json("address", "scope", "create", "--ip-version", "4", "--share", "cli-scope");
            String scopeId = scope.get("id").asText();
            assertThat(scope.get("name").asText()).isEqualTo("cli-scope");
            assertThat(scope.get("ip_version").asInt()).isEqualTo(4);
            assertThat(scope.get("shared")).isEqualTo(BooleanNode.TRUE);
            cli.run("address", "scope", "set", "--name", "cli-scope-renamed", "cli-scope");
            assertThat(cli.json("address", "scope", "show", scopeId).get("name").asText()).isEqualTo("cli-scope-renamed");
            assertThat(cli.json("address", "scope", "list")).extracting(s -> s.get("ID").asText()).containsExactly(scopeId);

            JsonNode pool = cli.json("subnet", "pool", "create", "--pool-prefix", "10.60.0.0/24", "--pool-prefix", "10.60.1.0/24",
                    "--default-prefix-length", "26", "--min-prefix-length", "20", "--max-prefix-length", "28",
                    "--address-scope", "cli-scope-renamed", "--default-quota", "1024", "--description", "interop pool", "cli-pool");
            String poolId = pool.get("id").asText();
            assertThat(pool.get("name").asText()).isEqualTo("cli-pool");
            assertThat(pool.get("prefixes").toString()).contains("10.60.0.0/23");
            assertThat(pool.get("default_prefixlen").asInt()).isEqualTo(26);
            assertThat(pool.get("min_prefixlen").asInt()).isEqualTo(20);
            assertThat(pool.get("max_prefixlen").asInt()).isEqualTo(28);
            assertThat(pool.get("address_scope_id").asText()).isEqualTo(scopeId);
            assertThat(pool.get("default_quota").asInt()).isEqualTo(1024);
            assertThat(pool.get("ip_version").asInt()).isEqualTo(4);
            assertThat(pool.get("is_default")).isEqualTo(BooleanNode.FALSE);
            assertThat(pool.get("shared")).isEqualTo(BooleanNode.FALSE);
            assertThat(pool.get("description").asText()).isEqualTo("interop pool");

            cli.run("subnet", "pool", "set", "--pool-prefix", "10.60.2.0/24", "--name", "cli-pool-renamed", "cli-pool");
            JsonNode shown = cli.json("subnet", "pool", "show", "cli-pool-renamed");
            assertThat(shown.get("id").asText()).isEqualTo(poolId);
            assertThat(shown.get("prefixes").toString()).contains("10.60.0.0/23").contains("10.60.2.0/24");
            assertThat(cli.json("subnet", "pool", "list")).extracting(p -> p.get("ID").asText()).containsExactly(poolId);

            cli.json("network", "create", "cli-pool-net");
            JsonNode subnet = cli.json("subnet", "create", "--network", "cli-pool-net", "--subnet-pool", "cli-pool-renamed",
                    "--prefix-length", "26", "cli-pool-subnet");
            assertThat(subnet.get("cidr").asText()).isEqualTo("10.60.2.0/26");
            assertThat(subnet.get("subnetpool_id").asText()).isEqualTo(poolId);
            assertThat(subnet.get("gateway_ip").asText()).isEqualTo("10.60.2.1");
            JsonNode second = cli.json("subnet", "create", "--network", "cli-pool-net", "--subnet-pool", "cli-pool-renamed",
                    "cli-pool-subnet-2");
            assertThat(second.get("cidr").asText()).isEqualTo("10.60.2.64/26");
            assertThat(cli.json("network", "show", "cli-pool-net").get("ipv4_address_scope").asText()).isEqualTo(scopeId);

            assertThat(cli.fail("subnet", "pool", "delete", "cli-pool-renamed").stderr()).contains("existing allocations");
            assertThat(cli.fail("address", "scope", "delete", "cli-scope-renamed").stderr()).contains("in use");
            cli.run("subnet", "delete", "cli-pool-subnet", "cli-pool-subnet-2");
            cli.run("subnet", "pool", "delete", "cli-pool-renamed");
            assertThat(cli.json("subnet", "pool", "list")).isEmpty();
            cli.run("address", "scope", "delete", "cli-scope-renamed");
            assertThat(cli.json("address", "scope", "list")).isEmpty();
        }
    }

    /**
     * @param admin whether the CLI acts as an admin, who alone sees the {@code binding:*}
     *              attributes of ports
     */
    private static void networksSubnetsPortsEndToEnd(OpenStackCli cli, String projectId, boolean admin) {
        JsonNode network = cli.json("network", "create", "--description", "interop network", "cli-net");
        String networkId = network.get("id").asText();
        assertThat(networkId).matches("[0-9a-f-]{36}");
        assertThat(network.get("name").asText()).isEqualTo("cli-net");
        assertThat(network.get("description").asText()).isEqualTo("interop network");
        assertThat(network.get("project_id").asText()).isEqualTo(projectId);
        assertThat(network.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(network.get("admin_state_up")).isEqualTo(BooleanNode.TRUE);
        assertThat(network.get("shared")).isEqualTo(BooleanNode.FALSE);
        assertThat(network.get("mtu").asInt()).isEqualTo(1500);
        assertThat(network.get("subnets")).isEmpty();
        assertThat(network.get("revision_number").asInt()).isZero();

        JsonNode subnet = cli.json("subnet", "create", "--network", "cli-net", "--subnet-range", "10.9.0.0/24",
                "--allocation-pool", "start=10.9.0.10,end=10.9.0.100", "--gateway", "none",
                "--dns-nameserver", "192.0.2.53", "--dns-nameserver", "198.51.100.53", "cli-subnet");
        String subnetId = subnet.get("id").asText();
        assertThat(subnet.get("name").asText()).isEqualTo("cli-subnet");
        assertThat(subnet.get("network_id").asText()).isEqualTo(networkId);
        assertThat(subnet.get("project_id").asText()).isEqualTo(projectId);
        assertThat(subnet.get("cidr").asText()).isEqualTo("10.9.0.0/24");
        assertThat(subnet.get("ip_version").asInt()).isEqualTo(4);
        assertThat(subnet.get("gateway_ip").isNull()).isTrue();
        assertThat(subnet.get("allocation_pools")).hasSize(1);
        assertThat(subnet.get("allocation_pools").get(0).get("start").asText()).isEqualTo("10.9.0.10");
        assertThat(subnet.get("allocation_pools").get(0).get("end").asText()).isEqualTo("10.9.0.100");
        assertThat(texts(subnet.get("dns_nameservers"))).containsExactly("192.0.2.53", "198.51.100.53");
        assertThat(subnet.get("enable_dhcp")).isEqualTo(BooleanNode.TRUE);
        assertThat(subnet.get("host_routes")).isEmpty();

        JsonNode fixed = cli.json("port", "create", "--network", "cli-net",
                "--fixed-ip", "subnet=cli-subnet,ip-address=10.9.0.20", "cli-port");
        String fixedId = fixed.get("id").asText();
        String fixedMac = fixed.get("mac_address").asText();
        assertThat(fixed.get("name").asText()).isEqualTo("cli-port");
        assertThat(fixed.get("network_id").asText()).isEqualTo(networkId);
        assertThat(fixed.get("project_id").asText()).isEqualTo(projectId);
        assertThat(addresses(fixed.get("fixed_ips"))).containsExactly(subnetId + " 10.9.0.20");
        assertThat(fixedMac).matches("fa:16:3e(:[0-9a-f]{2}){3}");
        assertThat(fixed.get("status").asText()).isEqualTo("DOWN");
        assertThat(fixed.get("admin_state_up")).isEqualTo(BooleanNode.TRUE);
        assertThat(fixed.get("device_owner").asText()).isEmpty();
        if (admin) {
            assertThat(fixed.get("binding_vif_type").asText()).isEqualTo("unbound");
            assertThat(fixed.get("binding_vnic_type").asText()).isEqualTo("normal");
        } else {
            assertThat(fixed.get("binding_vif_type").isNull()).isTrue();
            assertThat(fixed.get("binding_host_id").isNull()).isTrue();
        }

        JsonNode automatic = cli.json("port", "create", "--network", "cli-net", "cli-port-auto");
        String automaticId = automatic.get("id").asText();
        assertThat(addresses(automatic.get("fixed_ips"))).containsExactly(subnetId + " 10.9.0.10");

        assertThat(cli.fail("port", "create", "--network", "cli-net",
                "--fixed-ip", "subnet=cli-subnet,ip-address=10.9.0.20", "cli-port-taken").stderr())
                .contains("409").contains("10.9.0.20");

        Map<String, String> listed = new LinkedHashMap<>();
        for (JsonNode row : cli.json("port", "list", "--network", "cli-net")) {
            assertThat(row.get("Status").asText()).isEqualTo("DOWN");
            listed.put(row.get("ID").asText(), String.join(",", addresses(row.get("Fixed IP Addresses"))));
        }
        assertThat(listed).containsOnly(Map.entry(fixedId, subnetId + " 10.9.0.20"),
                Map.entry(automaticId, subnetId + " 10.9.0.10"));

        cli.run("network", "set", "--name", "cli-net-renamed", "--description", "renamed", "cli-net");
        JsonNode renamed = cli.json("network", "show", "cli-net-renamed");
        assertThat(renamed.get("id").asText()).isEqualTo(networkId);
        assertThat(renamed.get("description").asText()).isEqualTo("renamed");
        assertThat(texts(renamed.get("subnets"))).containsExactly(subnetId);
        assertThat(renamed.get("revision_number").asInt()).isPositive();
        JsonNode networks = cli.json("network", "list", "--name", "cli-net-renamed");
        assertThat(networks).hasSize(1);
        assertThat(networks.get(0).get("ID").asText()).isEqualTo(networkId);
        assertThat(texts(networks.get(0).get("Subnets"))).containsExactly(subnetId);

        cli.run("port", "set", "--name", "cli-port-renamed", "--no-fixed-ip",
                "--fixed-ip", "subnet=cli-subnet,ip-address=10.9.0.30", "cli-port");
        JsonNode port = cli.json("port", "show", "cli-port-renamed");
        assertThat(port.get("id").asText()).isEqualTo(fixedId);
        assertThat(port.get("mac_address").asText()).isEqualTo(fixedMac);
        assertThat(addresses(port.get("fixed_ips"))).containsExactly(subnetId + " 10.9.0.30");
        assertThat(port.get("revision_number").asInt()).isPositive();

        assertThat(cli.fail("network", "delete", "cli-net-renamed").stderr()).contains("409");

        cli.run("port", "delete", "cli-port-renamed", "cli-port-auto");
        assertThat(cli.json("port", "list", "--network", networkId)).isEmpty();
        cli.run("subnet", "delete", "cli-subnet");
        cli.run("network", "delete", "cli-net-renamed");
        assertThat(cli.json("network", "list", "--name", "cli-net-renamed")).isEmpty();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    /** {@code fixed_ips} as "subnet-id address" strings. */
    private static List<String> addresses(JsonNode fixedIps) {
        List<String> out = new ArrayList<>();
        fixedIps.forEach(ip -> out.add(ip.get("subnet_id").asText() + " " + ip.get("ip_address").asText()));
        return out;
    }
}
