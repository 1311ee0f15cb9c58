package org.neutrino.server.services.securitygroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * Security groups and rules against Neutron's contract: the default group and its rules, fields
 * and defaults, rule normalisation and validation with Neutron's error types, duplicates, policy
 * per role, cross-project access, quotas.
 */
class SecurityGroupsContractTest {
    static TestServer server;
    ApiClient member;
    ApiClient other;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("ml2.extension_drivers", "port_security"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void projects() {
        member = server.member("sg-" + UUID.randomUUID());
        other = server.member("sg-other-" + UUID.randomUUID());
    }

    static JsonNode group(ApiClient client, Object... attributes) {
        ApiClient.Response r = client.post("/v2.0/security-groups", map("security_group", map(attributes)));
        assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
        return r.body().get("security_group");
    }

    static ApiClient.Response postRule(ApiClient client, String groupId, Object... attributes) {
        Map<String, Object> rule = map(attributes);
        rule.putIfAbsent("security_group_id", groupId);
        rule.putIfAbsent("direction", "ingress");
        return client.post("/v2.0/security-group-rules", map("security_group_rule", rule));
    }

    static JsonNode rule(ApiClient client, String groupId, Object... attributes) {
        ApiClient.Response r = postRule(client, groupId, attributes);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
        return r.body().get("security_group_rule");
    }

    static void assertError(ApiClient.Response r, int status, String type) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
        assertThat(r.errorType()).as("%s", r.body()).isEqualTo(type);
    }

    static List<JsonNode> list(ApiClient client, String path, String key) {
        ApiClient.Response r = client.get(path);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.body().get(key).forEach(out::add);
        return out;
    }

    JsonNode defaultGroup(ApiClient client) {
        return list(client, "/v2.0/security-groups?name=default", "security_groups").get(0);
    }

    @Test
    void theFirstListMakesTheDefaultGroupWithNeutronsRules() {
        List<JsonNode> groups = list(member, "/v2.0/security-groups", "security_groups");
        assertThat(groups).hasSize(1);
        JsonNode g = groups.get(0);
        String id = g.get("id").asText();
        assertThat(g.get("name").asText()).isEqualTo("default");
        assertThat(g.get("description").asText()).isEqualTo("Default security group");
        assertThat(g.get("stateful").asBoolean()).isTrue();
        assertThat(g.get("project_id").asText()).isEqualTo(member.projectId());
        List<String> rules = new ArrayList<>();
        g.get("security_group_rules").forEach(r -> rules.add(r.get("direction").asText() + " " + r.get("ethertype").asText() + " "
                + (r.get("remote_group_id").isNull() ? "-" : r.get("remote_group_id").asText().equals(id) ? "self" : "?")
                + " " + r.get("protocol").isNull() + " " + r.get("remote_ip_prefix").isNull()));
        assertThat(rules).containsExactlyInAnyOrder("ingress IPv4 self true true", "ingress IPv6 self true true",
                "egress IPv4 - true true", "egress IPv6 - true true");
        assertThat(list(member, "/v2.0/security-groups", "security_groups")).hasSize(1);
        assertThat(list(member, "/v2.0/security-group-rules", "security_group_rules")).hasSize(4);
    }

    @Test
    void createFillsNeutronsDefaultsAndTwoEgressRules() {
        JsonNode g = group(member, "name", "web", "tags", List.of("a"));
        assertThat(g.get("name").asText()).isEqualTo("web");
        assertThat(g.get("description").asText()).isEmpty();
        assertThat(g.get("stateful").asBoolean()).isTrue();
        assertThat(g.get("tenant_id").asText()).isEqualTo(member.projectId());
        assertThat(g.get("revision_number").asInt()).isZero();
        assertThat(g.get("tags").get(0).asText()).isEqualTo("a");
        assertThat(g.get("created_at").asText()).isNotEmpty();
        assertThat(g.get("security_group_rules")).hasSize(2);
        g.get("security_group_rules").forEach(r -> {
            assertThat(r.get("direction").asText()).isEqualTo("egress");
            assertThat(r.get("remote_group_id").isNull()).isTrue();
            assertThat(r.get("security_group_id").asText()).isEqualTo(g.get("id").asText());
        });
        assertThat(list(member, "/v2.0/security-groups", "security_groups")).extracting(n -> n.get("name").asText())
                .containsExactlyInAnyOrder("default", "web");
        JsonNode stateless = group(member, "name", "fast", "stateful", false);
        assertThat(stateless.get("stateful").asBoolean()).isFalse();
        ApiClient.Response updated = member.put("/v2.0/security-groups/" + g.get("id").asText(),
                map("security_group", map("name", "web2", "description", "d")));
        assertThat(updated.body().get("security_group").get("name").asText()).isEqualTo("web2");
        assertThat(updated.body().get("security_group").get("revision_number").asInt()).isEqualTo(1);
    }

