package org.neutrino.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.concurrency.Races.on;
import static org.neutrino.server.concurrency.Races.together;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * Races of the security-group family, on H2 and on PostgreSQL: the same rule posted by many
 * callers at once is made once; rules posted at once never exceed the quota; a group deleted
 * while ports join it either goes (and every port that tried to join was refused with
 * {@code SecurityGroupNotFound}) or stays ({@code SecurityGroupInUse}) with its ports — never a
 * 500, never a binding to a group that is gone.
 */
class SecurityGroupRaceTest {
    private static final int ROUNDS = 8;
    private static final int CALLERS = 8;

    private static String create(ApiClient client, String collection, String member, Map<String, Object> attributes) {
        ApiClient.Response response = client.post("/v2.0/" + collection, Map.of(member, attributes));
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        return response.body().get(member).get("id").asText();
    }

    private static Map<String, Object> tcpRule(String groupId, int port) {
        return Map.of("security_group_id", groupId, "direction", "ingress", "protocol", "tcp", "port_range_min", port,
                "port_range_max", port);
    }

    private static long count(List<ApiClient.Response> answers, int status, String type) {
        return answers.stream().filter(a -> a.status() == status && (type == null || type.equals(a.errorType()))).count();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void theSameRulePostedAtOnceIsMadeOnce(String database) throws Exception {
        on(database, Map.of("quotas.quota_security_group_rule", "-1"), server -> {
            ApiClient member = server.member("race-rules");
            String group = create(member, "security-groups", "security_group", Map.of("name", "g"));
            for (int round = 0; round < ROUNDS; round++) {
                Map<String, Object> body = Map.of("security_group_rule", tcpRule(group, 100 + round));
                List<Callable<ApiClient.Response>> calls = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    calls.add(() -> member.post("/v2.0/security-group-rules", body));
                }
                List<ApiClient.Response> answers = together(calls);
                assertThat(count(answers, 201, null)).as("%s", answers).isEqualTo(1);
                assertThat(count(answers, 409, "SecurityGroupRuleExists")).as("%s", answers).isEqualTo(CALLERS - 1);
                assertThat(member.get("/v2.0/security-group-rules?security_group_id=" + group + "&port_range_min=" + (100 + round))
                        .body().get("security_group_rules")).hasSize(1);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void rulesPostedAtOnceStayWithinTheQuota(String database) throws Exception {
        on(database, Map.of(), server -> {
            ApiClient member = server.member("race-rule-quota");
            String group = create(member, "security-groups", "security_group", Map.of("name", "g"));
            int used = usedRules(member);
            int room = 3;
            server.admin().put("/v2.0/quotas/" + member.projectId(), Map.of("quota", Map.of("security_group_rule", used + room)));
            List<Callable<ApiClient.Response>> calls = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                Map<String, Object> body = Map.of("security_group_rule", tcpRule(group, 200 + i));
                calls.add(() -> member.post("/v2.0/security-group-rules", body));
            }
            List<ApiClient.Response> answers = together(calls);
            assertThat(count(answers, 201, null)).as("%s", answers).isEqualTo(room);
            assertThat(count(answers, 409, "OverQuota")).as("%s", answers).isEqualTo(CALLERS - room);
            assertThat(usedRules(member)).isEqualTo(used + room);
            assertThat(member.get("/v2.0/security-group-rules?security_group_id=" + group).body().get("security_group_rules"))
                    .hasSize(2 + room);
        });
    }

    private static int usedRules(ApiClient member) {
        return member.get("/v2.0/quotas/" + member.projectId() + "/details").body().get("quota").get("security_group_rule")
                .get("used").asInt();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void aGroupDeletedWhilePortsJoinItGoesOrStaysWithThem(String database) throws Exception {
        on(database, Map.of("quotas.quota_port", "-1", "quotas.quota_security_group", "-1", "quotas.quota_security_group_rule", "-1"),
                server -> {
            ApiClient member = server.member("race-group-delete");
            String network = create(member, "networks", "network", Map.of("name", "n"));
            create(member, "subnets", "subnet", Map.of("network_id", network, "ip_version", 4, "cidr", "10.90.0.0/16"));
            int deleted = 0;
            for (int round = 0; round < ROUNDS * 2; round++) {
                String group = create(member, "security-groups", "security_group", Map.of("name", "g" + round));
                String existing = create(member, "ports", "port", Map.of("network_id", network));
                List<Callable<ApiClient.Response>> calls = new ArrayList<>();
                calls.add(() -> member.delete("/v2.0/security-groups/" + group));
                calls.add(() -> member.put("/v2.0/ports/" + existing, Map.of("port", Map.of("security_groups", List.of(group)))));
                for (int i = 0; i < 3; i++) {
                    calls.add(() -> member.post("/v2.0/ports", Map.of("port", Map.of("network_id", network,
                            "security_groups", List.of(group)))));
                }
                List<ApiClient.Response> answers = together(calls);
                ApiClient.Response delete = answers.get(0);
                List<ApiClient.Response> joins = answers.subList(1, answers.size());
                assertThat(delete.status()).as("%s", answers).isIn(204, 409);
                for (ApiClient.Response join : joins) {
                    assertThat(join.status()).as("%s", answers).isIn(200, 201, 404);
                    if (join.status() == 404) {
                        assertThat(join.errorType()).as("%s", answers).isEqualTo("SecurityGroupNotFound");
                    }
                }
                long joined = joins.stream().filter(j -> j.status() < 300).count();
                if (delete.status() == 204) {
                    deleted++;
                    assertThat(joined).as("a port joined a group that was deleted: %s", answers).isZero();
                    assertThat(member.get("/v2.0/security-groups/" + group).status()).isEqualTo(404);
                } else {
                    assertThat(delete.errorType()).as("%s", answers).isEqualTo("SecurityGroupInUse");
                    assertThat(joined).as("%s", answers).isPositive();
                    assertThat(member.get("/v2.0/ports?security_groups=" + group).body().get("ports")).hasSize((int) joined);
                }
            }
            assertThat(danglingBindings(server)).isZero();
            System.out.printf("%s: %d of %d groups deleted, the others kept by their ports%n", database, deleted, ROUNDS * 2);
        });
    }

    /** Port bindings to groups that do not exist (none with the foreign key; checked all the same). */
    private static int danglingBindings(TestServer server) {
        return server.server().database().read(h -> h.createQuery("SELECT COUNT(*) FROM securitygroupportbindings b "
                + "WHERE NOT EXISTS (SELECT 1 FROM securitygroups g WHERE g.id = b.security_group_id)").mapTo(Integer.class).one());
    }
}
