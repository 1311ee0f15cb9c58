package org.neutrino.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.OwnServerTest;

class SmokeApiTest extends OwnServerTest {
    @Test
    void networkSubnetPortRoundTrip() {
        ApiClient demo = server.member("demo");
        var net = demo.post("/v2.0/networks", Map.of("network", Map.of("name", "n1")));
        assertThat(net.status()).isEqualTo(201);
        String netId = net.body().get("network").get("id").asText();
        var subnet = demo.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", netId, "ip_version", 4, "cidr", "10.1.0.0/24")));
        assertThat(subnet.status()).as(subnet.body().toString()).isEqualTo(201);
        assertThat(subnet.body().get("subnet").get("gateway_ip").asText()).isEqualTo("10.1.0.1");
        assertThat(subnet.body().get("subnet").get("allocation_pools").get(0).get("start").asText()).isEqualTo("10.1.0.2");
        var port = demo.post("/v2.0/ports", Map.of("port", Map.of("network_id", netId)));
        assertThat(port.status()).as(port.body().toString()).isEqualTo(201);
        assertThat(port.body().get("port").get("fixed_ips").get(0).get("ip_address").asText()).isEqualTo("10.1.0.2");
        assertThat(port.body().get("port").get("mac_address").asText()).startsWith("fa:16:3e:");
        assertThat(port.body().get("port").has("binding:host_id")).isFalse();
        var list = demo.get("/v2.0/ports?network_id=" + netId + "&fields=id&fields=fixed_ips");
        assertThat(list.body().get("ports")).hasSize(1);
        assertThat(server.member("other").get("/v2.0/ports/" + port.body().get("port").get("id").asText()).status()).isEqualTo(404);
        assertThat(demo.delete("/v2.0/networks/" + netId).errorType()).isEqualTo("NetworkInUse");
        assertThat(List.of(demo.delete("/v2.0/ports/" + port.body().get("port").get("id").asText()).status(),
                demo.delete("/v2.0/networks/" + netId).status())).containsExactly(204, 204);
    }
}