    @Test
    void theDefaultGroupCannotBeRenamedNorRemovedByItsProject() {
        String id = defaultGroup(member).get("id").asText();
        assertError(member.put("/v2.0/security-groups/" + id, map("security_group", map("name", "x"))), 409,
                "SecurityGroupCannotUpdateDefault");
        assertThat(member.put("/v2.0/security-groups/" + id, map("security_group", map("description", "mine"))).status()).isEqualTo(200);
        assertError(member.delete("/v2.0/security-groups/" + id), 409, "SecurityGroupCannotRemoveDefault");
        assertError(member.post("/v2.0/security-groups", map("security_group", map("name", "Default"))), 409,
                "SecurityGroupDefaultAlreadyExists");
        String web = group(member, "name", "web").get("id").asText();
        assertError(member.put("/v2.0/security-groups/" + web, map("security_group", map("name", "default"))), 409,
                "SecurityGroupDefaultAlreadyExists");
    }

    @Test
    void rulesAreMadeCanonicalAsNeutronDoes() {
        String g = group(member, "name", "r").get("id").asText();
        JsonNode tcp = rule(member, g, "protocol", "TCP", "port_range_min", 22, "port_range_max", "22",
                "remote_ip_prefix", "10.0.0.5");
        assertThat(tcp.get("protocol").asText()).isEqualTo("tcp");
        assertThat(tcp.get("ethertype").asText()).isEqualTo("IPv4");
        assertThat(tcp.get("port_range_min").asInt()).isEqualTo(22);
        assertThat(tcp.get("port_range_max").asInt()).isEqualTo(22);
        assertThat(tcp.get("remote_ip_prefix").asText()).isEqualTo("10.0.0.5/32");
        assertThat(tcp.get("normalized_cidr").asText()).isEqualTo("10.0.0.5/32");
        assertThat(tcp.get("remote_group_id").isNull()).isTrue();
        assertThat(tcp.get("description").asText()).isEmpty();
        assertThat(tcp.get("tenant_id").asText()).isEqualTo(member.projectId());
        assertThat(tcp.has("tags")).isFalse();
        JsonNode hostBits = rule(member, g, "protocol", "udp", "remote_ip_prefix", "10.0.0.5/24");
        assertThat(hostBits.get("remote_ip_prefix").asText()).isEqualTo("10.0.0.5/24");
        assertThat(hostBits.get("normalized_cidr").asText()).isEqualTo("10.0.0.0/24");
        JsonNode icmp6 = rule(member, g, "protocol", "icmp", "ethertype", "ipv6", "port_range_min", 128);
        assertThat(icmp6.get("protocol").asText()).isEqualTo("ipv6-icmp");
        assertThat(icmp6.get("ethertype").asText()).isEqualTo("IPv6");
        assertThat(icmp6.get("port_range_max").isNull()).isTrue();
        JsonNode whole = rule(member, g, "protocol", "6", "port_range_min", 1, "port_range_max", 65535);
        assertThat(whole.get("protocol").asText()).isEqualTo("6");
        assertThat(whole.get("port_range_min").isNull()).isTrue();
        JsonNode legacy = rule(member, g, "protocol", 1, "ethertype", "IPv6", "direction", "egress");
        assertThat(legacy.get("protocol").asText()).isEqualTo("58");
        JsonNode v6 = rule(member, g, "ethertype", "IPv6", "remote_ip_prefix", "2001:DB8::1/64", "protocol", "sctp",
                "port_range_min", 5, "port_range_max", 6);
        assertThat(v6.get("remote_ip_prefix").asText()).isEqualTo("2001:db8::1/64");
        assertThat(v6.get("normalized_cidr").asText()).isEqualTo("2001:db8::/64");
        assertThat(list(member, "/v2.0/security-group-rules?protocol=tcp&security_group_id=" + g, "security_group_rules"))
                .extracting(r -> r.get("id").asText()).containsExactly(tcp.get("id").asText());
        JsonNode shown = member.get("/v2.0/security-groups/" + g).body().get("security_group");
        assertThat(shown.get("security_group_rules")).hasSize(8);
    }

