package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exact requests the router, floating IP, security group, subnet pool and address scope
 * commands send, against {@link ApiStub} answering as Neutron does (what they do to a real
 * server is in {@link RouterCommandsTest} and its siblings).
 */
class StubbedCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTER = "11111111-0000-4000-8000-000000000001";
    private static final String EXT_NET = "22222222-0000-4000-8000-000000000002";
    private static final String SUBNET = "33333333-0000-4000-8000-000000000003";
    private static final String PORT = "44444444-0000-4000-8000-000000000004";
    private static final String FIP = "55555555-0000-4000-8000-000000000005";
    private static final String SG = "66666666-0000-4000-8000-000000000006";
    private static final String SCOPE = "77777777-0000-4000-8000-000000000007";

    private final ApiStub api = new ApiStub();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    StubbedCommandsTest() throws IOException {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** Whether the command lines go through picocli rather than the fast path (see the subclass). */
    boolean viaPicocli() {
        return false;
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--os-endpoint", api.endpoint()));
        all.addAll(List.of(args));
        String[] line = all.toArray(String[]::new);
        if (viaPicocli()) {
            return NeutrinoCli.runWithPicocli(line, CommandCatalog.of(Resources.all()), environment(),
                    new PrintWriter(out), new PrintWriter(err));
        }
        assertThat(new QuickParser(CommandCatalog.of(Resources.all())).parse(line)).as("fast path").isNotEmpty();
        return NeutrinoCli.run(line, environment(), new PrintWriter(out), new PrintWriter(err));
    }

    /** The CLI's environment: no host command expected (no executor), machine host name "m". */
    private static CliEnvironment environment() {
        return new CliEnvironment(JSON, h -> {
            throw new AssertionError();
        }, () -> "m");
    }

    private void ok(String... args) {
        assertThat(run(args)).as(err.toString()).isZero();
    }

    private void named(String path, String name, String id) {
        api.answer("GET", path + "?name=" + name + "&fields=id", 200,
                "{\"" + path.substring(1).replace('-', '_') + "\": [{\"id\": \"" + id + "\"}]}");
    }

    /** Answers a POST to {@code path} with 201 and {@code {"<resource>": {"id": "<id>"}}}. */
    private void answerCreated(String path, String resource, String id) {
        api.answer("POST", path, 201, "{\"" + resource + "\": {\"id\": \"" + id + "\"}}");
    }

    /** The one request of {@code method} sent, as "METHOD path body". */
    private String sent(String method) throws IOException {
        List<ApiStub.Request> requests = api.requests(method);
        assertThat(requests).hasSize(1);
        ApiStub.Request request = requests.getFirst();
        String body = request.body().isEmpty() ? "" : " " + JSON.readTree(request.body());
        return method + " " + request.pathAndQuery() + body;
    }

    @Test
    void routerCreateGatewaySetWithFixedIpAndNoSnat() throws IOException {
        api.answer("POST", "/routers", 201, "{\"router\": {\"id\": \"" + ROUTER + "\", \"name\": \"r1\"}}");
        ok("router-create", "r1", "--distributed=false");
        assertThat(sent("POST")).isEqualTo("POST /v2.0/routers {\"router\":{\"name\":\"r1\",\"distributed\":false}}");

        named("/routers", "r1", ROUTER);
        named("/networks", "public", EXT_NET);
        named("/subnets", "public-sub", SUBNET);
        api.answer("PUT", "/routers/" + ROUTER, 200, "{\"router\": {}}");
        ok("router-gateway-set", "r1", "public", "--disable-snat", "--fixed-ip",
                "subnet_id=public-sub,ip_address=203.0.113.10");
        assertThat(sent("PUT")).isEqualTo("PUT /v2.0/routers/" + ROUTER + " {\"router\":{\"external_gateway_info\":"
                + "{\"network_id\":\"" + EXT_NET + "\",\"enable_snat\":false,\"external_fixed_ips\":[{\"subnet_id\":\""
                + SUBNET + "\",\"ip_address\":\"203.0.113.10\"}]}}}");
        assertThat(out.toString()).contains("Set gateway for router r1");
    }

    @Test
    void routerGatewayClear() throws IOException {
        api.answer("PUT", "/routers/" + ROUTER, 200, "{\"router\": {}}");
        ok("router-gateway-clear", ROUTER);
        assertThat(sent("PUT")).isEqualTo("PUT /v2.0/routers/" + ROUTER + " {\"router\":{\"external_gateway_info\":{}}}");
    }

    @Test
    void routerInterfaceAddBySubnetNameAndDeleteByPort() throws IOException {
        named("/subnets", "private-sub", SUBNET);
        api.answer("PUT", "/routers/" + ROUTER + "/add_router_interface", 200,
                "{\"subnet_id\": \"" + SUBNET + "\", \"port_id\": \"" + PORT + "\", \"id\": \"" + ROUTER + "\"}");
        ok("router-interface-add", ROUTER, "private-sub");
        assertThat(sent("PUT")).isEqualTo("PUT /v2.0/routers/" + ROUTER + "/add_router_interface {\"subnet_id\":\""
                + SUBNET + "\"}");
        assertThat(out.toString()).contains("Added interface " + PORT + " to router " + ROUTER);

        api.requests.clear();
        api.answer("PUT", "/routers/" + ROUTER + "/remove_router_interface", 200, "{\"id\": \"" + ROUTER + "\"}");
        ok("router-interface-delete", ROUTER, "port=" + PORT);
        assertThat(sent("PUT")).isEqualTo("PUT /v2.0/routers/" + ROUTER + "/remove_router_interface {\"port_id\":\""
                + PORT + "\"}");
    }

    @Test
    void routerPortListAsksForTheRoutersDevices() throws IOException {
        api.answer("GET", "/ports?device_id=" + ROUTER, 200, "{\"ports\": [{\"id\": \"" + PORT + "\", \"name\": \"\","
                + " \"mac_address\": \"fa:16:3e:00:00:09\", \"fixed_ips\": []}]}");
        ok("router-port-list", ROUTER, "-f", "value", "-c", "id", "-c", "mac_address");
        assertThat(out.toString()).isEqualTo(PORT + " fa:16:3e:00:00:09\n");
    }

    @Test
    void floatingIpCreateAssociateDisassociate() throws IOException {
        named("/networks", "public", EXT_NET);
        named("/ports", "vm1-nic", PORT);
        answerCreated("/floatingips", "floatingip", FIP);
        ok("floatingip-create", "public", "--port-id", "vm1-nic", "--fixed-ip-address", "10.0.0.5",
                "--floating-ip-address", "203.0.113.20");
        assertThat(sent("POST")).isEqualTo("POST /v2.0/floatingips {\"floatingip\":{\"floating_network_id\":\""
                + EXT_NET + "\",\"port_id\":\"" + PORT + "\",\"fixed_ip_address\":\"10.0.0.5\","
                + "\"floating_ip_address\":\"203.0.113.20\"}}");

        api.answer("PUT", "/floatingips/" + FIP, 200, "{\"floatingip\": {}}");
        ok("floatingip-associate", FIP, "vm1-nic");
        assertThat(sent("PUT")).isEqualTo("PUT /v2.0/floatingips/" + FIP + " {\"floatingip\":{\"port_id\":\""
                + PORT + "\"}}");
        api.requests.clear();
        ok("floatingip-disassociate", FIP);
        assertThat(sent("PUT")).isEqualTo("PUT /v2.0/floatingips/" + FIP + " {\"floatingip\":{\"port_id\":null}}");
    }

    @Test
    void securityGroupAndRuleWithRemoteGroupByName() throws IOException {
        answerCreated("/security-groups", "security_group", SG);
        ok("security-group-create", "web", "--description", "web servers");
        assertThat(sent("POST")).isEqualTo("POST /v2.0/security-groups {\"security_group\":{\"name\":\"web\","
                + "\"description\":\"web servers\"}}");

        api.requests.clear();
        named("/security-groups", "web", SG);
        answerCreated("/security-group-rules", "security_group_rule", "r");
        ok("security-group-rule-create", "web", "--direction", "ingress", "--ethertype", "IPv4", "--protocol", "tcp",
                "--port-range-min", "22", "--port-range-max", "22", "--remote-group-id", "web");
        assertThat(sent("POST")).isEqualTo("POST /v2.0/security-group-rules {\"security_group_rule\":{"
                + "\"direction\":\"ingress\",\"security_group_id\":\"" + SG + "\",\"ethertype\":\"IPv4\","
                + "\"protocol\":\"tcp\",\"port_range_min\":22,\"port_range_max\":22,\"remote_group_id\":\"" + SG + "\"}}");

        api.answer("GET", "/security-group-rules?security_group_id=" + SG, 200, "{\"security_group_rules\": []}");
        ok("security-group-rule-list", "--security-group", "web");
        api.answer("DELETE", "/security-groups/" + SG, 204, "");
        ok("security-group-delete", "web");
        assertThat(api.requests("DELETE")).extracting(ApiStub.Request::pathAndQuery)
                .containsExactly("/v2.0/security-groups/" + SG);
    }

    @Test
    void portSecurityGroupsByNameAndNoSecurityGroups() throws IOException {
        named("/security-groups", "web", SG);
        api.answer("PUT", "/ports/" + PORT, 200, "{\"port\": {}}");
        ok("port-update", PORT, "--security-group", "web", "--allowed-address-pair",
                "ip_address=10.0.0.0/24,mac_address=fa:16:3e:00:00:01");
        assertThat(sent("PUT")).isEqualTo("PUT /v2.0/ports/" + PORT + " {\"port\":{\"security_groups\":[\"" + SG
                + "\"],\"allowed_address_pairs\":[{\"ip_address\":\"10.0.0.0/24\",\"mac_address\":\"fa:16:3e:00:00:01\"}]}}");
        api.requests.clear();
        ok("port-update", PORT, "--no-security-groups");
        assertThat(sent("PUT")).isEqualTo("PUT /v2.0/ports/" + PORT + " {\"port\":{\"security_groups\":[]}}");
    }

    @Test
    void subnetpoolWithAddressScopeByNameAndSubnetFromIt() throws IOException {
        answerCreated("/address-scopes", "address_scope", SCOPE);
        ok("address-scope-create", "scope4", "4", "--shared");
        assertThat(sent("POST")).isEqualTo("POST /v2.0/address-scopes {\"address_scope\":{\"name\":\"scope4\","
                + "\"ip_version\":4,\"shared\":true}}");

        api.requests.clear();
        named("/address-scopes", "scope4", SCOPE);
        answerCreated("/subnetpools", "subnetpool", "p");
        ok("subnetpool-create", "pool4", "--pool-prefix", "10.10.0.0/16", "--pool-prefix", "10.20.0.0/16",
                "--default-prefixlen", "26", "--address-scope", "scope4");
        assertThat(sent("POST")).isEqualTo("POST /v2.0/subnetpools {\"subnetpool\":{\"name\":\"pool4\",\"prefixes\":"
                + "[\"10.10.0.0/16\",\"10.20.0.0/16\"],\"default_prefixlen\":26,\"address_scope_id\":\"" + SCOPE + "\"}}");

        api.requests.clear();
        String pool = "88888888-0000-4000-8000-000000000008";
        named("/subnetpools", "pool4", pool);
        answerCreated("/subnets", "subnet", "s");
        ok("subnet-create", EXT_NET, "--subnetpool", "pool4", "--prefixlen", "28", "--ipv6-ra-mode", "slaac",
                "--ip-version", "6", "--ipv6-address-mode", "slaac");
        JsonNode body = JSON.readTree(api.requests("POST").getFirst().body()).path("subnet");
        assertThat(body.toString()).isEqualTo("{\"ip_version\":6,\"network_id\":\"" + EXT_NET + "\",\"ipv6_ra_mode\":"
                + "\"slaac\",\"ipv6_address_mode\":\"slaac\",\"subnetpool_id\":\"" + pool + "\",\"prefixlen\":28}");
    }

    @Test
    void aMissingArgumentIsAUsageErrorAndSendsNothing() {
        assertThat(NeutrinoCli.run(new String[] {"--os-endpoint", api.endpoint(), "router-interface-add", ROUTER},
                environment(), new PrintWriter(out), new PrintWriter(err))).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("Missing required parameter: 'INTERFACE'");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(NeutrinoCli.run(new String[] {"help"}, environment(), new PrintWriter(out), new PrintWriter(err)))
                .isZero();
        assertThat(out.toString()).contains("net-create", "subnet-update", "port-delete", "router-gateway-set",
                "router-interface-add", "floatingip-associate", "security-group-rule-create", "subnetpool-list",
                "address-scope-show", "agent-update", "ext-list", "quota-update");
    }
}
