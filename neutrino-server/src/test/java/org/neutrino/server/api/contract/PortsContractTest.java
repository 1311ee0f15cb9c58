package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.assertError;
import static org.neutrino.server.api.contract.Api.fixedIp;
import static org.neutrino.server.api.contract.Api.ips;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.port;
import static org.neutrino.server.api.contract.Api.subnet;
import static org.neutrino.server.api.contract.Api.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** Ports: address allocation, MACs, bindings visibility, access to networks, Neutron's errors. */
@ExtendWith(SharedServer.class)
class PortsContractTest {
    static TestServer server;
    ApiClient member;
    String networkId;
    String subnetId;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    @BeforeEach
    void ownNetwork() {
        member = server.member(Api.project("ports"));
        networkId = network(member).get("id").asText();
        subnetId = subnet(member, networkId, "10.40.0.0/24").get("id").asText();
    }

    private ApiClient.Response create(Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.putIfAbsent("network_id", networkId);
        return member.post("/v2.0/ports", wrap("port", body));
    }

    private int portCount() {
        return member.get("/v2.0/ports?network_id=" + networkId).body().get("ports").size();
    }

    @Test
    void createFillsNeutronDefaults() {
        JsonNode p = port(member, networkId);
        assertThat(ips(p)).containsExactly("10.40.0.2");
        assertThat(p.get("fixed_ips").get(0).get("subnet_id").asText()).isEqualTo(subnetId);
        assertThat(p.get("mac_address").asText()).matches("fa:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}");
        assertThat(p.get("status").asText()).isEqualTo("DOWN");
        assertThat(p.get("admin_state_up").asBoolean()).isTrue();
        assertThat(p.get("device_id").asText()).isEmpty();
        assertThat(p.get("device_owner").asText()).isEmpty();
        assertThat(p.get("name").asText()).isEmpty();
        assertThat(p.get("description").asText()).isEmpty();
        assertThat(p.get("revision_number").asInt()).isZero();
        assertThat(p.get("created_at").asText()).matches(Api.TIMESTAMP);
        assertThat(p.get("tenant_id").asText()).isEqualTo(member.projectId());
        assertThat(p.get("project_id").asText()).isEqualTo(member.projectId());
        assertThat(p.get("tags")).isEmpty();
        assertThat(p.has("binding:host_id")).isFalse();
        assertThat(p.has("binding:vif_type")).isFalse();
        assertThat(ips(port(member, networkId))).containsExactly("10.40.0.3");
    }

    @Test
    void portOnANetworkWithoutSubnetsHasNoAddress() {
        String bare = network(member).get("id").asText();
        assertThat(port(member, bare).get("fixed_ips")).isEmpty();
    }

