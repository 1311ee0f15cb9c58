package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;
import static org.neutrino.server.api.contract.Api.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.ApiClient;

/** external-net, routers, gateways, interfaces and extra routes, as Neutron answers them, per role. */
class RoutersContractTest extends ExternalNetworkContractTest {
    RoutersContractTest() {
        super("routers", "203.0.113.0/24", "10.60.0.0/24");
    }

    private JsonNode router(ApiClient client, Object... attributes) {
        return Api.created(client.post("/v2.0/routers", wrap("router", map(attributes))), "router");
    }

    private ApiClient.Response addInterface(ApiClient client, String routerId, Object... body) {
        return client.put("/v2.0/routers/" + routerId + "/add_router_interface", map(body));
    }

    private ApiClient.Response removeInterface(ApiClient client, String routerId, Object... body) {
        return client.put("/v2.0/routers/" + routerId + "/remove_router_interface", map(body));
    }

    @Test
    void externalNetworksAreReadableByEveryProjectAndFilterable() {
        JsonNode shown = other.get("/v2.0/networks/" + externalId).body().get("network");
        assertThat(shown.get("router:external").asBoolean()).isTrue();
        assertThat(Api.ids(other.get("/v2.0/networks?router:external=true").body().get("networks"))).contains(externalId)
                .doesNotContain(networkId);
        assertThat(Api.ids(member.get("/v2.0/networks?router:external=false").body().get("networks"))).contains(networkId)
                .doesNotContain(externalId);
        assertThat(member.get("/v2.0/networks/" + networkId).body().get("network").get("router:external").asBoolean()).isFalse();
        assertThat(member.put("/v2.0/networks/" + externalId, wrap("network", map("name", "mine"))).status()).isEqualTo(403);
    }

    @Test
    void onlyAnAdminMakesANetworkExternal() {
        assertThat(member.post("/v2.0/networks", wrap("network", map("router:external", true))).status()).isEqualTo(403);
        assertThat(member.put("/v2.0/networks/" + networkId, wrap("network", map("router:external", true))).status()).isEqualTo(403);
        assertThat(admin.put("/v2.0/networks/" + networkId, wrap("network", map("router:external", true))).status()).isEqualTo(200);
        assertThat(other.get("/v2.0/networks/" + networkId).status()).isEqualTo(200);
    }

    @Test
    void routerWithGatewayHasAGatewayPortOfNoProject() {
        JsonNode r = router(member, "name", "r1", "external_gateway_info", map("network_id", externalId));
        assertThat(r.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(r.get("admin_state_up").asBoolean()).isTrue();
        assertThat(r.get("project_id").asText()).isEqualTo(member.projectId());
        JsonNode gw = r.get("external_gateway_info");
        assertThat(gw.get("network_id").asText()).isEqualTo(externalId);
        assertThat(gw.get("enable_snat").asBoolean()).isTrue();
        assertThat(gw.get("external_fixed_ips").get(0).get("subnet_id").asText()).isEqualTo(externalSubnetId);
        assertThat(r.has("distributed")).isFalse();
        JsonNode ports = admin.get("/v2.0/ports?device_id=" + r.get("id").asText()).body().get("ports");
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0).get("device_owner").asText()).isEqualTo("network:router_gateway");
        assertThat(ports.get(0).get("project_id").asText()).isEmpty();
        assertThat(admin.get("/v2.0/routers/" + r.get("id").asText()).body().get("router").get("ha").asBoolean()).isFalse();

