package org.neutrino.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neutrino.lib.net.Cidr;
import org.neutrino.server.testing.ApiClient;

/**
 * Two API servers, each its own process, sharing nothing but one fresh PostgreSQL database (as
 * a cluster behind a load balancer): 64 clients spread over both race to create ports on one
 * /24 until it is exhausted, with the same guarantees as on one server. Both servers start at
 * the same time, so they also run the schema migration concurrently.
 */
@Tag("postgres")
class TwoServersOnePostgresTest {

    @Test
    void portsOnOneNetworkThroughTwoServers(@TempDir Path dir) throws Exception {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            Path stateA = Files.createDirectory(dir.resolve("a"));
            Path stateB = Files.createDirectory(dir.resolve("b"));
            CompletableFuture<ServerProcess> startingA = CompletableFuture.supplyAsync(() -> start(stateA, pg));
            CompletableFuture<ServerProcess> startingB = CompletableFuture.supplyAsync(() -> start(stateB, pg));
            CompletableFuture.allOf(startingA, startingB).exceptionally(e -> null).join();
            try (ServerProcess a = startingA.exceptionally(e -> null).join(); ServerProcess b = startingB.exceptionally(e -> null).join()) {
                startingA.join(); // rethrows why a server did not start (the other one is closed all the same)
                startingB.join();
                ApiClient viaA = a.member("demo");
                ApiClient viaB = b.member("demo");
                String networkId = ConcurrentPortCreateTest.createNetworkWithSubnet(viaA, "10.40.50.0/24");

                PortRace.Outcome outcome = PortRace.run(List.of(viaA, viaB), networkId, ConcurrentPortCreateTest.CLIENTS);

                assertThat(outcome.created()).as("ports acknowledged by server A").anyMatch(c -> c.api() == 0);
                assertThat(outcome.created()).as("ports acknowledged by server B").anyMatch(c -> c.api() == 1);
                ApiClient.Response list = viaB.get("/v2.0/ports?network_id=" + networkId);
                assertThat(list.status()).isEqualTo(200);
                PortRace.assertExhaustedCorrectly(outcome, ConcurrentPortCreateTest.CLIENTS,
                        ConcurrentPortCreateTest.POOL_OF_A_SLASH_24, Cidr.parse("10.40.50.0/24"), list.body().get("ports"));
            }
        }
    }

    private static ServerProcess start(Path state, PostgresTestDatabase pg) {
        try {
            return ServerProcess.start(state, pg.connection());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
