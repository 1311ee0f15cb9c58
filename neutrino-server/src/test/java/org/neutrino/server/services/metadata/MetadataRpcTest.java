package org.neutrino.server.services.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.RemoteErrorException;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.MetadataLookup;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.OwnServerTest;
import org.neutrino.server.testing.TestServer;

/**
 * {@code get_metadata_instance} on the in-process bus: an address resolves to the port holding it
 * only on the networks of the router asked about (two projects with the same addresses each get
 * their own instance; a port naming another project's router as its device changes nothing), or
 * on the network asked about; bad questions are {@code InvalidInput}; without the router plugin
 * the lookup by network still answers.
 */
class MetadataRpcTest extends OwnServerTest {
    private static final String CIDR = "10.91.0.0/24";
    private static final String INSTANCE_IP = "10.91.0.10";

    /** A project's network with {@link #CIDR}, a router with an interface on it, and an instance port on {@link #INSTANCE_IP}. */
    private record Project(ApiClient client, String projectId, String network, String subnet, String router, String port) {
        static Project create(String projectId, String device) {
            ApiClient client = server.member(projectId);
            String network = MetadataRpcTest.create(client, "networks", Map.of("network", Map.of()));
            String subnet = MetadataRpcTest.create(client, "subnets", Map.of("subnet", Map.of("network_id", network,
                    "cidr", CIDR, "ip_version", 4)));
            String router = MetadataRpcTest.create(client, "routers", Map.of("router", Map.of()));
            assertThat(client.put("/v2.0/routers/" + router + "/add_router_interface", Map.of("subnet_id", subnet))
                    .status()).isEqualTo(200);
            String port = MetadataRpcTest.create(client, "ports", Map.of("port", Map.of("network_id", network,
                    "device_id", device, "device_owner", "compute:nova",
                    "fixed_ips", List.of(Map.of("subnet_id", subnet, "ip_address", INSTANCE_IP)))));
            return new Project(client, projectId, network, subnet, router, port);
        }
    }

    private static String create(ApiClient client, String collection, Map<String, Object> body) {
        ApiClient.Response response = client.post("/v2.0/" + collection, body);
        assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
        return response.body().elements().next().get("id").asText();
    }

    private static MetadataLookup.Instance lookup(TestServer on, MetadataLookup question) {
        Map<String, Object> args = new HashMap<>();
        AgentJson.tree(question).fields().forEachRemaining(e -> args.put(e.getKey(), e.getValue().asText()));
        args.put("host", "metadata-host");
        JsonNode answer = on.agentCall(AgentTopics.GET_METADATA_INSTANCE, args);
        return answer == null || answer.isNull() ? null : AgentJson.read(answer, MetadataLookup.Instance.class);
    }

    @Test
    void theSameAddressInTwoProjectsResolvesThroughEachRouterToItsOwnInstance() {
        Project red = Project.create("metadata-red", "instance-red");
        Project blue = Project.create("metadata-blue", "instance-blue");

        assertThat(lookup(server, MetadataLookup.viaRouter(red.router(), INSTANCE_IP)))
                .isEqualTo(new MetadataLookup.Instance(red.port(), "instance-red", "metadata-red", red.network()));
        assertThat(lookup(server, MetadataLookup.viaRouter(blue.router(), INSTANCE_IP)))
                .isEqualTo(new MetadataLookup.Instance(blue.port(), "instance-blue", "metadata-blue", blue.network()));
        assertThat(lookup(server, MetadataLookup.onNetwork(blue.network(), INSTANCE_IP)).portId()).isEqualTo(blue.port());
        assertThat(lookup(server, MetadataLookup.viaRouter(red.router(), "10.91.0.99"))).as("no port holds it").isNull();
        assertThat(lookup(server, MetadataLookup.viaRouter(red.router(), "10.91.0.1")).deviceId())
                .as("the router's own interface address").isEqualTo(red.router());
    }

