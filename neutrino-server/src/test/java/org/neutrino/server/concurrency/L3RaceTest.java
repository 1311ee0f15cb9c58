package org.neutrino.server.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * Races of the router plugin, on H2 and on PostgreSQL: two routers taking one subnet at once
 * (exactly one gets it), floating IPs asking for one address at once (one 409), and floating
 * IPs allocated at once never sharing an address.
 */
class L3RaceTest {
    private static final int ROUNDS = 10;

    private static void on(String database, Races.Scenario scenario) throws Exception {
        Races.on(database, Map.of("quotas.quota_router", "-1"), scenario);
    }

    private static List<ApiClient.Response> together(List<Callable<ApiClient.Response>> calls) throws Exception {
        return Races.together(calls);
    }

    private static String create(ApiClient client, String collection, Map<String, Object> body) {
        ApiClient.Response response = client.post("/v2.0/" + collection, body);
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        return response.body().elements().next().get("id").asText();
    }

    private static String externalNetwork(TestServer server, String cidr) {
        String id = create(server.admin(), "networks", Map.of("network", Map.of("router:external", true)));
        create(server.admin(), "subnets", Map.of("subnet", Map.of("network_id", id, "cidr", cidr, "ip_version", 4)));
        return id;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void twoRoutersTakingOneSubnetAtOnce(String database) throws Exception {
        on(database, server -> {
            ApiClient member = server.member("race-routers");
            for (int round = 0; round < ROUNDS; round++) {
                String net = create(member, "networks", Map.of("network", Map.of()));
                String subnet = create(member, "subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.33." + round + ".0/24",
                        "ip_version", 4)));
                String first = create(member, "routers", Map.of("router", Map.of()));
                String second = create(member, "routers", Map.of("router", Map.of()));
                List<ApiClient.Response> answers = together(List.of(
                        () -> member.put("/v2.0/routers/" + first + "/add_router_interface", Map.of("subnet_id", subnet)),
                        () -> member.put("/v2.0/routers/" + second + "/add_router_interface", Map.of("subnet_id", subnet))));
                assertThat(answers.stream().filter(a -> a.status() == 200)).as("%s", answers).hasSize(1);
                assertThat(answers.stream().filter(a -> a.status() == 409)).as("%s", answers).hasSize(1);
                assertThat(member.get("/v2.0/ports?device_owner=network:router_interface&network_id=" + net).body().get("ports"))
                        .hasSize(1);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void floatingIpsAskingForOneAddressAtOnce(String database) throws Exception {
        on(database, server -> {
            ApiClient admin = server.admin();
            String external = externalNetwork(server, "203.0.113.0/24");
            for (int round = 0; round < ROUNDS; round++) {
                String address = "203.0.113." + (100 + round);
                Map<String, Object> body = Map.of("floatingip", Map.of("floating_network_id", external, "floating_ip_address", address));
                List<ApiClient.Response> answers = together(List.of(() -> admin.post("/v2.0/floatingips", body),
                        () -> admin.post("/v2.0/floatingips", body)));
                assertThat(answers.stream().filter(a -> a.status() == 201)).as("%s", answers).hasSize(1);
                assertThat(answers.stream().filter(a -> a.status() == 409)).as("%s", answers).hasSize(1);
                assertThat(admin.get("/v2.0/floatingips?floating_ip_address=" + address).body().get("floatingips")).hasSize(1);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void floatingIpsAllocatedAtOnceNeverShareAnAddress(String database) throws Exception {
        on(database, server -> {
            ApiClient member = server.member("race-fips");
            String external = externalNetwork(server, "198.51.100.0/24");
            List<Callable<ApiClient.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> member.post("/v2.0/floatingips", Map.of("floatingip", Map.of("floating_network_id", external))));
            }
            Set<String> addresses = new HashSet<>();
            for (ApiClient.Response answer : together(calls)) {
                assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
                assertThat(addresses.add(answer.body().get("floatingip").get("floating_ip_address").asText())).isTrue();
            }
            assertThat(addresses).hasSize(16);
        });
    }
}
