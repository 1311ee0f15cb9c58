package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.fixedIp;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** The {@code network-ip-availability} extension: total and used addresses, admin only. */
@ExtendWith(SharedServer.class)
class IpAvailabilityContractTest {
    static TestServer server;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    @Test
    void totalsAndUsagePerNetworkAndSubnet() {
        ApiClient admin = server.admin();
        String project = Api.project("ipavail");
        String net = network(admin, "name", "avail", "tenant_id", project).get("id").asText();
        String s1 = subnet(admin, net, "10.100.0.0/24", "name", "s1").get("id").asText();
        String s2 = subnet(admin, net, "10.101.0.0/28", "name", "s2",
                "allocation_pools", List.of(map("start", "10.101.0.2", "end", "10.101.0.5"))).get("id").asText();
        port(admin, net, "fixed_ips", List.of(fixedIp(s1, null)));
        port(admin, net, "fixed_ips", List.of(fixedIp(s1, null)));
        port(admin, net, "fixed_ips", List.of(fixedIp(s2, null), fixedIp(s1, "10.100.0.200")));

        var shown = admin.get("/v2.0/network-ip-availabilities/" + net);
        assertThat(shown.status()).isEqualTo(200);
        JsonNode a = shown.body().get("network_ip_availability");
        assertThat(a.get("network_id").asText()).isEqualTo(net);
        assertThat(a.get("network_name").asText()).isEqualTo("avail");
        assertThat(a.get("project_id").asText()).isEqualTo(project);
        assertThat(a.get("tenant_id").asText()).isEqualTo(project);
        assertThat(a.get("total_ips").asLong()).isEqualTo(253 + 4);
        assertThat(a.get("used_ips").asLong()).isEqualTo(4);
        assertThat(a.get("subnet_ip_availability")).hasSize(2);
        for (JsonNode s : a.get("subnet_ip_availability")) {
            if (s.get("subnet_id").asText().equals(s1)) {
                assertThat(s.get("total_ips").asLong()).isEqualTo(253);
                assertThat(s.get("used_ips").asLong()).isEqualTo(3);
                assertThat(s.get("cidr").asText()).isEqualTo("10.100.0.0/24");
                assertThat(s.get("ip_version").asInt()).isEqualTo(4);
                assertThat(s.get("subnet_name").asText()).isEqualTo("s1");
            } else {
                assertThat(s.get("subnet_id").asText()).isEqualTo(s2);
                assertThat(s.get("total_ips").asLong()).isEqualTo(4);
                assertThat(s.get("used_ips").asLong()).isEqualTo(1);
            }
        }
        var listed = admin.get("/v2.0/network-ip-availabilities?network_id=" + net);
        assertThat(listed.body().get("network_ip_availabilities")).hasSize(1);
        assertThat(listed.body().get("network_ip_availabilities").get(0)).isEqualTo(a);
        assertThat(admin.get("/v2.0/network-ip-availabilities?project_id=" + project).body().get("network_ip_availabilities"))
                .hasSize(1);
        assertThat(admin.get("/v2.0/network-ip-availabilities?ip_version=6&network_id=" + net).body()
                .get("network_ip_availabilities")).isEmpty();
    }

    @Test
    void networkWithoutSubnetsHasNothingAvailable() {
        ApiClient admin = server.admin();
        String net = network(admin).get("id").asText();
        JsonNode a = admin.get("/v2.0/network-ip-availabilities/" + net).body().get("network_ip_availability");
        assertThat(a.get("total_ips").asLong()).isZero();
        assertThat(a.get("used_ips").asLong()).isZero();
        assertThat(a.get("subnet_ip_availability")).isEmpty();
    }

    @Test
    void adminOnlyAndNotFound() {
        ApiClient member = server.member(Api.project("ipavail-member"));
        String net = network(member).get("id").asText();
        assertError(member.get("/v2.0/network-ip-availabilities"), 403, "PolicyNotAuthorized");
        assertError(member.get("/v2.0/network-ip-availabilities/" + net), 403, "PolicyNotAuthorized");
        assertError(server.admin().get("/v2.0/network-ip-availabilities/7e0b2b6c-1c1c-4d4d-8e8e-9f9f9f9f9f9f"), 404, "NetworkNotFound");
    }
}