    @Test
    void badRulesAnswerNeutronsErrors() {
        String g = group(member, "name", "bad").get("id").asText();
        assertError(postRule(member, g, "protocol", "bogus"), 400, "SecurityGroupRuleInvalidProtocol");
        assertError(postRule(member, g, "protocol", 256), 400, "SecurityGroupRuleInvalidProtocol");
        assertError(postRule(member, g, "ethertype", "IPv5"), 400, "SecurityGroupRuleInvalidEtherType");
        assertError(postRule(member, g, "port_range_min", 22), 400, "SecurityGroupProtocolRequiredWithPorts");
        assertError(postRule(member, g, "protocol", "tcp", "port_range_min", 30, "port_range_max", 20), 400,
                "SecurityGroupInvalidPortRange");
        assertError(postRule(member, g, "protocol", "tcp", "port_range_min", 22), 400, "SecurityGroupInvalidPortRange");
        assertError(postRule(member, g, "protocol", "udp", "port_range_min", 0, "port_range_max", 10), 400,
                "SecurityGroupInvalidPortValue");
        assertError(postRule(member, g, "protocol", "icmp", "port_range_min", 256), 400, "SecurityGroupInvalidIcmpValue");
        assertError(postRule(member, g, "protocol", "icmp", "port_range_min", 8, "port_range_max", 300), 400,
                "SecurityGroupInvalidIcmpValue");
        assertError(postRule(member, g, "protocol", "icmp", "port_range_max", 0), 400, "SecurityGroupMissingIcmpType");
        assertError(postRule(member, g, "protocol", "gre", "port_range_min", 1, "port_range_max", 2), 400,
                "SecurityGroupInvalidProtocolForPort");
        assertError(postRule(member, g, "protocol", "ipv6-icmp"), 400, "SecurityGroupEthertypeConflictWithProtocol");
        assertError(postRule(member, g, "remote_ip_prefix", "2001:db8::/64"), 400, "SecurityGroupRuleParameterConflict");
        assertError(postRule(member, g, "remote_ip_prefix", "10.0.0.300/24"), 400, "InvalidCIDR");
        assertError(postRule(member, g, "remote_ip_prefix", "10.0.0.0/24", "remote_group_id", g), 400,
                "SecurityGroupMultipleRemoteEntites");
        assertError(postRule(member, g, "direction", "sideways"), 400, "HTTPBadRequest");
        assertError(postRule(member, g, "port_range_min", "x", "protocol", "tcp"), 400, "HTTPBadRequest");
        assertError(postRule(member, UUID.randomUUID().toString()), 404, "SecurityGroupNotFound");
        assertError(postRule(member, g, "remote_group_id", UUID.randomUUID().toString()), 404, "SecurityGroupNotFound");
        assertError(member.put("/v2.0/security-group-rules/" + rule(member, g).get("id").asText(),
                map("security_group_rule", map())), 405, "HTTPMethodNotAllowed");
    }

    @Test
    void theSameRuleTwiceIsAConflict() {
        String g = group(member, "name", "dup").get("id").asText();
        JsonNode first = rule(member, g, "protocol", "tcp", "port_range_min", 80, "port_range_max", 80);
        ApiClient.Response again = postRule(member, g, "protocol", "6", "port_range_min", 80, "port_range_max", 80);
        assertError(again, 409, "SecurityGroupRuleExists");
        assertThat(again.body().get("NeutronError").get("message").asText()).contains(first.get("id").asText());
        JsonNode any = rule(member, g, "protocol", "udp");
        assertError(postRule(member, g, "protocol", "udp", "remote_ip_prefix", "0.0.0.0/0"), 409, "SecurityGroupRuleExists");
        assertThat(any.get("id").asText()).isNotEmpty();
        Map<String, Object> one = map("security_group_id", g, "direction", "egress", "protocol", "tcp");
        assertError(member.post("/v2.0/security-group-rules", map("security_group_rules", List.of(one, one))), 409,
                "DuplicateSecurityGroupRuleInPost");
        // The default egress rules of the group are rules like any other.
        assertError(postRule(member, g, "direction", "egress"), 409, "SecurityGroupRuleExists");
    }

