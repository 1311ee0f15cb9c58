package org.neutrino.server.services.securitygroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.created;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.group;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * The firewall drivers' side of the server on the in-process bus: {@code
 * security_group_info_for_devices} as the contract says, in a fixed number of queries, and the
 * casts each write sends after it commits.
 */
class SecurityGroupRpcTest {
    static TestServer server;
    static Subscription firewall;
    static final BlockingQueue<Message> CASTS = new LinkedBlockingQueue<>();
    ApiClient member;
    ApiClient admin;
    String networkId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("ml2.extension_drivers", "port_security"));
        firewall = server.server().bus().subscribe(Target.server(AgentTopics.SECURITY_GROUP_UPDATE, "fw-host"), message -> {
            CASTS.add(message);
            return null;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        firewall.close();
        server.close();
    }

    @BeforeEach
    void network() {
        member = server.member("sgrpc-" + UUID.randomUUID());
        admin = server.admin();
        networkId = created(member.post("/v2.0/networks", map("network", map("name", "n"))), "network").get("id").asText();
        created(member.post("/v2.0/subnets", map("subnet", map("network_id", networkId, "ip_version", 4, "cidr", "10.70.0.0/24"))),
                "subnet");
        CASTS.clear();
    }

    JsonNode boundPort(String host, Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.put("network_id", networkId);
        body.put("project_id", member.projectId());
        body.put("binding:host_id", host);
        return created(admin.post("/v2.0/ports", map("port", body)), "port");
    }

    JsonNode info(String host, List<String> devices) {
        return server.agentCall(AgentTopics.SECURITY_GROUP_INFO_FOR_DEVICES, Map.of("devices", devices, "host", host));
    }

    /** The next cast: its method and groups. */
    static String nextCast() throws InterruptedException {
        Message message = CASTS.poll(5, TimeUnit.SECONDS);
        assertThat(message).as("a cast").isNotNull();
        List<String> groups = new ArrayList<>();
        message.args().get("security_groups").forEach(g -> groups.add(g.asText()));
        return message.method() + " " + groups;
    }

    @Test
    void infoForDevicesAnswersTheContract() {
        String web = group(member, "name", "web").get("id").asText();
        String ssh = rule(member, web, "protocol", "TCP", "port_range_min", 22, "port_range_max", 22).get("id").asText();
        rule(member, web, "remote_group_id", web, "protocol", "6");
        JsonNode p1 = boundPort("h1", "security_groups", List.of(web), "allowed_address_pairs", List.of(map("ip_address", "10.70.0.200")));
        JsonNode p2 = boundPort("h1");
        JsonNode open = boundPort("h1", "port_security_enabled", false);
        JsonNode elsewhere = boundPort("h2", "security_groups", List.of(web));
        String d1 = DeviceNames.tap(p1.get("id").asText());
        String d2 = DeviceNames.tap(p2.get("id").asText());
        String dOpen = DeviceNames.tap(open.get("id").asText());
        JsonNode info = info("h1", List.of(d1, d2, dOpen, DeviceNames.tap(elsewhere.get("id").asText()), "tap00000000-00", "eth0"));
        assertThat(info.get("devices").size()).isEqualTo(3);
        JsonNode f1 = info.get("devices").get(d1);
        assertThat(f1.get("device").asText()).isEqualTo(d1);
        assertThat(f1.get("port_id").asText()).isEqualTo(p1.get("id").asText());
        assertThat(f1.get("network_id").asText()).isEqualTo(networkId);
        assertThat(f1.get("mac_address").asText()).isEqualTo(p1.get("mac_address").asText());
        assertThat(f1.get("fixed_ips").get(0).asText()).isEqualTo(p1.get("fixed_ips").get(0).get("ip_address").asText());
        assertThat(f1.get("allowed_address_pairs").get(0).get("ip_address").asText()).isEqualTo("10.70.0.200");
        assertThat(f1.get("allowed_address_pairs").get(0).get("mac_address").asText()).isEqualTo(p1.get("mac_address").asText());
        assertThat(f1.get("security_groups").get(0).asText()).isEqualTo(web);
        assertThat(f1.get("port_security_enabled").asBoolean()).isTrue();
        JsonNode fOpen = info.get("devices").get(dOpen);
        assertThat(fOpen.get("port_security_enabled").asBoolean()).isFalse();
        assertThat(fOpen.get("security_groups")).isEmpty();
        String defaultGroup = info.get("devices").get(d2).get("security_groups").get(0).asText();
        assertThat(info.get("security_groups").has(web)).isTrue();
        assertThat(info.get("security_groups").has(defaultGroup)).isTrue();
        JsonNode webGroup = info.get("security_groups").get(web);
        assertThat(webGroup.get("stateful").asBoolean()).isTrue();
        List<String> rules = new ArrayList<>();
        webGroup.get("rules").forEach(r -> rules.add(r.get("direction").asText() + " " + r.path("protocol").asText("any") + " "
                + r.path("port_range_min").asText("-") + " " + r.path("remote_group_id").asText("-").replace(web, "web")));
        assertThat(rules).containsExactlyInAnyOrder("egress any - -", "egress any - -", "ingress tcp 22 -", "ingress tcp - web");
        assertThat(webGroup.get("rules").toString()).contains(ssh).doesNotContain("remote_ip_prefixes");
        // Members of web (the remote of its rule) and of the default group (the remote of its rules): fixed IPs and pairs.
        assertThat(info.get("sg_member_ips").get(web).get("IPv4").toString())
                .contains(p1.get("fixed_ips").get(0).get("ip_address").asText(), "10.70.0.200",
                        elsewhere.get("fixed_ips").get(0).get("ip_address").asText());
        assertThat(info.get("sg_member_ips").get(web).get("IPv6")).isEmpty();
        assertThat(info.get("sg_member_ips").get(defaultGroup).get("IPv4").toString())
                .contains(p2.get("fixed_ips").get(0).get("ip_address").asText());
        assertThat(info("h3", List.of(d1)).get("devices")).isEmpty();
    }

    @Test
    void oneCallReadsInAFixedNumberOfQueriesWhateverTheNumberOfDevices() {
        String web = group(member, "name", "web").get("id").asText();
        rule(member, web, "remote_group_id", web);
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            devices.add(DeviceNames.tap(boundPort("h-many", "security_groups", List.of(web)).get("id").asText()));
        }
        int few = statementsOf(() -> assertThat(info("h-many", devices.subList(0, 2)).get("devices").size()).isEqualTo(2));
        int many = statementsOf(() -> assertThat(info("h-many", devices).get("devices").size()).isEqualTo(30));
        assertThat(many).isEqualTo(few);
    }

    private static int statementsOf(Runnable call) {
        AtomicInteger count = new AtomicInteger();
        server.server().database().jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                count.incrementAndGet();
            }
        });
        try {
            call.run();
        } finally {
            server.server().database().jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
        }
        return count.get();
    }

    @Test
    void everyWriteCastsTheGroupsItChangedAfterItCommits() throws Exception {
        String web = group(member, "name", "web").get("id").asText();
        assertThat(CASTS.poll(300, TimeUnit.MILLISECONDS)).as("a new group has no ports nor rule changes to tell").isNull();
        String r = rule(member, web, "protocol", "udp").get("id").asText();
        assertThat(nextCast()).isEqualTo("security_groups_rule_updated [" + web + "]");
        assertThat(member.delete("/v2.0/security-group-rules/" + r).status()).isEqualTo(204);
        assertThat(nextCast()).isEqualTo("security_groups_rule_updated [" + web + "]");
        assertThat(member.put("/v2.0/security-groups/" + web, map("security_group", map("stateful", false))).status()).isEqualTo(200);
        assertThat(nextCast()).isEqualTo("security_groups_rule_updated [" + web + "]");
        assertThat(member.put("/v2.0/security-groups/" + web, map("security_group", map("stateful", true))).status()).isEqualTo(200);
        assertThat(nextCast()).isEqualTo("security_groups_rule_updated [" + web + "]");
        String db = group(member, "name", "db").get("id").asText();
        String port = boundPort("h1", "security_groups", List.of(web)).get("id").asText();
        assertThat(nextCast()).isEqualTo("security_groups_member_updated [" + web + "]");
        assertThat(member.put("/v2.0/ports/" + port, map("port", map("security_groups", List.of(db)))).status()).isEqualTo(200);
        assertThat(nextCast()).isEqualTo("security_groups_member_updated " + new java.util.TreeSet<>(List.of(web, db)));
        assertThat(member.put("/v2.0/ports/" + port, map("port", map("name", "renamed"))).status()).isEqualTo(200);
        assertThat(member.delete("/v2.0/ports/" + port).status()).isEqualTo(204);
        assertThat(nextCast()).as("a rename tells nothing; the delete tells db").isEqualTo("security_groups_member_updated [" + db + "]");
        // A refused write tells nothing.
        assertThat(SecurityGroupsContractTest.postRule(member, web, "protocol", "bogus").status()).isEqualTo(400);
        assertThat(CASTS.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void addressGroupMembersTravelWithTheRulesAndTheirChangesCastTheGroupsNamingThem() throws Exception {
        String dns = AddressGroupsContractTest.addressGroup(member, "addresses", List.of("198.51.100.0/24", "2001:db8:5::/64"))
                .get("id").asText();
        String unused = AddressGroupsContractTest.addressGroup(member, "addresses", List.of("203.0.113.0/24")).get("id").asText();
        String web = group(member, "name", "web").get("id").asText();
        rule(member, web, "protocol", "udp", "port_range_min", 53, "port_range_max", 53, "remote_address_group_id", dns);
        String device = DeviceNames.tap(boundPort("h-ag", "security_groups", List.of(web)).get("id").asText());
        JsonNode info = info("h-ag", List.of(device));
        assertThat(info.get("security_groups").get(web).get("rules").toString()).contains("\"remote_address_group_id\":\"" + dns + "\"");
        assertThat(info.get("sg_member_ips").get(dns).get("IPv4").toString()).isEqualTo("[\"198.51.100.0/24\"]");
        assertThat(info.get("sg_member_ips").get(dns).get("IPv6").toString()).isEqualTo("[\"2001:db8:5::/64\"]");
        assertThat(info.get("sg_member_ips").has(unused)).isFalse();
        CASTS.clear();

        assertThat(member.put("/v2.0/address-groups/" + dns + "/add_addresses", map("addresses", List.of("192.0.2.0/28"))).status())
                .isEqualTo(200);
        assertThat(nextCast()).isEqualTo("security_groups_rule_updated [" + web + "]");
        assertThat(info("h-ag", List.of(device)).get("sg_member_ips").get(dns).get("IPv4").toString()).contains("192.0.2.0/28");
        assertThat(member.put("/v2.0/address-groups/" + dns + "/remove_addresses", map("addresses", List.of("192.0.2.0/28")))
                .status()).isEqualTo(200);
        assertThat(nextCast()).isEqualTo("security_groups_rule_updated [" + web + "]");
        assertThat(member.put("/v2.0/address-groups/" + unused + "/add_addresses", map("addresses", List.of("192.0.2.16/28")))
                .status()).isEqualTo(200);
        assertThat(member.put("/v2.0/address-groups/" + dns, map("address_group", map("name", "renamed"))).status()).isEqualTo(200);
        assertThat(CASTS.poll(300, TimeUnit.MILLISECONDS)).as("no rule names the unused group; a rename changes no address").isNull();
    }
}
