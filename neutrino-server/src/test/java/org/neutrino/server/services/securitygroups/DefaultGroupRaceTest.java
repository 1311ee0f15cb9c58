package org.neutrino.server.services.securitygroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * Concurrent first uses of a project (group lists, group creates, port creates at the same
 * instant) make exactly one default group, which every port gets; on PostgreSQL with {@code
 * NEUTRINO_TEST_DB=postgresql}, as on H2.
 */
class DefaultGroupRaceTest {
    private static final int CALLERS = 8;

    @Test
    void concurrentFirstUsesMakeOneDefaultGroup() throws Exception {
        try (TestServer server = TestServer.start(); ExecutorService pool = Executors.newFixedThreadPool(CALLERS)) {
            for (int round = 0; round < 3; round++) {
                ApiClient member = server.member("race-" + UUID.randomUUID());
                String network = member.post("/v2.0/networks", map("network", map("name", "n"))).body().get("network").get("id").asText();
                assertThat(member.post("/v2.0/subnets", map("subnet", map("network_id", network, "ip_version", 4,
                        "cidr", "10.80.0.0/24"))).status()).isEqualTo(201);
                CyclicBarrier start = new CyclicBarrier(CALLERS);
                List<Future<ApiClient.Response>> answers = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    int kind = i % 3;
                    answers.add(pool.submit(() -> {
                        start.await();
                        return switch (kind) {
                            case 0 -> member.get("/v2.0/security-groups");
                            case 1 -> member.post("/v2.0/security-groups", map("security_group", map("name", "g-" + UUID.randomUUID())));
                            default -> member.post("/v2.0/ports", map("port", map("network_id", network)));
                        };
                    }));
                }
                Set<String> portGroups = new HashSet<>();
                for (Future<ApiClient.Response> answer : answers) {
                    ApiClient.Response r = answer.get();
                    assertThat(r.status()).as("%s", r.body()).isIn(200, 201);
                    JsonNode port = r.body().get("port");
                    if (port != null) {
                        port.get("security_groups").forEach(g -> portGroups.add(g.asText()));
                    }
                }
                List<JsonNode> defaults = list(member, "/v2.0/security-groups?name=default", "security_groups");
                assertThat(defaults).hasSize(1);
                assertThat(defaults.get(0).get("security_group_rules")).hasSize(4);
                assertThat(portGroups).containsExactly(defaults.get(0).get("id").asText());
                int groups = list(member, "/v2.0/security-groups", "security_groups").size();
                JsonNode usage = member.get("/v2.0/quotas/" + member.projectId() + "/details").body().get("quota");
                assertThat(usage.get("security_group").get("used").asInt()).isEqualTo(groups);
                assertThat(usage.get("security_group_rule").get("used").asInt()).isEqualTo(4 + 2 * (groups - 1));
            }
        }
    }
}