    @Test
    void fixedIpsBySubnetByAddressOrBoth() {
        String second = subnet(member, networkId, "10.41.0.0/24").get("id").asText();
        JsonNode bySubnet = port(member, networkId, "fixed_ips", List.of(fixedIp(second, null)));
        assertThat(ips(bySubnet)).containsExactly("10.41.0.2");
        JsonNode byAddress = port(member, networkId, "fixed_ips", List.of(fixedIp(null, "10.41.0.77")));
        assertThat(byAddress.get("fixed_ips").get(0).get("subnet_id").asText()).isEqualTo(second);
        assertThat(ips(byAddress)).containsExactly("10.41.0.77");
        JsonNode both = port(member, networkId, "fixed_ips", List.of(fixedIp(subnetId, "10.40.0.50"), fixedIp(second, "10.41.0.50")));
        assertThat(ips(both)).containsExactlyInAnyOrder("10.40.0.50", "10.41.0.50");
        JsonNode twoOnOne = port(member, networkId, "fixed_ips", List.of(fixedIp(subnetId, null), fixedIp(subnetId, null)));
        assertThat(ips(twoOnOne)).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void addressOutsideThePoolButInsideTheSubnetIsAllowed() {
        String narrow = network(member).get("id").asText();
        String s = subnet(member, narrow, "10.42.0.0/24", "allocation_pools", List.of(map("start", "10.42.0.10", "end", "10.42.0.20")))
                .get("id").asText();
        JsonNode p = port(member, narrow, "fixed_ips", List.of(fixedIp(s, "10.42.0.200")));
        assertThat(ips(p)).containsExactly("10.42.0.200");
        assertThat(member.delete("/v2.0/ports/" + p.get("id").asText()).status()).isEqualTo(204);
        assertThat(ips(port(member, narrow))).containsExactly("10.42.0.10");
    }

    @Test
    void allocationErrors() {
        port(member, networkId, "fixed_ips", List.of(fixedIp(subnetId, "10.40.0.9")));
        int before = portCount();
        var taken = create("fixed_ips", List.of(fixedIp(subnetId, "10.40.0.9")));
        assertError(taken, 409, "IpAddressAlreadyAllocated");
        assertThat(taken.body().get("NeutronError").get("message").asText()).contains("10.40.0.9").contains(subnetId);
        assertError(create("fixed_ips", List.of(fixedIp(subnetId, "10.99.0.9"))), 400, "InvalidIpForSubnet");
        assertError(create("fixed_ips", List.of(fixedIp(subnetId, "10.40.0.255"))), 400, "InvalidIpForSubnet");
        assertError(create("fixed_ips", List.of(fixedIp(subnetId, "10.40.0.0"))), 400, "InvalidIpForSubnet");
        assertError(create("fixed_ips", List.of(fixedIp(null, "10.99.0.9"))), 400, "InvalidIpForNetwork");
        String foreignSubnet = subnet(member, network(member).get("id").asText(), "10.43.0.0/24").get("id").asText();
        assertError(create("fixed_ips", List.of(fixedIp(foreignSubnet, null))), 400, "InvalidInput");
        assertError(create("fixed_ips", List.of(fixedIp("5f0c7d1e-0000-4000-8000-00000000abcd", null))), 404, "SubnetNotFound");
        assertError(create("fixed_ips", List.of(fixedIp(null, "not-an-ip"))), 400, "HTTPBadRequest");
        assertError(create("fixed_ips", List.of(fixedIp("not-a-uuid", null))), 400, "HTTPBadRequest");
        assertError(create("fixed_ips", List.of(map("subnet_id", subnetId, "colour", "red"))), 400, "HTTPBadRequest");
        assertError(create("fixed_ips", List.of(fixedIp(subnetId, "10.40.0.60"), fixedIp(subnetId, "10.40.0.60"))),
                400, "HTTPBadRequest");
        assertError(create("fixed_ips", "10.40.0.61"), 400, "HTTPBadRequest");
        assertThat(portCount()).isEqualTo(before);
    }

    @Test
    void atMostFiveFixedIpsPerPortOnCreateAndUpdate() {
        List<Map<String, Object>> six = java.util.Collections.nCopies(6, fixedIp(subnetId, null));
        var tooMany = create("fixed_ips", six);
        assertError(tooMany, 400, "InvalidInput");
        assertThat(tooMany.body().at("/NeutronError/message").asText())
                .isEqualTo("Invalid input for operation: Exceeded maximum amount of fixed ips per port.");
        assertThat(portCount()).isZero();
        JsonNode five = port(member, networkId, "fixed_ips", six.subList(0, 5));
        assertThat(ips(five)).hasSize(5).doesNotHaveDuplicates();
        String id = five.get("id").asText();
        List<Object> more = new java.util.ArrayList<>();
        five.get("fixed_ips").forEach(f -> more.add(fixedIp(subnetId, f.get("ip_address").asText())));
        more.add(fixedIp(subnetId, null));
        assertError(member.put("/v2.0/ports/" + id, wrap("port", map("fixed_ips", more))), 400, "InvalidInput");
        assertThat(ips(member.get("/v2.0/ports/" + id).body().get("port"))).containsExactlyElementsOf(ips(five));
        JsonNode dhcp = port(server.admin(), networkId, "tenant_id", member.projectId(), "device_owner", "network:dhcp",
                "fixed_ips", six);
        assertThat(ips(dhcp)).as("ports of network:* owners are trusted").hasSize(6);
    }

    @Test
    void aSlaacSubnetListedTwiceGivesOneEui64AddressAsInNeutron() {
        String slaac = subnet(member, networkId, "2001:db8:45::/64", "ipv6_ra_mode", "slaac", "ipv6_address_mode", "slaac")
                .get("id").asText();
        JsonNode p = port(member, networkId, "mac_address", "fa:16:3e:45:00:01",
                "fixed_ips", List.of(fixedIp(slaac, null), fixedIp(slaac, null), fixedIp(subnetId, null)));
        assertThat(ips(p)).containsExactlyInAnyOrder("2001:db8:45:0:f816:3eff:fe45:1", "10.40.0.2");
        String id = p.get("id").asText();
        var twice = member.put("/v2.0/ports/" + id, wrap("port", map("fixed_ips", List.of(fixedIp(slaac, null),
                fixedIp(slaac, null), fixedIp(subnetId, "10.40.0.2")))));
        assertThat(twice.status()).as("%s", twice.body()).isEqualTo(200);
        assertThat(ips(twice.body().get("port"))).containsExactlyInAnyOrder("2001:db8:45:0:f816:3eff:fe45:1", "10.40.0.2");
        var v4Only = member.put("/v2.0/ports/" + id, wrap("port", map("fixed_ips", List.of(fixedIp(subnetId, "10.40.0.3")))));
        assertThat(ips(v4Only.body().get("port"))).as("the automatic address stays, as in Neutron")
                .containsExactlyInAnyOrder("2001:db8:45:0:f816:3eff:fe45:1", "10.40.0.3");
    }

    @Test
    void twoRequestsForTheSameAddressAreRefusedAtOnce() {
        String slaac = subnet(member, networkId, "2001:db8:46::/64", "ipv6_ra_mode", "slaac", "ipv6_address_mode", "slaac")
                .get("id").asText();
        ApiClient admin = server.admin();
        long started = System.nanoTime();
        var router = admin.post("/v2.0/ports", wrap("port", map("network_id", networkId, "tenant_id", member.projectId(),
                "device_owner", "network:router_interface", "mac_address", "fa:16:3e:46:00:01",
                "fixed_ips", List.of(fixedIp(slaac, null), fixedIp(slaac, null)))));
        assertError(router, 400, "HTTPBadRequest");
        assertThat(router.body().at("/NeutronError/message").asText())
                .isEqualTo("Invalid input for fixed_ips. Reason: Duplicate IP address '2001:db8:46:0:f816:3eff:fe46:1'.");
        var eui64AndItself = admin.post("/v2.0/ports", wrap("port", map("network_id", networkId, "tenant_id", member.projectId(),
                "device_owner", "network:router_interface", "mac_address", "fa:16:3e:46:00:01",
                "fixed_ips", List.of(fixedIp(slaac, null), fixedIp(slaac, "2001:db8:46:0:f816:3eff:fe46:1")))));
        assertError(eui64AndItself, 400, "HTTPBadRequest");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("no retries").isLessThan(java.time.Duration.ofSeconds(2));
        assertThat(portCount()).isZero();
    }

    @Test
    void requestedAddressesAreTakenBeforeAnyAddress() {
        JsonNode p = port(member, networkId, "fixed_ips", List.of(fixedIp(subnetId, null), fixedIp(subnetId, "10.40.0.2")));
        assertThat(ips(p)).containsExactlyInAnyOrder("10.40.0.2", "10.40.0.3");
        String id = p.get("id").asText();
        var update = member.put("/v2.0/ports/" + id, wrap("port", map("fixed_ips",
                List.of(fixedIp(subnetId, null), fixedIp(subnetId, "10.40.0.3")))));
        assertThat(update.status()).as("%s", update.body()).isEqualTo(200);
        assertThat(ips(update.body().get("port"))).containsExactlyInAnyOrder("10.40.0.2", "10.40.0.3");
    }

    @Test
    void exhaustedPoolGivesIpAddressGenerationFailureAndFreedAddressesComeBack() {
        String small = network(member).get("id").asText();
        subnet(member, small, "10.44.0.0/29");
        List<String> ports = new java.util.ArrayList<>();
        List<String> addresses = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonNode p = port(member, small);
            ports.add(p.get("id").asText());
            addresses.addAll(ips(p));
        }
        assertThat(addresses).containsExactly("10.44.0.2", "10.44.0.3", "10.44.0.4", "10.44.0.5", "10.44.0.6");
        var exhausted = member.post("/v2.0/ports", wrap("port", map("network_id", small)));
        assertError(exhausted, 409, "IpAddressGenerationFailure");
        assertThat(member.get("/v2.0/ports?network_id=" + small).body().get("ports")).hasSize(5);
        assertThat(member.delete("/v2.0/ports/" + ports.get(2)).status()).isEqualTo(204);
        assertThat(ips(port(member, small))).containsExactly("10.44.0.4");
        assertError(member.post("/v2.0/ports", wrap("port", map("network_id", small))), 409, "IpAddressGenerationFailure");
    }

