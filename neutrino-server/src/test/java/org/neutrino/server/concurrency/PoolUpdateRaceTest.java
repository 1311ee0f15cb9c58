package org.neutrino.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * Allocation-pool updates race port creates and deletes on one subnet. A pool update rebuilds
 * the subnet's free ranges from its pools minus the addresses in use; an address allocated or
 * released while it does so must neither come back free (it would be given twice, which the key
 * of {@code ipallocations} turns into failed creates) nor be lost. Every create and delete
 * during the race succeeds; afterwards the pool is filled up: every address of it is given
 * exactly once, then the next create is refused with {@code IpAddressGenerationFailure}. On H2,
 * and on PostgreSQL when {@code NEUTRINO_TEST_PG_URL} is set.
 */
class PoolUpdateRaceTest {
    static final int PORT_CLIENTS = 16;
    static final int PORTS_PER_CLIENT = 12;
    static final int POOL_CLIENTS = 4;
    static final int POOL_UPDATES_PER_CLIENT = 30;
    /** 10.77.0.10 - 10.77.0.249: 240 addresses. */
    static final List<Map<String, Object>> WIDE = List.of(Map.of("start", "10.77.0.10", "end", "10.77.0.249"));
    /** The same without 10.77.0.130 - 10.77.0.139. */
    static final List<Map<String, Object>> SPLIT = List.of(Map.of("start", "10.77.0.10", "end", "10.77.0.129"),
            Map.of("start", "10.77.0.140", "end", "10.77.0.249"));

    /** A non-2xx answer. */
    record Failure(String request, int status, String body) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void poolUpdatesRacingPortCreatesGiveNoAddressTwiceAndLoseNone(String database) throws Exception {
        PostgresTestDatabase pg = database.equals("postgresql") ? PostgresTestDatabase.create() : null;
        try (TestServer server = TestServer.start(pg == null ? Map.of() : Map.of("database.connection", pg.connection()))) {
            ApiClient api = server.admin();
            String networkId = ConcurrentPortCreateTest.createNetworkWithSubnet(api, "10.77.0.0/24");
            String subnetId = api.get("/v2.0/subnets?network_id=" + networkId).body().at("/subnets/0/id").asText();
            String subnetPath = "/v2.0/subnets/" + subnetId;
            assertThat(api.put(subnetPath, Map.of("subnet", Map.of("allocation_pools", WIDE))).status()).isEqualTo(200);

            List<Failure> failures = race(api, networkId, subnetPath);

            assertThat(failures).as("answers other than 201/200/204 during the race").isEmpty();
            ApiClient.Response wide = api.put(subnetPath, Map.of("subnet", Map.of("allocation_pools", WIDE)));
            assertThat(wide.status()).as(String.valueOf(wide.body())).isEqualTo(200);
            ApiClient.Response refusal;
            while (true) {
                refusal = api.post("/v2.0/ports", Map.of("port", Map.of("network_id", networkId)));
                if (refusal.status() != 201) {
                    break;
                }
            }
            assertThat(refusal.status() + " " + refusal.errorType()).as(String.valueOf(refusal.body()))
                    .isEqualTo("409 IpAddressGenerationFailure");
            List<String> addresses = new ArrayList<>();
            for (JsonNode port : api.get("/v2.0/ports?network_id=" + networkId).body().get("ports")) {
                port.get("fixed_ips").forEach(ip -> addresses.add(ip.get("ip_address").asText()));
            }
            assertThat(addresses).as("no address twice").doesNotHaveDuplicates();
            Set<String> pool = new HashSet<>();
            for (int i = 10; i <= 249; i++) {
                pool.add("10.77.0." + i);
            }
            assertThat(new HashSet<>(addresses)).as("every address of the pool given once, none lost").isEqualTo(pool);
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /**
     * {@value #PORT_CLIENTS} clients create {@value #PORTS_PER_CLIENT} ports each (each for its own
     * project, so that their transactions do not queue on one quota row) and delete every third
     * one right away, while {@value #POOL_CLIENTS} clients switch the pools between
     * {@link #WIDE} and {@link #SPLIT}; returns every answer that was not a success.
     */
    private static List<Failure> race(ApiClient api, String networkId, String subnetPath) throws Exception {
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < PORT_CLIENTS; c++) {
                String project = "pool-race-" + c;
                done.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < PORTS_PER_CLIENT; i++) {
                        ApiClient.Response created = api.post("/v2.0/ports",
                                Map.of("port", Map.of("network_id", networkId, "tenant_id", project)));
                        if (created.status() != 201) {
                            failures.add(new Failure("create", created.status(), String.valueOf(created.body())));
                            continue;
                        }
                        if (i % 3 == 0) {
                            ApiClient.Response deleted = api.delete("/v2.0/ports/" + created.body().at("/port/id").asText());
                            if (deleted.status() != 204) {
                                failures.add(new Failure("delete", deleted.status(), String.valueOf(deleted.body())));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (int c = 0; c < POOL_CLIENTS; c++) {
                done.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < POOL_UPDATES_PER_CLIENT; i++) {
                        ApiClient.Response updated = api.put(subnetPath,
                                Map.of("subnet", Map.of("allocation_pools", i % 2 == 0 ? SPLIT : WIDE)));
                        if (updated.status() != 200) {
                            failures.add(new Failure("pool update", updated.status(), String.valueOf(updated.body())));
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        }
        return List.copyOf(failures);
    }
}
