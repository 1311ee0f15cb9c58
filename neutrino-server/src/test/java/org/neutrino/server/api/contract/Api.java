package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.neutrino.server.testing.ApiClient;

/**
 * Small helpers shared by the contract tests (those of the service plugins too): bodies, resource
 * creation, error assertions.
 */
public final class Api {
    /** Neutron's timestamp format, {@code YYYY-MM-DDTHH:MM:SSZ}. */
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    private Api() {
    }

    /** A project id no other test uses. */
    public static String project(String hint) {
        return hint + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A map from alternating keys and values; values may be {@code null}. */
    public static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    /** {@code {member: attributes}}. */
    static Map<String, Object> wrap(String member, Map<String, Object> attributes) {
        return map(member, attributes);
    }

    public static JsonNode created(ApiClient.Response response, String member) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        return response.body().get(member);
    }

    static JsonNode network(ApiClient client, Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.putIfAbsent("name", "net");
        return created(client.post("/v2.0/networks", wrap("network", body)), "network");
    }

    static JsonNode subnet(ApiClient client, String networkId, String cidr, Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.put("network_id", networkId);
        body.put("cidr", cidr);
        body.putIfAbsent("ip_version", cidr.contains(":") ? 6 : 4);
        return created(client.post("/v2.0/subnets", wrap("subnet", body)), "subnet");
    }

    static JsonNode port(ApiClient client, String networkId, Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.put("network_id", networkId);
        return created(client.post("/v2.0/ports", wrap("port", body)), "port");
    }

    /** {@code {"subnet_id": s}} / {@code {"ip_address": ip}} / both, for {@code fixed_ips}. */
    static Map<String, Object> fixedIp(String subnetId, String ip) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (subnetId != null) {
            out.put("subnet_id", subnetId);
        }
        if (ip != null) {
            out.put("ip_address", ip);
        }
        return out;
    }

    static List<String> ips(JsonNode port) {
        List<String> out = new ArrayList<>();
        port.get("fixed_ips").forEach(f -> out.add(f.get("ip_address").asText()));
        return out;
    }

    static List<String> ids(JsonNode collection) {
        List<String> out = new ArrayList<>();
        collection.forEach(r -> out.add(r.get("id").asText()));
        return out;
    }

    /** The path and query of the pagination link with {@code rel} among {@code links}, or {@code null}. */
    static String link(JsonNode links, String rel) {
        if (links == null) {
            return null;
        }
        for (JsonNode link : links) {
            if (link.get("rel").asText().equals(rel)) {
                URI uri = URI.create(link.get("href").asText());
                return uri.getRawPath() + "?" + uri.getRawQuery();
            }
        }
        return null;
    }

    /** Asserts the status and Neutron's error body {@code {"NeutronError": {type, message, detail}}}. */
    static void assertError(ApiClient.Response response, int status, String type) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
        assertNeutronError(response);
        assertThat(response.errorType()).as("%s", response.body()).isEqualTo(type);
    }

    /** Asserts that the body is exactly Neutron's error shape with string members. */
    static void assertNeutronError(ApiClient.Response response) {
        assertThat(response.body()).as("error body of %s", response.status()).isNotNull();
        JsonNode error = response.body().get("NeutronError");
        assertThat(error).as("%s", response.body()).isNotNull();
        assertThat(response.body().size()).isEqualTo(1);
        assertThat(error.get("type").isTextual()).isTrue();
        assertThat(error.get("message").isTextual()).isTrue();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("detail").isTextual()).isTrue();
    }
}
