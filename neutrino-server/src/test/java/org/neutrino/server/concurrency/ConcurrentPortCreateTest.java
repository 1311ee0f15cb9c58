package org.neutrino.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neutrino.lib.net.Cidr;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * 64 clients race to create ports on one /24 until its pool (253 addresses) is exhausted: each
 * address and MAC is given once, nothing fails with a 5xx, every refusal is a 409
 * {@code IpAddressGenerationFailure} that comes only once the pool is really empty, and the
 * port list afterwards is exactly what was acknowledged. On H2, and on PostgreSQL when
 * {@code NEUTRINO_TEST_PG_URL} is set.
 */
class ConcurrentPortCreateTest {
    static final int CLIENTS = 64;
    static final int POOL_OF_A_SLASH_24 = 253;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void portsOnOneNetworkUntilThePoolIsExhausted(String database) throws Exception {
        PostgresTestDatabase pg = database.equals("postgresql") ? PostgresTestDatabase.create() : null;
        try (TestServer server = TestServer.start(pg == null ? Map.of() : Map.of("database.connection", pg.connection()))) {
            ApiClient demo = server.member("demo");
            String networkId = createNetworkWithSubnet(demo, "10.20.30.0/24");

            PortRace.Outcome outcome = PortRace.run(List.of(demo), networkId, CLIENTS);

            ApiClient.Response list = demo.get("/v2.0/ports?network_id=" + networkId);
            assertThat(list.status()).isEqualTo(200);
            PortRace.assertExhaustedCorrectly(outcome, CLIENTS, POOL_OF_A_SLASH_24, Cidr.parse("10.20.30.0/24"), list.body().get("ports"));
            ApiClient.Response availability = server.admin().get("/v2.0/network-ip-availabilities/" + networkId);
            assertThat(availability.status()).as(String.valueOf(availability.body())).isEqualTo(200);
            assertThat(availability.body().at("/network_ip_availability/used_ips").asInt()).isEqualTo(POOL_OF_A_SLASH_24);
            assertThat(availability.body().at("/network_ip_availability/total_ips").asInt()).isEqualTo(POOL_OF_A_SLASH_24);
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** A network with one IPv4 subnet of {@code cidr}; returns the network id. */
    static String createNetworkWithSubnet(ApiClient api, String cidr) {
        ApiClient.Response net = api.post("/v2.0/networks", Map.of("network", Map.of("name", "race")));
        assertThat(net.status()).as(String.valueOf(net.body())).isEqualTo(201);
        String networkId = net.body().get("network").get("id").asText();
        ApiClient.Response subnet = api.post("/v2.0/subnets",
                Map.of("subnet", Map.of("network_id", networkId, "ip_version", 4, "cidr", cidr)));
        assertThat(subnet.status()).as(String.valueOf(subnet.body())).isEqualTo(201);
        return networkId;
    }
}
