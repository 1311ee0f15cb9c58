package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;
import static org.neutrino.server.api.contract.Api.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.ApiClient;

/** Floating IPs: allocation, association through a router, one per fixed address, pools, per role. */
class FloatingIpsContractTest extends ExternalNetworkContractTest {
    String routerId;

    FloatingIpsContractTest() {
        super("fips", "198.51.100.0/24", "10.70.0.0/24");
    }

    /** A router with a gateway on the external network and an interface on the member's subnet. */
    @BeforeEach
    void router() {
        routerId = routerBetweenExternalAndSubnet();
    }

    private ApiClient.Response create(ApiClient client, Object... attributes) {
        java.util.Map<String, Object> body = map(attributes);
        body.putIfAbsent("floating_network_id", externalId);
        return client.post("/v2.0/floatingips", wrap("floatingip", body));
    }

    private JsonNode fip(ApiClient client, Object... attributes) {
        return Api.created(create(client, attributes), "floatingip");
    }

    @Test
    void createTakesAnAddressOfTheExternalNetworkWithAPortOfNoProject() {
        JsonNode f = fip(member);
        assertThat(f.get("floating_ip_address").asText()).startsWith("198.51.100.");
        assertThat(f.get("floating_network_id").asText()).isEqualTo(externalId);
        assertThat(f.get("status").asText()).isEqualTo("DOWN");
        assertThat(f.get("port_id").isNull()).isTrue();
        assertThat(f.get("router_id").isNull()).isTrue();
        assertThat(f.get("fixed_ip_address").isNull()).isTrue();
        assertThat(f.get("port_details").isNull()).isTrue();
        assertThat(f.get("project_id").asText()).isEqualTo(member.projectId());
        assertThat(f.has("subnet_id")).isFalse();
        JsonNode ports = admin.get("/v2.0/ports?device_id=" + f.get("id").asText()).body().get("ports");
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0).get("device_owner").asText()).isEqualTo("network:floatingip");
        assertThat(ports.get(0).get("project_id").asText()).isEmpty();
        assertError(admin.delete("/v2.0/ports/" + ports.get(0).get("id").asText()), 409, "ServicePortInUse");
        assertThat(member.delete("/v2.0/floatingips/" + f.get("id").asText()).status()).isEqualTo(204);
        assertThat(admin.get("/v2.0/ports?device_id=" + f.get("id").asText()).body().get("ports")).isEmpty();
    }

    @Test
    void requestedAddressAndSubnet() {
        JsonNode f = fip(admin, "floating_ip_address", "198.51.100.77", "project_id", member.projectId());
        assertThat(f.get("floating_ip_address").asText()).isEqualTo("198.51.100.77");
        assertError(create(admin, "floating_ip_address", "198.51.100.77"), 409, "IpAddressAlreadyAllocated");
        assertError(create(member, "floating_ip_address", "198.51.100.78"), 403, "PolicyNotAuthorized");
        assertThat(fip(member, "subnet_id", externalSubnetId).get("floating_ip_address").asText()).startsWith("198.51.100.");
        assertError(create(member, "floating_network_id", networkId), 400, "BadRequest");
        assertError(create(member, "floating_network_id", "00000000-0000-0000-0000-000000000000"), 404, "NetworkNotFound");
    }

    @Test
    void associateThroughTheRouterAndDisassociate() {
        JsonNode vm = port(member, networkId, "device_owner", "compute:nova");
        String vmPort = vm.get("id").asText();
        JsonNode f = fip(member, "port_id", vmPort);
        assertThat(f.get("port_id").asText()).isEqualTo(vmPort);
        assertThat(f.get("fixed_ip_address").asText()).isEqualTo(Api.ips(vm).get(0));
        assertThat(f.get("router_id").asText()).isEqualTo(routerId);
        assertThat(f.get("port_details").get("device_owner").asText()).isEqualTo("compute:nova");
        assertThat(f.get("port_details").get("mac_address").asText()).isEqualTo(vm.get("mac_address").asText());
        String id = f.get("id").asText();
        assertError(create(member, "port_id", vmPort), 409, "FloatingIPPortAlreadyAssociated");
        assertError(member.put("/v2.0/routers/" + routerId + "/remove_router_interface", map("subnet_id", subnetId)), 409,
                "RouterInterfaceInUseByFloatingIP");
        assertError(member.put("/v2.0/routers/" + routerId, wrap("router", map("external_gateway_info", null))), 409,
                "RouterExternalGatewayInUseByFloatingIp");

        JsonNode cleared = member.put("/v2.0/floatingips/" + id, wrap("floatingip", map("port_id", null))).body().get("floatingip");
        assertThat(cleared.get("port_id").isNull()).isTrue();
        assertThat(cleared.get("router_id").isNull()).isTrue();
        JsonNode again = member.put("/v2.0/floatingips/" + id, wrap("floatingip", map("port_id", vmPort))).body().get("floatingip");
        assertThat(again.get("router_id").asText()).isEqualTo(routerId);
        assertThat(Api.ids(member.get("/v2.0/floatingips?port_id=" + vmPort).body().get("floatingips"))).containsExactly(id);

        assertThat(member.delete("/v2.0/ports/" + vmPort).status()).isEqualTo(204);
        JsonNode after = member.get("/v2.0/floatingips/" + id).body().get("floatingip");
        assertThat(after.get("port_id").isNull()).isTrue();
        assertThat(after.get("fixed_ip_address").isNull()).isTrue();
    }

    @Test
    void associationErrors() {
        String unrouted = network(member).get("id").asText();
        subnet(member, unrouted, "10.71.0.0/24");
        String lonely = port(member, unrouted).get("id").asText();
        assertError(create(member, "port_id", lonely), 404, "ExternalGatewayForFloatingIPNotFound");
        String twoAddresses = port(member, networkId, "fixed_ips", Arrays.asList(map("subnet_id", subnetId),
                map("subnet_id", subnetId))).get("id").asText();
        assertError(create(member, "port_id", twoAddresses), 400, "BadRequest");
        assertError(create(member, "port_id", twoAddresses, "fixed_ip_address", "10.70.0.250"), 400, "BadRequest");
        String foreign = port(other, network(other).get("id").asText()).get("id").asText();
        assertError(create(member, "port_id", foreign), 404, "PortNotFound");
    }

    @Test
    void anotherProjectNeitherSeesNorChangesAFloatingIp() {
        String id = fip(member).get("id").asText();
        assertError(other.get("/v2.0/floatingips/" + id), 404, "FloatingIPNotFound");
        assertThat(other.get("/v2.0/floatingips").body().get("floatingips")).isEmpty();
        assertError(other.put("/v2.0/floatingips/" + id, wrap("floatingip", map("port_id", null))), 404, "FloatingIPNotFound");
        assertError(other.delete("/v2.0/floatingips/" + id), 404, "FloatingIPNotFound");
        String ownPort = port(member, networkId).get("id").asText();
        String hostileFip = fip(other).get("id").asText();
        assertError(other.put("/v2.0/floatingips/" + hostileFip, wrap("floatingip", map("port_id", ownPort))), 404, "PortNotFound");
        ApiClient reader = server.client(member.projectId(), "reader");
        assertThat(reader.get("/v2.0/floatingips/" + id).status()).isEqualTo(200);
        assertThat(create(reader).status()).isEqualTo(403);
    }

    @Test
    void poolsListTheExternalSubnets() {
        JsonNode pools = other.get("/v2.0/floatingip_pools").body().get("floatingip_pools");
        boolean found = false;
        for (JsonNode pool : pools) {
            if (pool.get("subnet_id").asText().equals(externalSubnetId)) {
                found = true;
                assertThat(pool.get("network_id").asText()).isEqualTo(externalId);
                assertThat(pool.get("subnet_ip_cidr").asText()).isEqualTo("198.51.100.0/24");
            }
            assertThat(pool.get("subnet_id").asText()).isNotEqualTo(subnetId);
        }
        assertThat(found).isTrue();
    }

    @Test
    void floatingIpQuota() {
        String project = Api.project("fquota");
        admin.put("/v2.0/quotas/" + project, map("quota", map("floatingip", 1)));
        ApiClient limited = server.member(project);
        fip(limited);
        assertError(create(limited), 409, "OverQuota");
    }
}