        JsonNode cleared = member.put("/v2.0/routers/" + r.get("id").asText(), wrap("router", map("external_gateway_info", map())))
                .body().get("router");
        assertThat(cleared.get("external_gateway_info").isNull()).isTrue();
        assertThat(admin.get("/v2.0/ports?device_id=" + r.get("id").asText()).body().get("ports")).isEmpty();
    }

    @Test
    void gatewayErrors() {
        assertError(member.post("/v2.0/routers", wrap("router", map("external_gateway_info", map("network_id", networkId)))),
                400, "BadRequest");
        assertError(member.post("/v2.0/routers", wrap("router", map("external_gateway_info",
                map("network_id", externalId, "enable_snat", false)))), 403, "PolicyNotAuthorized");
        assertError(member.post("/v2.0/routers", wrap("router", map("external_gateway_info", map("enable_snat", true)))), 400, "HTTPBadRequest");
        JsonNode r = router(admin, "external_gateway_info", map("network_id", externalId, "enable_snat", false));
        assertThat(r.get("external_gateway_info").get("enable_snat").asBoolean()).isFalse();
        assertError(admin.post("/v2.0/routers", wrap("router", map("ha", true))), 400, "BadRequest");
        assertError(admin.post("/v2.0/routers", wrap("router", map("distributed", true))), 400, "BadRequest");
        assertThat(admin.post("/v2.0/routers", wrap("router", map("distributed", false))).status()).isEqualTo(201);
    }

    @Test
    void externalNetworkWithGatewaysStaysExternal() {
        router(member, "external_gateway_info", map("network_id", externalId));
        assertError(admin.put("/v2.0/networks/" + externalId, wrap("network", map("router:external", false))), 409,
                "ExternalNetworkInUse");
        assertThat(admin.get("/v2.0/networks/" + externalId).body().get("network").get("router:external").asBoolean()).isTrue();
    }

    @Test
    void interfaceBySubnetTakesTheGatewayAddress() {
        String routerId = router(member).get("id").asText();
        ApiClient.Response added = addInterface(member, routerId, "subnet_id", subnetId);
        assertThat(added.status()).as("%s", added.body()).isEqualTo(200);
        JsonNode info = added.body();
        assertThat(info.get("id").asText()).isEqualTo(routerId);
        assertThat(info.get("subnet_id").asText()).isEqualTo(subnetId);
        assertThat(info.get("subnet_ids").get(0).asText()).isEqualTo(subnetId);
        assertThat(info.get("network_id").asText()).isEqualTo(networkId);
        assertThat(info.get("tenant_id").asText()).isEqualTo(member.projectId());
        assertThat(info.get("project_id").asText()).isEqualTo(member.projectId());
        JsonNode port = member.get("/v2.0/ports/" + info.get("port_id").asText()).body().get("port");
        assertThat(port.get("device_owner").asText()).isEqualTo("network:router_interface");
        assertThat(port.get("device_id").asText()).isEqualTo(routerId);
        assertThat(Api.ips(port)).containsExactly("10.60.0.1");

        assertError(addInterface(member, routerId, "subnet_id", subnetId), 400, "BadRequest");
        String overlapping = subnet(member, network(member).get("id").asText(), "10.60.0.0/25").get("id").asText();
        assertError(addInterface(member, routerId, "subnet_id", overlapping), 400, "BadRequest");
        assertError(member.delete("/v2.0/ports/" + info.get("port_id").asText()), 409, "ServicePortInUse");
        assertError(member.delete("/v2.0/subnets/" + subnetId), 409, "SubnetInUse");
        assertError(member.delete("/v2.0/routers/" + routerId), 409, "RouterInUse");

        ApiClient.Response removed = removeInterface(member, routerId, "subnet_id", subnetId);
        assertThat(removed.status()).as("%s", removed.body()).isEqualTo(200);
        assertThat(removed.body().get("port_id").asText()).isEqualTo(info.get("port_id").asText());
        assertThat(member.get("/v2.0/ports/" + info.get("port_id").asText()).status()).isEqualTo(404);
        assertError(removeInterface(member, routerId, "subnet_id", subnetId), 404, "RouterInterfaceNotFoundForSubnet");
        assertThat(member.delete("/v2.0/routers/" + routerId).status()).isEqualTo(204);
    }

    @Test
    void interfaceByPort() {
        String routerId = router(member).get("id").asText();
        String portId = port(member, networkId).get("id").asText();
        JsonNode info = addInterface(member, routerId, "port_id", portId).body();
        assertThat(info.get("port_id").asText()).isEqualTo(portId);
        assertThat(info.get("subnet_id").asText()).isEqualTo(subnetId);
        assertError(addInterface(member, router(member).get("id").asText(), "port_id", portId), 409, "PortInUse");
        assertError(removeInterface(member, routerId, "port_id", port(member, networkId).get("id").asText()), 404,
                "RouterInterfaceNotFound");
        assertThat(removeInterface(member, routerId, "port_id", portId).status()).isEqualTo(200);
    }

    @Test
    void interfaceRequestErrors() {
        String routerId = router(member).get("id").asText();
        assertError(addInterface(member, routerId), 400, "BadRequest");
        assertError(addInterface(member, routerId, "subnet_id", subnetId, "port_id", port(member, networkId).get("id").asText()),
                400, "BadRequest");
        String noGateway = subnet(member, network(member).get("id").asText(), "10.61.0.0/24", "gateway_ip", null).get("id").asText();
        assertError(addInterface(member, routerId, "subnet_id", noGateway), 400, "BadRequest");
        assertError(addInterface(member, routerId, "subnet_id", "00000000-0000-0000-0000-000000000000"), 404, "SubnetNotFound");
        assertError(removeInterface(member, routerId), 400, "BadRequest");
    }

    @Test
    void oneSubnetGoesToOneRouter() {
        String first = router(member).get("id").asText();
        String second = router(member).get("id").asText();
        assertThat(addInterface(member, first, "subnet_id", subnetId).status()).isEqualTo(200);
        assertError(addInterface(member, second, "subnet_id", subnetId), 409, "IpAddressAlreadyAllocated");
    }

    @Test
    void anotherProjectNeitherSeesNorUsesARouterOrItsResources() {
        String routerId = router(member).get("id").asText();
        String memberPort = port(member, networkId).get("id").asText();
        assertError(other.get("/v2.0/routers/" + routerId), 404, "RouterNotFound");
        assertThat(other.get("/v2.0/routers").body().get("routers")).isEmpty();
        assertError(addInterface(other, routerId, "subnet_id", subnetId), 404, "RouterNotFound");
        assertError(other.put("/v2.0/routers/" + routerId, wrap("router", map("name", "x"))), 404, "RouterNotFound");
        assertError(other.delete("/v2.0/routers/" + routerId), 404, "RouterNotFound");
        String ownRouter = router(other).get("id").asText();
        assertError(addInterface(other, ownRouter, "subnet_id", subnetId), 404, "SubnetNotFound");
        assertError(addInterface(other, ownRouter, "port_id", memberPort), 404, "PortNotFound");
        assertError(other.put("/v2.0/routers/" + ownRouter, wrap("router", map("external_gateway_info", map("network_id", networkId)))),
                404, "NetworkNotFound");
        ApiClient reader = server.client(member.projectId(), "reader");
        assertThat(reader.get("/v2.0/routers/" + routerId).status()).isEqualTo(200);
        assertThat(reader.post("/v2.0/routers", wrap("router", map("name", "r"))).status()).isEqualTo(403);
        assertThat(addInterface(reader, routerId, "subnet_id", subnetId).status()).isEqualTo(403);
    }

    @Test
    void extraRoutesGoThroughConnectedSubnets() {
        String routerId = router(member).get("id").asText();
        addInterface(member, routerId, "subnet_id", subnetId);
        List<Object> routes = List.of(map("destination", "192.0.2.0/24", "nexthop", "10.60.0.10"));
        JsonNode r = member.put("/v2.0/routers/" + routerId, wrap("router", map("routes", routes))).body().get("router");
        assertThat(r.get("routes").get(0).get("nexthop").asText()).isEqualTo("10.60.0.10");
        assertError(member.put("/v2.0/routers/" + routerId, wrap("router", map("routes",
                List.of(map("destination", "192.0.2.0/24", "nexthop", "10.99.0.1"))))), 400, "InvalidRoutes");
        assertError(member.put("/v2.0/routers/" + routerId, wrap("router", map("routes",
                List.of(map("destination", "192.0.2.0/24", "nexthop", "10.60.0.1"))))), 400, "InvalidRoutes");
        assertError(removeInterface(member, routerId, "subnet_id", subnetId), 409, "RouterInterfaceInUseByRoute");
        JsonNode added = member.put("/v2.0/routers/" + routerId + "/add_extraroutes", wrap("router", map("routes",
                List.of(map("destination", "198.51.100.0/24", "nexthop", "10.60.0.11"))))).body().get("router");
        assertThat(added.get("routes")).hasSize(2);
        JsonNode removed = member.put("/v2.0/routers/" + routerId + "/remove_extraroutes", wrap("router", map("routes", routes)))
                .body().get("router");
        assertThat(removed.get("routes")).hasSize(1);
        assertThat(removed.get("routes").get(0).get("destination").asText()).isEqualTo("198.51.100.0/24");
    }

    @Test
    void routerQuota() {
        String project = Api.project("rquota");
        admin.put("/v2.0/quotas/" + project, map("quota", map("router", 1)));
        ApiClient limited = server.member(project);
        router(limited);
        assertError(limited.post("/v2.0/routers", wrap("router", map())), 409, "OverQuota");
    }
}
