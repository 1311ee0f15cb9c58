package org.neutrino.server.services.securitygroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.assertError;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.group;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.postRule;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * What one {@code POST /v2.0/security-group-rules} of one rule costs the database: a fixed number
 * of statements, the same for a group of 1,000 rules as for a new group, none of them reading the
 * group's rules beyond those that could be the same rule; and the duplicate check still finds
 * the same rule among 1,000 (and tells another project's member nothing of them).
 */
class SecurityGroupRuleCostTest {
    private static final int RULES = 1000;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("quotas.quota_security_group_rule", "-1"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The statements one request runs, in order. */
    List<String> statementsOf(Runnable request) {
        List<String> statements = new CopyOnWriteArrayList<>();
        server.server().database().jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.add(context.getRenderedSql());
            }
        });
        try {
            request.run();
        } finally {
            server.server().database().jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
        }
        return statements;
    }

    static Map<String, Object> tcpRule(String groupId, int n) {
        return map("security_group_id", groupId, "direction", "ingress", "protocol", "tcp", "port_range_min", 1000 + n,
                "port_range_max", 1000 + n, "remote_ip_prefix", "10." + n / 250 + "." + n % 250 + ".0/24");
    }

    /** Adds {@value #RULES} TCP rules to the group in bulk requests of 250 (the body size limit); the id of the last. */
    static String fill(ApiClient member, String groupId) {
        String last = null;
        for (int from = 0; from < RULES; from += 250) {
            List<Object> bulk = new ArrayList<>();
            for (int n = from; n < from + 250; n++) {
                bulk.add(tcpRule(groupId, n));
            }
            ApiClient.Response made = member.post("/v2.0/security-group-rules", map("security_group_rules", bulk));
            assertThat(made.status()).as("%s", made.body()).isEqualTo(201);
            last = made.body().get("security_group_rules").get(249).get("id").asText();
        }
        return last;
    }

    @Test
    void oneRuleCostsTheSameStatementsInAGroupOfAThousandRules() {
        ApiClient member = server.member("sgcost-" + UUID.randomUUID());
        String empty = group(member, "name", "empty").get("id").asText();
        String full = group(member, "name", "full").get("id").asText();
        fill(member, full);
        rule(member, empty, "protocol", "udp"); // warm: the project's quota rows exist

        List<String> inEmpty = statementsOf(() -> rule(member, empty, "protocol", "tcp", "port_range_min", 22, "port_range_max", 22));
        List<String> inFull = statementsOf(() -> rule(member, full, "protocol", "tcp", "port_range_min", 22, "port_range_max", 22));

        assertThat(inFull).as("%s", inFull).hasSameSizeAs(inEmpty).hasSizeLessThanOrEqualTo(6);
        // The duplicate check reads only the rules with the new rule's ports, remote and direction.
        assertThat(inFull).filteredOn(sql -> sql.contains("FROM securitygrouprules t WHERE (t.security_group_id")).hasSize(1)
                .allSatisfy(sql -> assertThat(sql.substring(sql.indexOf(" WHERE "))).contains("port_range_min").contains("direction"));
    }

    @Test
    void theSameRuleIsFoundAmongAThousand() {
        ApiClient member = server.member("sgcost-" + UUID.randomUUID());
        String g = group(member, "name", "full").get("id").asText();
        String last = fill(member, g);
        Map<String, Object> again = tcpRule(g, RULES - 1);
        again.put("protocol", "6");
        ApiClient.Response duplicate = member.post("/v2.0/security-group-rules", map("security_group_rule", again));
        assertError(duplicate, 409, "SecurityGroupRuleExists");
        assertThat(duplicate.body().get("NeutronError").get("message").asText()).contains(last);
        // Another project's member learns neither the group nor its rules' ids, duplicate or not.
        ApiClient hostile = server.member("sgcost-hostile-" + UUID.randomUUID());
        ApiClient.Response guessed = hostile.post("/v2.0/security-group-rules", map("security_group_rule", again));
        assertError(guessed, 404, "SecurityGroupNotFound");
        assertThat(guessed.body().toString()).doesNotContain(last);
        // Any remote prefix is no prefix: the group's egress rule to anywhere exists already.
        assertError(postRule(member, g, "direction", "egress", "remote_ip_prefix", "0.0.0.0/0"), 409, "SecurityGroupRuleExists");
        assertError(postRule(member, g, "direction", "egress", "ethertype", "IPv6", "remote_ip_prefix", "::/0"), 409,
                "SecurityGroupRuleExists");
        rule(member, g, "direction", "egress", "remote_ip_prefix", "10.9.0.0/16");
        assertError(postRule(member, g, "direction", "egress", "remote_ip_prefix", "10.9.0.0/16"), 409, "SecurityGroupRuleExists");
    }
}