    @Test
    void anotherProjectsPortNamingTheRouterAsItsDeviceIsNotBehindThatRouter() {
        Project victim = Project.create("metadata-victim", "instance-victim");
        Project intruder = Project.create("metadata-intruder", "instance-intruder");
        String onlyIntruder = "10.91.0.20";
        create(intruder.client(), "ports", Map.of("port", Map.of("network_id", intruder.network(),
                "device_id", victim.router(), "device_owner", "network:router_interface",
                "fixed_ips", List.of(Map.of("subnet_id", intruder.subnet(), "ip_address", onlyIntruder)))));
        create(intruder.client(), "ports", Map.of("port", Map.of("network_id", intruder.network(),
                "device_id", "guessed", "fixed_ips", List.of(Map.of("subnet_id", intruder.subnet(), "ip_address", "10.91.0.21")))));

        assertThat(lookup(server, MetadataLookup.viaRouter(victim.router(), INSTANCE_IP)).deviceId())
                .isEqualTo("instance-victim");
        assertThat(lookup(server, MetadataLookup.viaRouter(victim.router(), onlyIntruder))).isNull();
        assertThat(lookup(server, MetadataLookup.viaRouter(victim.router(), "10.91.0.21"))).isNull();
        assertThat(lookup(server, MetadataLookup.viaRouter(intruder.router(), INSTANCE_IP)).deviceId())
                .isEqualTo("instance-intruder");
        assertThat(lookup(server, MetadataLookup.onNetwork(victim.network(), "10.91.0.21"))).isNull();
    }

    @Test
    void aRemovedInterfaceTakesItsNetworkOutOfTheRoutersReach() {
        Project project = Project.create("metadata-removed", "instance-removed");
        assertThat(lookup(server, MetadataLookup.viaRouter(project.router(), INSTANCE_IP))).isNotNull();
        assertThat(project.client().put("/v2.0/routers/" + project.router() + "/remove_router_interface",
                Map.of("subnet_id", project.subnet())).status()).isEqualTo(200);
        assertThat(lookup(server, MetadataLookup.viaRouter(project.router(), INSTANCE_IP))).isNull();
        assertThat(lookup(server, MetadataLookup.viaRouter("00000000-0000-0000-0000-000000000000", INSTANCE_IP)))
                .isNull();
    }

    @Test
    void badQuestionsAreInvalidInput() {
        for (Map<String, Object> args : List.of(
                Map.<String, Object>of("ip_address", INSTANCE_IP),
                Map.<String, Object>of("router_id", "r", "network_id", "n", "ip_address", INSTANCE_IP),
                Map.<String, Object>of("router_id", "r", "ip_address", "10.91.0.300"),
                Map.<String, Object>of("router_id", "r"),
                Map.<String, Object>of("router_id", Map.of("nested", 1), "ip_address", INSTANCE_IP),
                Map.<String, Object>of("network_id", "n", "ip_address", "10.0.0.1; DROP TABLE ports"))) {
            assertThatThrownBy(() -> server.agentCall(AgentTopics.GET_METADATA_INSTANCE, args)).as("%s", args)
                    .isInstanceOfSatisfying(RemoteErrorException.class,
                            e -> assertThat(e.exceptionType()).isEqualTo("InvalidInput"));
        }
    }

    @Test
    void withoutTheRouterPluginTheLookupByNetworkStillAnswers() throws Exception {
        try (TestServer coreOnly = TestServer.start(Map.of("DEFAULT.service_plugins", ""))) {
            ApiClient member = coreOnly.member("metadata-core");
            String network = create(member, "networks", Map.of("network", Map.of()));
            String subnet = create(member, "subnets", Map.of("subnet", Map.of("network_id", network, "cidr", CIDR,
                    "ip_version", 4)));
            String port = create(member, "ports", Map.of("port", Map.of("network_id", network, "device_id", "vm-core",
                    "fixed_ips", List.of(Map.of("subnet_id", subnet, "ip_address", INSTANCE_IP)))));
            assertThat(lookup(coreOnly, MetadataLookup.onNetwork(network, INSTANCE_IP)))
                    .isEqualTo(new MetadataLookup.Instance(port, "vm-core", "metadata-core", network));
            assertThat(lookup(coreOnly, MetadataLookup.viaRouter(network, INSTANCE_IP))).isNull();
        }
    }
}