    @Test
    void bulkPortCreateIsAllOrNothing() {
        var conflict = member.post("/v2.0/ports", map("ports", List.of(
                map("network_id", networkId, "fixed_ips", List.of(fixedIp(subnetId, "10.40.0.70"))),
                map("network_id", networkId, "fixed_ips", List.of(fixedIp(subnetId, "10.40.0.70"))))));
        assertError(conflict, 409, "IpAddressAlreadyAllocated");
        assertThat(portCount()).isZero();
        JsonNode p = port(member, networkId, "fixed_ips", List.of(fixedIp(subnetId, "10.40.0.70")));
        assertThat(ips(p)).containsExactly("10.40.0.70");
    }

    @Test
    void fixedIpsUpdateKeepsAddsAndRemoves() {
        JsonNode p = port(member, networkId);
        String id = p.get("id").asText();
        String first = ips(p).get(0);
        var added = member.put("/v2.0/ports/" + id, wrap("port", map("fixed_ips", List.of(fixedIp(subnetId, first),
                fixedIp(subnetId, "10.40.0.80")))));
        assertThat(added.status()).as("%s", added.body()).isEqualTo(200);
        assertThat(ips(added.body().get("port"))).containsExactlyInAnyOrder(first, "10.40.0.80");
        assertThat(added.body().get("port").get("revision_number").asInt()).isEqualTo(1);
        var removed = member.put("/v2.0/ports/" + id, wrap("port", map("fixed_ips", List.of(fixedIp(subnetId, "10.40.0.80")))));
        assertThat(ips(removed.body().get("port"))).containsExactly("10.40.0.80");
        JsonNode other = port(member, networkId, "fixed_ips", List.of(fixedIp(subnetId, first)));
        assertThat(ips(other)).containsExactly(first);
        assertError(member.put("/v2.0/ports/" + id, wrap("port", map("fixed_ips", List.of(fixedIp(subnetId, first))))),
                409, "IpAddressAlreadyAllocated");
        assertThat(ips(member.get("/v2.0/ports/" + id).body().get("port"))).containsExactly("10.40.0.80");
        var cleared = member.put("/v2.0/ports/" + id, wrap("port", map("fixed_ips", List.of())));
        assertThat(cleared.body().get("port").get("fixed_ips")).isEmpty();
        assertThat(ips(port(member, networkId, "fixed_ips", List.of(fixedIp(subnetId, "10.40.0.80"))))).containsExactly("10.40.0.80");
    }

