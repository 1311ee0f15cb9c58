package org.neutrino.server.services.subnetpools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.created;
import static org.neutrino.server.api.contract.Api.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neutrino.server.api.contract.Api;
import org.neutrino.server.testing.ApiClient;

/** Bodies, creations and error assertions of the subnet pool tests (on {@link Api}'s). */
final class PoolApi {
    private PoolApi() {
    }

    static ApiClient.Response postPool(ApiClient client, Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.putIfAbsent("name", "pool");
        return client.post("/v2.0/subnetpools", map("subnetpool", body));
    }

    static JsonNode pool(ApiClient client, Object... attributes) {
        return created(postPool(client, attributes), "subnetpool");
    }

    static JsonNode scope(ApiClient client, Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.putIfAbsent("name", "scope");
        body.putIfAbsent("ip_version", 4);
        return created(client.post("/v2.0/address-scopes", map("address_scope", body)), "address_scope");
    }

    static String network(ApiClient client) {
        return created(client.post("/v2.0/networks", map("network", map("name", "net"))), "network").get("id").asText();
    }

    static ApiClient.Response postSubnet(ApiClient client, String networkId, Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.put("network_id", networkId);
        body.putIfAbsent("ip_version", 4);
        return client.post("/v2.0/subnets", map("subnet", body));
    }

    static JsonNode subnet(ApiClient client, String networkId, Object... attributes) {
        return created(postSubnet(client, networkId, attributes), "subnet");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> ids(JsonNode collection) {
        List<String> out = new ArrayList<>();
        collection.forEach(r -> out.add(r.get("id").asText()));
        return out;
    }

    static void assertError(ApiClient.Response response, int status, String type) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
        assertThat(response.errorType()).as("%s", response.body()).isEqualTo(type);
        assertThat(response.body().get("NeutronError").get("message").asText()).isNotBlank();
    }
}
