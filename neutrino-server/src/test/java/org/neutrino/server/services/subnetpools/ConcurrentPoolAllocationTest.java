package org.neutrino.server.services.subnetpools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neutrino.lib.net.Cidr;
import org.neutrino.server.api.contract.Api;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.PostgresDatabases;
import org.neutrino.server.testing.TestServer;

/**
 * N subnets created at once from one pool, each on its own network (so that only the pool's row
 * lock serialises them), get N distinct, non-overlapping prefixes of the pool; on H2 and on
 * PostgreSQL when {@code NEUTRINO_TEST_PG_URL} is set.
 */
class ConcurrentPoolAllocationTest {
    static final int CLIENTS = 24;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void concurrentCreatesFromOnePoolGetDistinctPrefixes(String database) throws Exception {
        String pgUrl = System.getProperty("NEUTRINO_TEST_PG_URL", System.getenv("NEUTRINO_TEST_PG_URL"));
        if (database.equals("postgresql")) {
            Assumptions.assumeTrue(pgUrl != null, "NEUTRINO_TEST_PG_URL is not set: no PostgreSQL to test against");
        }
        String pgDatabase = database.equals("postgresql") ? PostgresDatabases.create(pgUrl, "nt_pool_") : null;
        try (TestServer server = TestServer.start(pgDatabase == null ? Map.of()
                : Map.of("database.connection", PostgresDatabases.urlOf(pgUrl, pgDatabase)))) {
            ApiClient member = server.member(Api.project("race"));
            String poolId = PoolApi.pool(member, "prefixes", List.of("10.88.0.0/20")).get("id").asText();
            List<String> networks = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                networks.add(PoolApi.network(member));
            }
            ExecutorService executor = Executors.newFixedThreadPool(CLIENTS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String networkId = networks.get(i);
                int prefixlen = i % 3 == 0 ? 25 : 26;
                answers.add(executor.submit(() -> {
                    start.await();
                    return PoolApi.postSubnet(member, networkId, "subnetpool_id", poolId, "prefixlen", prefixlen);
                }));
            }
            start.countDown();
            List<Cidr> cidrs = new ArrayList<>();
            for (Future<ApiClient.Response> answer : answers) {
                ApiClient.Response response = answer.get(120, TimeUnit.SECONDS);
                assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
                cidrs.add(Cidr.parse(response.body().get("subnet").get("cidr").asText()));
            }
            executor.shutdown();
            Cidr pool = Cidr.parse("10.88.0.0/20");
            for (int i = 0; i < cidrs.size(); i++) {
                assertThat(pool.contains(cidrs.get(i).network()) && pool.contains(cidrs.get(i).last())).as("%s", cidrs.get(i)).isTrue();
                for (int j = i + 1; j < cidrs.size(); j++) {
                    assertThat(cidrs.get(i).overlaps(cidrs.get(j))).as("%s and %s", cidrs.get(i), cidrs.get(j)).isFalse();
                }
            }
            assertThat(member.get("/v2.0/subnets?subnetpool_id=" + poolId).body().get("subnets")).hasSize(CLIENTS);
        } finally {
            if (pgDatabase != null) {
                PostgresDatabases.drop(pgUrl, pgDatabase);
            }
        }
    }
}