    @Test
    void macAddresses() {
        JsonNode chosen = port(member, networkId, "mac_address", "FA:16:3E:AA:BB:CC");
        assertThat(chosen.get("mac_address").asText()).isEqualTo("fa:16:3e:aa:bb:cc");
        int before = portCount();
        var inUse = create("mac_address", "fa:16:3e:aa:bb:cc");
        assertError(inUse, 409, "MacAddressInUse");
        assertError(create("mac_address", "fa:16:3e:aa:bb"), 400, "HTTPBadRequest");
        assertError(create("mac_address", "01:00:5e:00:00:01"), 400, "HTTPBadRequest");
        assertError(create("mac_address", "00:00:00:00:00:00"), 400, "HTTPBadRequest");
        assertError(create("mac_address", 42), 400, "HTTPBadRequest");
        assertError(create("binding:vnic_type", null), 400, "HTTPBadRequest");
        assertError(create("binding:vnic_type", "warp-drive"), 400, "HTTPBadRequest");
        assertThat(portCount()).isEqualTo(before);
        String otherNetwork = network(member).get("id").asText();
        assertThat(port(member, otherNetwork, "mac_address", "fa:16:3e:aa:bb:cc").get("mac_address").asText())
                .isEqualTo("fa:16:3e:aa:bb:cc");
        JsonNode p = port(server.admin(), networkId, "tenant_id", member.projectId());
        var changed = server.admin().put("/v2.0/ports/" + p.get("id").asText(), wrap("port", map("mac_address", "fa:16:3e:00:11:22")));
        assertThat(changed.body().get("port").get("mac_address").asText()).isEqualTo("fa:16:3e:00:11:22");
        assertError(server.admin().put("/v2.0/ports/" + p.get("id").asText(), wrap("port", map("mac_address", "fa:16:3e:aa:bb:cc"))),
                409, "MacAddressInUse");
        assertError(member.put("/v2.0/ports/" + p.get("id").asText(), wrap("port", map("mac_address", "fa:16:3e:00:11:33"))),
                403, "PolicyNotAuthorized");
    }