    @Test
    void anotherProjectsGroupsAndRulesStayHidden() {
        JsonNode mine = group(member, "name", "mine");
        String g = mine.get("id").asText();
        JsonNode r = rule(member, g, "protocol", "tcp");
        String theirs = group(other, "name", "theirs").get("id").asText();
        // Neutron checks the remote group as the rule's project would see it.
        assertError(postRule(member, g, "remote_group_id", theirs), 404, "SecurityGroupNotFound");
        assertError(postRule(other, g, "protocol", "udp"), 404, "SecurityGroupNotFound");
        assertError(other.get("/v2.0/security-groups/" + g), 404, "SecurityGroupNotFound");
        assertError(other.get("/v2.0/security-group-rules/" + r.get("id").asText()), 404, "SecurityGroupRuleNotFound");
        assertError(other.delete("/v2.0/security-group-rules/" + r.get("id").asText()), 404, "SecurityGroupRuleNotFound");
        assertError(other.put("/v2.0/security-groups/" + g, map("security_group", map("name", "pwned"))), 404, "SecurityGroupNotFound");
        assertError(other.delete("/v2.0/security-groups/" + g), 404, "SecurityGroupNotFound");
        assertThat(list(other, "/v2.0/security-groups", "security_groups")).extracting(n -> n.get("project_id").asText())
                .containsOnly(other.projectId());
        assertThat(list(other, "/v2.0/security-group-rules", "security_group_rules")).extracting(n -> n.get("project_id").asText())
                .containsOnly(other.projectId());
        assertThat(list(other, "/v2.0/security-group-rules?security_group_id=" + g, "security_group_rules")).isEmpty();
        assertThat(list(other, "/v2.0/security-groups?project_id=" + member.projectId(), "security_groups")).isEmpty();
        // An admin sees and may use any project's groups.
        ApiClient admin = server.admin();
        assertThat(admin.get("/v2.0/security-groups/" + g).status()).isEqualTo(200);
        assertThat(postRule(admin, g, "remote_group_id", theirs).status()).isEqualTo(201);
    }

    @Test
    void readersReadAndDoNotWrite() {
        String g = group(member, "name", "ro").get("id").asText();
        ApiClient reader = server.client(member.projectId(), "reader");
        assertThat(reader.get("/v2.0/security-groups/" + g).status()).isEqualTo(200);
        assertThat(list(reader, "/v2.0/security-group-rules?security_group_id=" + g, "security_group_rules")).hasSize(2);
        assertThat(reader.post("/v2.0/security-groups", map("security_group", map("name", "x"))).status()).isEqualTo(403);
        assertThat(postRule(reader, g, "protocol", "tcp").status()).isEqualTo(403);
        assertThat(reader.delete("/v2.0/security-groups/" + g).status()).isEqualTo(403);
    }

    @Test
    void deletingAGroupTakesItsRulesAndTheRulesNamingIt() {
        String a = group(member, "name", "a").get("id").asText();
        String b = group(member, "name", "b").get("id").asText();
        String fromA = rule(member, b, "remote_group_id", a).get("id").asText();
        assertThat(member.delete("/v2.0/security-groups/" + a).status()).isEqualTo(204);
        assertError(member.get("/v2.0/security-group-rules/" + fromA), 404, "SecurityGroupRuleNotFound");
        assertThat(list(member, "/v2.0/security-group-rules?security_group_id=" + a, "security_group_rules")).isEmpty();
        String r = rule(member, b, "protocol", "tcp").get("id").asText();
        assertThat(member.delete("/v2.0/security-group-rules/" + r).status()).isEqualTo(204);
        assertError(member.delete("/v2.0/security-group-rules/" + r), 404, "SecurityGroupRuleNotFound");
        assertError(member.delete("/v2.0/security-groups/" + a), 404, "SecurityGroupNotFound");
    }

    @Test
    void quotasCountGroupsAndRules() {
        group(member, "name", "q");
        JsonNode details = member.get("/v2.0/quotas/" + member.projectId() + "/details").body().get("quota");
        assertThat(details.get("security_group").get("limit").asInt()).isEqualTo(10);
        assertThat(details.get("security_group").get("used").asInt()).isEqualTo(2);
        assertThat(details.get("security_group_rule").get("limit").asInt()).isEqualTo(100);
        assertThat(details.get("security_group_rule").get("used").asInt()).isEqualTo(6);
        for (int i = 0; i < 8; i++) {
            group(member, "name", "q" + i);
        }
        assertError(member.post("/v2.0/security-groups", map("security_group", map("name", "eleventh"))), 409, "OverQuota");
    }
}
