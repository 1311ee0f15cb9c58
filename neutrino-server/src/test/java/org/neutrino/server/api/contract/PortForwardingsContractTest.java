package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;
import static org.neutrino.server.api.contract.Api.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.ApiClient;

/**
 * {@code /v2.0/floatingips/<id>/port_forwardings} (floating-ip-port-forwarding with its description
 * and expose-port-forwarding-in-fip): the forwardings of a floating IP without a port, to a port
 * behind its router; Neutron's errors; what deleting the port or the floating IP does; and a
 * hostile member of another project, who learns nothing and reaches nothing.
 */
class PortForwardingsContractTest extends ExternalNetworkContractTest {
    String routerId;
    String vmPort;
    String vmAddress;
    String fipId;

    PortForwardingsContractTest() {
        super("pf", "203.0.113.0/24", "172.16.60.0/24");
    }

    /** A router between the external network and the member's subnet, an instance's port, a floating IP without port. */
    @BeforeEach
    void topologyWithFloatingIp() {
        routerId = routerBetweenExternalAndSubnet();
        JsonNode vm = port(member, networkId, "device_owner", "compute:nova");
        vmPort = vm.get("id").asText();
        vmAddress = Api.ips(vm).get(0);
        fipId = floatingIp(member);
    }

    private String floatingIp(ApiClient client) {
        return Api.created(client.post("/v2.0/floatingips", wrap("floatingip", map("floating_network_id", externalId))),
                "floatingip").get("id").asText();
    }

    private static String path(String fip) {
        return "/v2.0/floatingips/" + fip + "/port_forwardings";
    }

    private ApiClient.Response create(ApiClient client, String fip, Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.putIfAbsent("internal_port_id", vmPort);
        body.putIfAbsent("internal_port", 22);
        body.putIfAbsent("external_port", 2222);
        body.putIfAbsent("protocol", "tcp");
        return client.post(path(fip), wrap("port_forwarding", body));
    }

    private JsonNode forwarding(Object... attributes) {
        return Api.created(create(member, fipId, attributes), "port_forwarding");
    }

    @Test
    void createShowListUpdateDelete() {
        JsonNode pf = forwarding("description", "ssh");
        List<String> keys = new ArrayList<>();
        pf.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("id", "external_port", "internal_port", "internal_ip_address", "protocol",
                "internal_port_id", "description");
        assertThat(pf.get("internal_ip_address").asText()).isEqualTo(vmAddress);
        assertThat(pf.get("external_port").asInt()).isEqualTo(2222);
        assertThat(pf.get("description").asText()).isEqualTo("ssh");
        String id = pf.get("id").asText();

        JsonNode fip = member.get("/v2.0/floatingips/" + fipId).body().get("floatingip");
        assertThat(fip.get("router_id").asText()).isEqualTo(routerId);
        assertThat(fip.get("port_id").isNull()).isTrue();
        assertThat(fip.get("port_forwardings")).hasSize(1);
        assertThat(fip.get("port_forwardings").get(0).get("external_port").asInt()).isEqualTo(2222);

        assertThat(member.get(path(fipId) + "/" + id).body().get("port_forwarding").get("protocol").asText()).isEqualTo("tcp");
        Api.created(create(member, fipId, "external_port", 8080, "internal_port", 80, "protocol", "udp"), "port_forwarding");
        assertThat(member.get(path(fipId)).body().get("port_forwardings")).hasSize(2);
        assertThat(Api.ids(member.get(path(fipId) + "?external_port=2222").body().get("port_forwardings"))).containsExactly(id);
        assertThat(Api.ids(member.get(path(fipId) + "?protocol=udp").body().get("port_forwardings"))).doesNotContain(id);
        JsonNode page = member.get(path(fipId) + "?limit=1&sort_key=external_port&sort_dir=asc").body();
        assertThat(Api.ids(page.get("port_forwardings"))).containsExactly(id);
        assertThat(Api.link(page.get("port_forwardings_links"), "next")).startsWith(path(fipId) + "?");
        assertThat(member.get(path(fipId) + "/" + id + "?fields=external_port").body().get("port_forwarding").size()).isEqualTo(1);

        JsonNode updated = member.put(path(fipId) + "/" + id, wrap("port_forwarding", map("external_port", 2200, "description", "")))
                .body().get("port_forwarding");
        assertThat(updated.get("external_port").asInt()).isEqualTo(2200);
        assertThat(updated.get("internal_port").asInt()).isEqualTo(22);

        for (JsonNode each : member.get(path(fipId)).body().get("port_forwardings")) {
            assertThat(member.delete(path(fipId) + "/" + each.get("id").asText()).status()).isEqualTo(204);
        }
        assertError(member.get(path(fipId) + "/" + id), 404, "PortForwardingNotFound");
        JsonNode freed = member.get("/v2.0/floatingips/" + fipId).body().get("floatingip");
        assertThat(freed.get("router_id").isNull()).isTrue();
        assertThat(freed.get("port_forwardings")).isEmpty();
    }