    @Test
    void bindingAttributesAreAdminOnly() {
        ApiClient admin = server.admin();
        JsonNode asAdmin = port(admin, networkId, "tenant_id", member.projectId(), "binding:host_id", "compute-1");
        assertThat(asAdmin.get("binding:host_id").asText()).isEqualTo("compute-1");
        assertThat(asAdmin.get("binding:vnic_type").asText()).isEqualTo("normal");
        assertThat(asAdmin.get("binding:vif_type").isTextual()).isTrue();
        assertThat(asAdmin.get("binding:profile").isObject()).isTrue();
        String id = asAdmin.get("id").asText();
        JsonNode asMember = member.get("/v2.0/ports/" + id).body().get("port");
        assertThat(asMember.has("binding:host_id")).isFalse();
        assertThat(asMember.has("binding:vif_type")).isFalse();
        assertThat(asMember.has("binding:vif_details")).isFalse();
        assertThat(asMember.has("binding:profile")).isFalse();
        assertThat(asMember.has("binding:vnic_type")).isTrue();
        assertThat(member.get("/v2.0/ports?fields=binding:host_id&id=" + id).body().get("ports").get(0).has("binding:host_id"))
                .isFalse();
        assertError(create("binding:host_id", "compute-2"), 403, "PolicyNotAuthorized");
        assertError(member.put("/v2.0/ports/" + id, wrap("port", map("binding:host_id", "compute-2"))), 403, "PolicyNotAuthorized");
        assertError(member.put("/v2.0/ports/" + id, wrap("port", map("binding:vif_type", "ovs"))), 400, "HTTPBadRequest");
        assertThat(admin.get("/v2.0/ports/" + id).body().get("port").get("binding:host_id").asText()).isEqualTo("compute-1");
    }

    @Test
    void accessToOtherProjectsNetworks() {
        ApiClient stranger = server.member(Api.project("ports-stranger"));
        assertError(stranger.post("/v2.0/ports", wrap("port", map("network_id", networkId))), 404, "NetworkNotFound");
        assertThat(portCount()).isZero();
        assertError(stranger.post("/v2.0/ports", wrap("port", map("network_id", "00000000-0000-4000-8000-000000000000"))),
                404, "NetworkNotFound");
        ApiClient admin = server.admin();
        String shared = network(admin, "shared", true).get("id").asText();
        subnet(admin, shared, "10.45.0.0/24");
        JsonNode p = port(stranger, shared);
        assertThat(p.get("tenant_id").asText()).isEqualTo(stranger.projectId());
        assertThat(ips(p)).containsExactly("10.45.0.2");
        assertError(stranger.post("/v2.0/ports", wrap("port", map("network_id", shared, "device_owner", "network:router_interface"))),
                403, "PolicyNotAuthorized");
        assertError(stranger.post("/v2.0/ports", wrap("port", map("network_id", shared, "fixed_ips",
                List.of(fixedIp(null, "10.45.0.99"))))), 403, "PolicyNotAuthorized");
        assertError(stranger.post("/v2.0/ports", wrap("port", map("network_id", shared, "fixed_ips",
                List.of(fixedIp(subnetOf(shared), "10.45.0.98"))))), 403, "PolicyNotAuthorized");
        assertThat(ips(port(stranger, shared, "fixed_ips", List.of(fixedIp(subnetOf(shared), null))))).containsExactly("10.45.0.3");
        assertThat(port(stranger, shared, "device_owner", "compute:nova").get("device_owner").asText()).isEqualTo("compute:nova");
        assertThat(port(member, networkId, "device_owner", "network:router_interface").get("device_owner").asText())
                .isEqualTo("network:router_interface");
    }

