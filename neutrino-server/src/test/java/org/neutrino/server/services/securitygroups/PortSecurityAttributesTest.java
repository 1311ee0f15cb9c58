package org.neutrino.server.services.securitygroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.created;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.assertError;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.group;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * The port attributes of the family: {@code security_groups} (the default group, checks,
 * replacement, groups in use), {@code port_security_enabled} with Neutron's conflicts,
 * {@code allowed_address_pairs} and {@code extra_dhcp_opts}.
 */
class PortSecurityAttributesTest {
    static TestServer server;
    ApiClient member;
    String networkId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("ml2.extension_drivers", "port_security", "DEFAULT.max_allowed_address_pair", "3"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void network() {
        member = server.member("psec-" + UUID.randomUUID());
        networkId = created(member.post("/v2.0/networks", map("network", map("name", "n"))), "network").get("id").asText();
        created(member.post("/v2.0/subnets", map("subnet", map("network_id", networkId, "ip_version", 4, "cidr", "10.60.0.0/24"))),
                "subnet");
    }

    ApiClient.Response createPort(ApiClient client, Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.putIfAbsent("network_id", networkId);
        return client.post("/v2.0/ports", map("port", body));
    }

    JsonNode port(Object... attributes) {
        return created(createPort(member, attributes), "port");
    }

    ApiClient.Response update(String portId, Object... attributes) {
        return member.put("/v2.0/ports/" + portId, map("port", map(attributes)));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aPortGetsItsProjectsDefaultGroupUnlessItIsANetworkPort() {
        JsonNode p = port();
        List<JsonNode> groups = list(member, "/v2.0/security-groups", "security_groups");
        assertThat(groups).hasSize(1);
        assertThat(texts(p.get("security_groups"))).containsExactly(groups.get(0).get("id").asText());
        assertThat(p.get("port_security_enabled").asBoolean()).isTrue();
        assertThat(p.get("allowed_address_pairs")).isEmpty();
        assertThat(p.get("extra_dhcp_opts")).isEmpty();
        JsonNode dhcp = created(createPort(server.admin(), "device_owner", "network:dhcp", "project_id", member.projectId()), "port");
        assertThat(dhcp.get("security_groups")).isEmpty();
        assertThat(port("security_groups", List.of()).get("security_groups")).isEmpty();
        assertThat(port("security_groups", null).get("security_groups")).isEmpty();
    }

    @Test
    void groupsMustBeTheProjectsAndAnUpdateReplacesThem() {
        String web = group(member, "name", "web").get("id").asText();
        String db = group(member, "name", "db").get("id").asText();
        ApiClient other = server.member("psec-other-" + UUID.randomUUID());
        String theirs = group(other, "name", "theirs").get("id").asText();
        JsonNode p = port("security_groups", List.of(web, db));
        assertThat(texts(p.get("security_groups"))).containsExactlyInAnyOrder(web, db);
        assertError(createPort(member, "security_groups", List.of(web, theirs)), 404, "SecurityGroupNotFound");
        String missing = UUID.randomUUID().toString();
        ApiClient.Response notFound = createPort(member, "security_groups", List.of(missing));
        assertError(notFound, 404, "SecurityGroupNotFound");
        assertThat(notFound.body().get("NeutronError").get("message").asText()).contains(missing);
        assertError(createPort(member, "security_groups", List.of("nope")), 400, "HTTPBadRequest");
        String portId = p.get("id").asText();
        assertThat(texts(update(portId, "security_groups", List.of(db)).body().get("port").get("security_groups"))).containsExactly(db);
        assertError(update(portId, "security_groups", List.of(theirs)), 404, "SecurityGroupNotFound");
        assertThat(list(member, "/v2.0/ports?security_groups=" + db, "ports")).extracting(n -> n.get("id").asText()).contains(portId);
        assertThat(list(member, "/v2.0/ports?security_groups=" + web, "ports")).isEmpty();
        // In use: neither deleted nor made stateless.
        assertError(member.delete("/v2.0/security-groups/" + db), 409, "SecurityGroupInUse");
        assertError(member.put("/v2.0/security-groups/" + db, map("security_group", map("stateful", false))), 409, "SecurityGroupInUse");
        String stateless = group(member, "name", "sl", "stateful", false).get("id").asText();
        assertError(createPort(member, "security_groups", List.of(db, stateless)), 409, "SecurityGroupConflict");
        assertThat(member.delete("/v2.0/ports/" + portId).status()).isEqualTo(204);
        assertThat(member.delete("/v2.0/security-groups/" + db).status()).isEqualTo(204);
        // An admin may put any project's group on a port.
        assertThat(createPort(server.admin(), "project_id", member.projectId(), "security_groups", List.of(theirs)).status())
                .isEqualTo(201);
    }

    @Test
    void portSecurityFollowsTheNetworkAndExcludesGroupsAndPairs() {
        JsonNode network = created(member.post("/v2.0/networks", map("network", map("port_security_enabled", false))), "network");
        assertThat(network.get("port_security_enabled").asBoolean()).isFalse();
        String open = network.get("id").asText();
        created(member.post("/v2.0/subnets", map("subnet", map("network_id", open, "ip_version", 4, "cidr", "10.61.0.0/24"))), "subnet");
        JsonNode inherited = created(createPort(member, "network_id", open), "port");
        assertThat(inherited.get("port_security_enabled").asBoolean()).isFalse();
        assertThat(inherited.get("security_groups")).isEmpty();
        assertThat(list(member, "/v2.0/networks?port_security_enabled=false", "networks")).extracting(n -> n.get("id").asText())
                .containsExactly(open);
        String web = group(member, "name", "web").get("id").asText();
        assertError(createPort(member, "port_security_enabled", false, "security_groups", List.of(web)), 400,
                "PortSecurityAndIPRequiredForSecurityGroups");
        assertError(createPort(member, "port_security_enabled", false, "allowed_address_pairs", List.of(map("ip_address", "10.60.0.9"))),
                409, "AddressPairAndPortSecurityRequired");
        JsonNode p = port();
        String id = p.get("id").asText();
        assertError(update(id, "port_security_enabled", false), 409, "PortSecurityPortHasSecurityGroup");
        JsonNode off = update(id, "port_security_enabled", false, "security_groups", List.of()).body().get("port");
        assertThat(off.get("port_security_enabled").asBoolean()).isFalse();
        assertThat(off.get("security_groups")).isEmpty();
        assertError(update(id, "security_groups", List.of(web)), 400, "PortSecurityAndIPRequiredForSecurityGroups");
        assertError(update(id, "allowed_address_pairs", List.of(map("ip_address", "10.60.0.9"))), 409,
                "AddressPairAndPortSecurityRequired");
        JsonNode on = update(id, "port_security_enabled", true, "security_groups", List.of(web)).body().get("port");
        assertThat(texts(on.get("security_groups"))).containsExactly(web);
        assertThat(list(member, "/v2.0/ports?port_security_enabled=false", "ports")).extracting(n -> n.get("id").asText())
                .containsExactly(inherited.get("id").asText());
    }

    @Test
    void allowedAddressPairsAreCheckedAsNeutronDoes() {
        JsonNode p = port("allowed_address_pairs", List.of(map("ip_address", "10.60.0.100"),
                map("ip_address", "192.0.2.0/24", "mac_address", "FA:16:3E:00:00:01")));
        String mac = p.get("mac_address").asText();
        assertThat(p.get("allowed_address_pairs")).hasSize(2);
        assertThat(p.get("allowed_address_pairs").toString()).contains("{\"ip_address\":\"10.60.0.100\",\"mac_address\":\"" + mac + "\"}")
                .contains("{\"ip_address\":\"192.0.2.0/24\",\"mac_address\":\"fa:16:3e:00:00:01\"}");
        assertError(createPort(member, "allowed_address_pairs", List.of(map("mac_address", mac))), 400, "AllowedAddressPairsMissingIP");
        assertError(createPort(member, "allowed_address_pairs", List.of(map("ip_address", "10.0.0.1"), map("ip_address", "10.0.0.1"))),
                400, "DuplicateAddressPairInRequest");
        assertError(createPort(member, "allowed_address_pairs", List.of(map("ip_address", "10.0.0.1"), map("ip_address", "10.0.0.2"),
                map("ip_address", "10.0.0.3"), map("ip_address", "10.0.0.4"))), 400, "AllowedAddressPairExhausted");
        assertError(createPort(member, "allowed_address_pairs", List.of(map("ip_address", "10.0.0.256"))), 400, "HTTPBadRequest");
        assertError(createPort(member, "allowed_address_pairs", List.of(map("ip_address", "10.0.0.1", "x", 1))), 400, "HTTPBadRequest");
        JsonNode replaced = update(p.get("id").asText(), "allowed_address_pairs", List.of(map("ip_address", "10.60.0.200")))
                .body().get("port");
        assertThat(replaced.get("allowed_address_pairs")).hasSize(1);
    }

    @Test
    void extraDhcpOptionsAreAddedChangedAndRemovedByName() {
        JsonNode p = port("extra_dhcp_opts", List.of(map("opt_name", "bootfile-name", "opt_value", "pxelinux.0"),
                map("opt_name", "tftp-server", "opt_value", "192.0.2.5", "ip_version", "4"), map("opt_name", "router", "opt_value", "")));
        assertThat(p.get("extra_dhcp_opts")).hasSize(3);
        String id = p.get("id").asText();
        JsonNode changed = update(id, "extra_dhcp_opts", List.of(map("opt_name", "bootfile-name", "opt_value", "ipxe.efi"),
                map("opt_name", "tftp-server", "opt_value", null), map("opt_name", "dns-server", "opt_value", "2001:db8::1", "ip_version", 6)))
                .body().get("port");
        List<String> options = new ArrayList<>();
        changed.get("extra_dhcp_opts").forEach(o -> options.add(o.get("opt_name").asText() + "=" + o.get("opt_value").asText() + "/"
                + o.get("ip_version").asInt()));
        assertThat(options).containsExactlyInAnyOrder("bootfile-name=ipxe.efi/4", "router=/4", "dns-server=2001:db8::1/6");
        // The DHCP agents get them with the network's ports.
        JsonNode info = server.agentCall(org.neutrino.rpc.agent.AgentTopics.GET_NETWORK_INFO, Map.of("host", "dhcp-host",
                "network_id", networkId));
        JsonNode served = null;
        for (JsonNode port : info.get("ports")) {
            served = port.get("id").asText().equals(id) ? port : served;
        }
        assertThat(served).isNotNull();
        assertThat(served.get("extra_dhcp_opts").toString()).contains("{\"opt_name\":\"bootfile-name\",\"opt_value\":\"ipxe.efi\","
                + "\"ip_version\":4}").contains("\"opt_name\":\"dns-server\"");
        assertThat(served.get("extra_dhcp_opts")).hasSize(3);
        assertError(createPort(member, "extra_dhcp_opts", List.of(map("opt_name", "x", "opt_value", "y", "ip_version", 5))), 400,
                "HTTPBadRequest");
        assertError(createPort(member, "extra_dhcp_opts", List.of(map("opt_value", "y"))), 400, "HTTPBadRequest");
        assertError(createPort(member, "extra_dhcp_opts", List.of(map("opt_name", "x", "opt_value", ""))), 400, "HTTPBadRequest");
    }

    /** A list of ports reads their groups in one query per 500 ports, whatever their number. */
    @Test
    void aListReadsTheGroupsOfItsPortsInBatches() {
        ApiClient admin = server.admin();
        List<Map<String, Object>> bulk = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            bulk.add(map("network_id", networkId, "project_id", member.projectId(), "name", "bulk"));
        }
        assertThat(admin.post("/v2.0/ports", map("ports", bulk)).status()).isEqualTo(201);
        AtomicInteger bindingReads = new AtomicInteger();
        server.server().database().jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                if (context.getRenderedSql().contains("FROM securitygroupportbindings WHERE port_id IN")) {
                    bindingReads.incrementAndGet();
                }
            }
        });
        try {
            assertThat(list(member, "/v2.0/ports?name=bulk", "ports")).hasSize(120)
                    .allSatisfy(port -> assertThat(port.get("security_groups")).hasSize(1));
            assertThat(bindingReads.get()).isEqualTo(1);
            bindingReads.set(0);
            assertThat(list(member, "/v2.0/ports?name=bulk&limit=5", "ports")).hasSize(5);
            assertThat(bindingReads.get()).isEqualTo(1);
        } finally {
            server.server().database().jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
        }
    }
}