    @Test
    void badValuesAndDuplicates() {
        assertError(create(member, fipId, "protocol", "icmp"), 400, "HTTPBadRequest");
        assertError(create(member, fipId, "external_port", 0), 400, "HTTPBadRequest");
        assertError(create(member, fipId, "internal_port", 65536), 400, "HTTPBadRequest");
        assertError(create(member, fipId, "internal_port_id", "not-a-uuid"), 400, "HTTPBadRequest");
        assertError(create(member, fipId, "internal_ip_address", "172.16.61.9"), 400, "BadRequest");
        assertError(member.post(path(fipId), wrap("port_forwarding", map("internal_port_id", vmPort, "protocol", "tcp"))), 400,
                "HTTPBadRequest");
        forwarding();
        assertError(create(member, fipId, "internal_port", 23), 400, "BadRequest");
        assertError(create(member, fipId, "external_port", 2223), 400, "BadRequest");
        Api.created(create(member, fipId, "internal_port", 23, "external_port", 2223), "port_forwarding");
        String second = forwarding("protocol", "udp").get("id").asText();
        assertError(member.put(path(fipId) + "/" + second, wrap("port_forwarding", map("protocol", "tcp"))), 400, "BadRequest");
        assertError(member.put(path(fipId) + "/" + second, wrap("port_forwarding", map("internal_ip_address", "172.16.61.9"))),
                400, "BadRequest");
    }

    @Test
    void aFloatingIpHasEitherAPortOrForwardings() {
        forwarding();
        assertError(member.put("/v2.0/floatingips/" + fipId, wrap("floatingip", map("port_id", vmPort))), 409,
                "FipInUseByPortForwarding");
        String other = port(member, networkId).get("id").asText();
        String associated = Api.created(member.post("/v2.0/floatingips", wrap("floatingip", map("floating_network_id", externalId,
                "port_id", other))), "floatingip").get("id").asText();
        assertError(create(member, associated), 409, "FloatingIPPortAlreadyAssociated");
        assertError(create(member, floatingIp(member), "internal_port_id", other), 409, "PortHasBindingFloatingIP");
    }

    @Test
    void theInternalPortMustBeBehindTheFloatingIpsRouter() {
        String unrouted = network(member).get("id").asText();
        subnet(member, unrouted, "172.16.62.0/24");
        String lonely = port(member, unrouted).get("id").asText();
        assertError(create(member, fipId, "internal_port_id", lonely), 400, "BadRequest");
        assertError(create(member, fipId, "internal_port_id", "00000000-0000-0000-0000-000000000000"), 404, "PortNotFound");
    }

    @Test
    void deletingThePortOrTheFloatingIpOrTheInternalAddressDeletesTheForwardings() {
        String first = forwarding().get("id").asText();
        assertThat(member.put("/v2.0/ports/" + vmPort, wrap("port", map("name", "renamed"))).status()).isEqualTo(200);
        assertThat(member.get(path(fipId) + "/" + first).status()).as("a port keeping its address keeps it").isEqualTo(200);
        assertThat(member.put("/v2.0/ports/" + vmPort, wrap("port", map("fixed_ips",
                List.of(map("subnet_id", subnetId, "ip_address", "172.16.60.77"))))).status()).isEqualTo(200);
        assertError(member.get(path(fipId) + "/" + first), 404, "PortForwardingNotFound");

        String id = forwarding().get("id").asText();
        assertThat(member.get(path(fipId) + "/" + id).body().get("port_forwarding").get("internal_ip_address").asText())
                .isEqualTo("172.16.60.77");
        assertThat(member.delete("/v2.0/ports/" + vmPort).status()).isEqualTo(204);
        assertError(member.get(path(fipId) + "/" + id), 404, "PortForwardingNotFound");
        assertThat(member.get("/v2.0/floatingips/" + fipId).body().get("floatingip").get("router_id").isNull()).isTrue();

        vmPort = port(member, networkId).get("id").asText();
        forwarding();
        assertThat(member.delete("/v2.0/floatingips/" + fipId).status()).isEqualTo(204);
        assertError(member.get(path(fipId)), 404, "FloatingIPNotFound");
        // the internal socket is free again: the forwarding went with its floating IP
        Api.created(create(member, floatingIp(member)), "port_forwarding");
    }

    @Test
    void anotherProjectNeitherSeesNorChangesForwardings() {
        String id = forwarding().get("id").asText();
        assertError(other.get(path(fipId)), 404, "FloatingIPNotFound");
        assertError(other.get(path(fipId) + "/" + id), 404, "FloatingIPNotFound");
        assertError(create(other, fipId, "external_port", 3333), 404, "FloatingIPNotFound");
        assertError(other.put(path(fipId) + "/" + id, wrap("port_forwarding", map("external_port", 3333))), 404, "FloatingIPNotFound");
        assertError(other.delete(path(fipId) + "/" + id), 404, "FloatingIPNotFound");
        assertThat(member.get(path(fipId) + "/" + id).body().get("port_forwarding").get("external_port").asInt()).isEqualTo(2222);

        String hostileFip = floatingIp(other);
        assertError(create(other, hostileFip, "external_port", 3333), 404, "PortNotFound");
        assertError(other.get(path(hostileFip) + "/" + id), 404, "PortForwardingNotFound");
        assertThat(other.get(path(hostileFip) + "?id=" + id).body().get("port_forwardings")).isEmpty();
        assertError(other.get(path(hostileFip) + "?limit=1&marker=" + id), 404, "PortForwardingNotFound");

        ApiClient reader = server.client(member.projectId(), "reader");
        assertThat(reader.get(path(fipId)).body().get("port_forwardings")).hasSize(1);
        assertThat(create(reader, fipId, "external_port", 3333).status()).isEqualTo(403);
        assertThat(admin.get(path(fipId) + "/" + id).status()).isEqualTo(200);
    }
}