    private String subnetOf(String network) {
        return server.admin().get("/v2.0/subnets?network_id=" + network).body().get("subnets").get(0).get("id").asText();
    }

    @Test
    void bindingProfileIsBounded() {
        ApiClient admin = server.admin();
        JsonNode p = port(admin, networkId, "binding:profile", map("pci_slot", "0000:05:00.1"));
        assertThat(p.get("binding:profile").get("pci_slot").asText()).isEqualTo("0000:05:00.1");
        assertError(admin.post("/v2.0/ports", wrap("port", map("network_id", networkId, "binding:profile", map("a", "b".repeat(5000))))),
                400, "HTTPBadRequest");
        assertError(admin.put("/v2.0/ports/" + p.get("id").asText(), wrap("port", map("binding:profile", map("a", "b".repeat(5000))))),
                400, "HTTPBadRequest");
        assertError(admin.post("/v2.0/ports", wrap("port", map("network_id", networkId, "binding:profile", "x"))), 400, "HTTPBadRequest");
    }

    @Test
    void updateAndDelete() {
        JsonNode p = port(member, networkId);
        String id = p.get("id").asText();
        var updated = member.put("/v2.0/ports/" + id, wrap("port", map("name", "vm1-eth0", "admin_state_up", false,
                "device_id", "vm-1", "device_owner", "compute:nova")));
        assertThat(updated.status()).isEqualTo(200);
        JsonNode after = updated.body().get("port");
        assertThat(after.get("name").asText()).isEqualTo("vm1-eth0");
        assertThat(after.get("admin_state_up").asBoolean()).isFalse();
        assertThat(after.get("device_id").asText()).isEqualTo("vm-1");
        assertThat(after.get("revision_number").asInt()).isEqualTo(1);
        assertThat(after.get("mac_address")).isEqualTo(p.get("mac_address"));
        assertThat(after.get("fixed_ips")).isEqualTo(p.get("fixed_ips"));
        assertError(member.put("/v2.0/ports/" + id, wrap("port", map("network_id", networkId))), 400, "HTTPBadRequest");
        assertError(member.put("/v2.0/ports/" + id, wrap("port", map("status", "ACTIVE"))), 400, "HTTPBadRequest");
        assertThat(member.delete("/v2.0/ports/" + id).status()).isEqualTo(204);
        assertError(member.get("/v2.0/ports/" + id), 404, "PortNotFound");
        assertError(member.delete("/v2.0/ports/" + id), 404, "PortNotFound");
    }

    @Test
    void networkOwnerSeesPortsOfOthersOnItsNetwork() {
        ApiClient admin = server.admin();
        ApiClient owner = server.member(Api.project("ports-owner"));
        String net = network(admin, "tenant_id", owner.projectId(), "shared", true).get("id").asText();
        ApiClient tenant = server.member(Api.project("ports-tenant"));
        String portId = port(tenant, net).get("id").asText();
        assertThat(owner.get("/v2.0/ports/" + portId).status()).isEqualTo(200);
        assertThat(Api.ids(owner.get("/v2.0/ports?network_id=" + net).body().get("ports"))).containsExactly(portId);
        assertError(server.member(Api.project("ports-third")).get("/v2.0/ports/" + portId), 404, "PortNotFound");
    }
}
