package org.neutrino.fullstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small client of the Networking API of a {@code noauth} server, acting as admin (no project
 * header). Calls that answer with an unexpected status throw {@link ApiCallFailed} carrying the
 * status and body.
 */
final class NeutrinoApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    NeutrinoApi(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:9696}. */
    URI endpoint() {
        return endpoint;
    }

    /** A status and a JSON body (missing when the body is empty). */
    record Response(int status, JsonNode body) {
    }

    /** An API call answered with a status the caller did not expect. */
    static final class ApiCallFailed extends RuntimeException {
        ApiCallFailed(String call, Response response) {
            super(call + " answered " + response.status() + ": " + response.body());
        }
    }

    /** Whether the server answers {@code GET /} at all. */
    boolean isUp() {
        try {
            return send("GET", "/", null).status() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    JsonNode get(String path) {
        return call("GET", path, null, 200);
    }

    JsonNode post(String path, Map<String, ?> body) {
        return call("POST", path, body, 201);
    }

    JsonNode put(String path, Map<String, ?> body) {
        return call("PUT", path, body, 200);
    }

    void delete(String path) {
        call("DELETE", path, null, 204);
    }

    /** {@code POST /v2.0/networks} with {@code attributes}; the new network's id. */
    String createNetwork(Map<String, ?> attributes) {
        return post("/v2.0/networks", Map.of("network", attributes)).path("network").path("id").asText();
    }

    /** An IPv4 subnet {@code cidr} (gateway .1) on {@code networkId}, with or without DHCP; its id. */
    String createSubnet(String networkId, String cidr, boolean enableDhcp) {
        return post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", networkId, "cidr", cidr,
                "ip_version", 4, "enable_dhcp", enableDhcp))).path("subnet").path("id").asText();
    }

    /** A port named {@code name} on {@code networkId}; the port as the API answered it. */
    JsonNode createPort(String networkId, String name) {
        return post("/v2.0/ports", Map.of("port", Map.of("network_id", networkId, "name", name))).path("port");
    }

    /**
     * An IPv4 ingress rule of security group {@code groupId} for {@code protocol} ({@code port}
     * only, when not null) from anywhere; the rule's id.
     */
    String addIngressRule(String groupId, String protocol, Integer port) {
        Map<String, Object> rule = new HashMap<>(Map.of("security_group_id", groupId, "direction", "ingress",
                "ethertype", "IPv4", "protocol", protocol, "remote_ip_prefix", "0.0.0.0/0"));
        if (port != null) {
            rule.put("port_range_min", port);
            rule.put("port_range_max", port);
        }
        return post("/v2.0/security-group-rules", Map.of("security_group_rule", rule))
                .path("security_group_rule").path("id").asText();
    }

    JsonNode port(String portId) {
        return get("/v2.0/ports/" + portId).path("port");
    }

    /** The port's {@code status} (ACTIVE, DOWN, BUILD). */
    String portStatus(String portId) {
        return port(portId).path("status").asText();
    }

    /** Every agent of {@code GET /v2.0/agents}. */
    List<JsonNode> agents() {
        List<JsonNode> agents = new ArrayList<>();
        get("/v2.0/agents").path("agents").forEach(agents::add);
        return agents;
    }

    private JsonNode call(String method, String path, Object body, int expected) {
        Response response;
        try {
            response = send(method, path, body);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
        if (response.status() != expected) {
            throw new ApiCallFailed(method + " " + path, response);
        }
        return response.body();
    }

    private Response send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(toJson(body));
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, publisher).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
        return new Response(response.statusCode(), json);
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + body, e);
        }
    }
}
