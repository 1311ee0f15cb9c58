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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** Subnets: gateway and pools, validation against Neutron's errors, IPv6 modes, in-use checks. */
@ExtendWith(SharedServer.class)
class SubnetsContractTest {
    static TestServer server;
    ApiClient member;
    String networkId;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    @org.junit.jupiter.api.BeforeEach
    void ownNetwork() {
        member = server.member(Api.project("subnets"));
        networkId = network(member).get("id").asText();
    }

    private ApiClient.Response create(Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.putIfAbsent("network_id", networkId);
        body.putIfAbsent("ip_version", 4);
        return member.post("/v2.0/subnets", wrap("subnet", body));
    }

    private static JsonNode pool(String start, String end) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(map("start", start, "end", end));
    }

    private List<JsonNode> subnetsOfNetwork() {
        List<JsonNode> out = new java.util.ArrayList<>();
        member.get("/v2.0/subnets?network_id=" + networkId).body().get("subnets").forEach(out::add);
        return out;
    }

    @Test
    void defaultGatewayAndPool() {
        JsonNode s = subnet(member, networkId, "10.20.0.0/24");
        assertThat(s.get("gateway_ip").asText()).isEqualTo("10.20.0.1");
        assertThat(s.get("allocation_pools")).containsExactly(pool("10.20.0.2", "10.20.0.254"));
        assertThat(s.get("ip_version").asInt()).isEqualTo(4);
        assertThat(s.get("enable_dhcp").asBoolean()).isTrue();
        assertThat(s.get("dns_nameservers")).isEmpty();
        assertThat(s.get("host_routes")).isEmpty();
        assertThat(s.get("ipv6_ra_mode").isNull()).isTrue();
        assertThat(s.get("ipv6_address_mode").isNull()).isTrue();
        assertThat(s.get("subnetpool_id").isNull()).isTrue();
        assertThat(s.get("name").asText()).isEmpty();
        assertThat(s.get("description").asText()).isEmpty();
        assertThat(s.get("revision_number").asInt()).isZero();
        assertThat(s.get("created_at").asText()).matches(Api.TIMESTAMP);
        assertThat(s.get("tenant_id").asText()).isEqualTo(member.projectId());
        assertThat(s.get("network_id").asText()).isEqualTo(networkId);
        JsonNode net = member.get("/v2.0/networks/" + networkId).body().get("network");
        assertThat(net.get("subnets")).extracting(JsonNode::asText).containsExactly(s.get("id").asText());
    }

    @Test
    void explicitPoolsAndGateway() {
        JsonNode s = subnet(member, networkId, "10.21.0.0/24", "gateway_ip", "10.21.0.254",
                "allocation_pools", List.of(map("start", "10.21.0.10", "end", "10.21.0.20"), map("start", "10.21.0.100", "end", "10.21.0.100")));
        assertThat(s.get("gateway_ip").asText()).isEqualTo("10.21.0.254");
        assertThat(s.get("allocation_pools")).containsExactly(pool("10.21.0.10", "10.21.0.20"), pool("10.21.0.100", "10.21.0.100"));
        assertThat(Api.ips(port(member, networkId))).containsExactly("10.21.0.10");
    }

    @Test
    void explicitGatewayLeavesItOutOfTheDefaultPool() {
        JsonNode s = subnet(member, networkId, "10.22.0.0/24", "gateway_ip", "10.22.0.100");
        assertThat(s.get("allocation_pools")).containsExactly(pool("10.22.0.1", "10.22.0.99"), pool("10.22.0.101", "10.22.0.254"));
    }

    @Test
    void nullGatewayGivesTheWholeRangeToThePool() {
        JsonNode s = subnet(member, networkId, "10.23.0.0/24", "gateway_ip", null);
        assertThat(s.get("gateway_ip").isNull()).isTrue();
        assertThat(s.get("allocation_pools")).containsExactly(pool("10.23.0.1", "10.23.0.254"));
        assertThat(Api.ips(port(member, networkId))).containsExactly("10.23.0.1");
    }

    @Test
    void gatewayInsideAPoolConflicts() {
        assertError(create("cidr", "10.24.0.0/24", "gateway_ip", "10.24.0.5",
                "allocation_pools", List.of(map("start", "10.24.0.2", "end", "10.24.0.50"))), 409, "GatewayConflictWithAllocationPools");
        assertThat(subnetsOfNetwork()).isEmpty();
    }

    @Test
    void gatewayMustBeUsable() {
        assertError(create("cidr", "10.25.0.0/24", "gateway_ip", "10.25.0.0"), 400, "InvalidInput");
        assertError(create("cidr", "10.25.0.0/24", "gateway_ip", "10.25.0.255"), 400, "InvalidInput");
        assertError(create("cidr", "10.25.0.0/24", "gateway_ip", "2001:db8::1"), 400, "InvalidInput");
        assertError(create("cidr", "10.25.0.0/24", "gateway_ip", "not-an-ip"), 400, "HTTPBadRequest");
        assertThat(subnetsOfNetwork()).isEmpty();
    }

    @Test
    void badPoolsAreRefused() {
        assertError(create("cidr", "10.26.0.0/24", "allocation_pools", List.of(map("start", "10.26.0.10", "end", "10.26.1.10"))),
                400, "OutOfBoundsAllocationPool");
        assertError(create("cidr", "10.26.0.0/24", "allocation_pools", List.of(map("start", "10.26.0.0", "end", "10.26.0.10"))),
                400, "OutOfBoundsAllocationPool");
        assertError(create("cidr", "10.26.0.0/24", "allocation_pools", List.of(map("start", "10.26.0.20", "end", "10.26.0.10"))),
                400, "InvalidAllocationPool");
        assertError(create("cidr", "10.26.0.0/24", "allocation_pools", List.of(map("start", "10.26.0.10", "end", "10.26.0.30"),
                map("start", "10.26.0.20", "end", "10.26.0.40"))), 400, "OverlappingAllocationPools");
        assertError(create("cidr", "10.26.0.0/24", "allocation_pools", List.of(map("start", "10.26.0.10"))), 400, "HTTPBadRequest");
        assertError(create("cidr", "10.26.0.0/24", "allocation_pools", List.of(map("start", "10.26.0.10", "end", "x"))),
                400, "HTTPBadRequest");
        assertError(create("cidr", "10.26.0.0/24", "allocation_pools", "10.26.0.10-10.26.0.20"), 400, "HTTPBadRequest");
        List<Map<String, Object>> singles = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            singles.add(map("start", "10.26." + (1 + i / 200) + "." + (1 + i % 200), "end", "10.26." + (1 + i / 200) + "." + (1 + i % 200)));
        }
        assertError(create("cidr", "10.26.0.0/16", "allocation_pools", singles), 400, "InvalidInput");
        assertThat(subnetsOfNetwork()).isEmpty();
    }

    @Test
    void overlappingSubnetsOnOneNetworkAreRefused() {
        subnet(member, networkId, "10.27.0.0/16");
        var overlap = create("cidr", "10.27.5.0/24");
        assertError(overlap, 400, "InvalidInput");
        assertThat(overlap.body().get("NeutronError").get("message").asText()).contains("overlaps with another subnet");
        String otherNetwork = network(member).get("id").asText();
        subnet(member, otherNetwork, "10.27.5.0/24");
        assertThat(subnetsOfNetwork()).hasSize(1);
    }

    @Test
    void cidrMustBeCanonicalAndMatchTheVersion() {
        var nonCanonical = create("cidr", "10.28.0.5/24");
        assertError(nonCanonical, 400, "InvalidInput");
        assertThat(nonCanonical.body().get("NeutronError").get("message").asText()).contains("10.28.0.0/24");
        assertError(create("cidr", "10.28.0.0/24", "ip_version", 6), 400, "InvalidInput");
        assertError(create("cidr", "2001:db8:28::/64", "ip_version", 4), 400, "InvalidInput");
        assertError(create("cidr", "10.28.0.0/24", "ip_version", 5), 400, "HTTPBadRequest");
        assertError(create("cidr", "10.28.0.0/33"), 400, "HTTPBadRequest");
        assertError(create("cidr", "0.0.0.0/0"), 400, "InvalidInput");
        assertError(create("cidr", "::/0", "ip_version", 6), 400, "InvalidInput");
        assertError(create("cidr", "banana"), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/subnets", wrap("subnet", map("network_id", networkId, "cidr", "10.28.0.0/24"))),
                400, "HTTPBadRequest");
        assertError(member.post("/v2.0/subnets", wrap("subnet", map("ip_version", 4, "cidr", "10.28.0.0/24"))),
                400, "HTTPBadRequest");
        assertError(create("cidr", "10.28.0.0/24", "network_id", "1b1b1b1b-0000-4000-8000-000000000000"), 404, "NetworkNotFound");
        assertThat(subnetsOfNetwork()).isEmpty();
    }

    @Test
    void dhcpNeedsAUsableBlock() {
        assertError(create("cidr", "10.39.0.0/31"), 400, "InvalidInput");
        assertError(create("cidr", "10.39.0.1/32"), 400, "InvalidInput");
        assertError(create("cidr", "224.0.0.0/24"), 400, "InvalidInput");
        assertError(create("cidr", "127.0.0.0/8"), 400, "InvalidInput");
        assertError(create("cidr", "0.0.0.0/24"), 400, "InvalidInput");
        assertError(create("cidr", "ff05::/64", "ip_version", 6), 400, "InvalidInput");
        assertThat(subnetsOfNetwork()).isEmpty();
        JsonNode p2p = subnet(member, networkId, "10.39.0.0/31", "enable_dhcp", false);
        assertThat(p2p.get("cidr").asText()).isEqualTo("10.39.0.0/31");
        assertError(member.put("/v2.0/subnets/" + p2p.get("id").asText(), wrap("subnet", map("enable_dhcp", true))), 400, "InvalidInput");
        assertThat(subnet(member, networkId, "10.39.1.7/32", "enable_dhcp", false).get("cidr").asText()).isEqualTo("10.39.1.7/32");
    }

    @Test
    void autoAddressModesNeedA64() {
        assertError(create("cidr", "2001:db8:3a::/80", "ip_version", 6, "ipv6_address_mode", "slaac"), 400, "InvalidInput");
        assertError(create("cidr", "2001:db8:3a::/56", "ip_version", 6, "ipv6_address_mode", "dhcpv6-stateless",
                "ipv6_ra_mode", "dhcpv6-stateless"), 400, "InvalidInput");
        assertThat(subnet(member, networkId, "2001:db8:3a::/80", "ipv6_address_mode", "dhcpv6-stateful").get("cidr").asText())
                .isEqualTo("2001:db8:3a::/80");
    }

    @Test
    void ipv6ModesAreNeutronsWithDhcpEnabledOnIpv6Only() {
        assertError(create("cidr", "2001:db8:3b::/64", "ip_version", 6, "ipv6_address_mode", "dhcpv6-stateful",
                "enable_dhcp", false), 400, "InvalidInput");
        assertError(create("cidr", "10.38.0.0/24", "ipv6_ra_mode", "slaac"), 400, "InvalidInput");
        assertError(create("cidr", "2001:db8:3b::/64", "ip_version", 6, "ipv6_address_mode", "dhcpv6-stateful",
                "ipv6_ra_mode", "slaac"), 400, "InvalidInput");
        assertError(create("cidr", "2001:db8:3b::/64", "ip_version", 6, "ipv6_address_mode", "dhcpv7"), 400, "HTTPBadRequest");
        assertThat(subnetsOfNetwork()).isEmpty();
        JsonNode stateful = subnet(member, networkId, "2001:db8:3b::/64", "ipv6_address_mode", "dhcpv6-stateful",
                "ipv6_ra_mode", "dhcpv6-stateful");
        String id = stateful.get("id").asText();
        assertError(member.put("/v2.0/subnets/" + id, wrap("subnet", map("enable_dhcp", false))), 400, "InvalidInput");
        assertError(member.put("/v2.0/subnets/" + id, wrap("subnet", map("ipv6_address_mode", "slaac"))), 400, "HTTPBadRequest");
        JsonNode plain = subnet(member, networkId, "2001:db8:3c::/64");
        assertThat(member.put("/v2.0/subnets/" + plain.get("id").asText(), wrap("subnet", map("enable_dhcp", false))).status())
                .isEqualTo(200);
    }

    @Test
    void dnsNameserversAndHostRoutesAreValidated() {
        JsonNode s = subnet(member, networkId, "10.29.0.0/24", "dns_nameservers", List.of("8.8.8.8", "1.1.1.1"),
                "host_routes", List.of(map("destination", "192.0.2.0/24", "nexthop", "10.29.0.5")));
        assertThat(s.get("dns_nameservers")).extracting(JsonNode::asText).containsExactly("8.8.8.8", "1.1.1.1");
        assertThat(s.get("host_routes").get(0).get("destination").asText()).isEqualTo("192.0.2.0/24");
        assertThat(s.get("host_routes").get(0).get("nexthop").asText()).isEqualTo("10.29.0.5");
        String other = network(member).get("id").asText();
        java.util.function.Function<Map<String, Object>, ApiClient.Response> on = extra -> {
            Map<String, Object> body = map("network_id", other, "ip_version", 4, "cidr", "10.30.0.0/24");
            body.putAll(extra);
            return member.post("/v2.0/subnets", wrap("subnet", body));
        };
        assertError(on.apply(map("dns_nameservers", List.of("8.8.8.300"))), 400, "HTTPBadRequest");
        assertError(on.apply(map("dns_nameservers", List.of("8.8.8.8", "8.8.8.8"))), 400, "HTTPBadRequest");
        assertError(on.apply(map("dns_nameservers", "8.8.8.8")), 400, "HTTPBadRequest");
        assertError(on.apply(map("dns_nameservers", List.of("2001:db8::53"))), 400, "InvalidInput");
        assertError(on.apply(map("host_routes", List.of(map("destination", "192.0.2.0/24")))), 400, "HTTPBadRequest");
        assertError(on.apply(map("host_routes", List.of(map("destination", "192.0.2.0/24", "nexthop", "x")))), 400, "HTTPBadRequest");
        assertError(on.apply(map("host_routes", List.of(map("destination", "2001:db8::/64", "nexthop", "10.30.0.1")))),
                400, "InvalidInput");
        assertError(on.apply(map("host_routes", List.of(map("destination", "192.0.2.0/24", "nexthop", "10.30.0.1", "x", 1)))),
                400, "HTTPBadRequest");
        assertThat(member.get("/v2.0/subnets?network_id=" + other).body().get("subnets")).isEmpty();
    }

    @Test
    void slaacSubnetGivesPortsEui64Addresses() {
        JsonNode s = subnet(member, networkId, "2001:db8:31::/64", "ipv6_ra_mode", "slaac", "ipv6_address_mode", "slaac");
        assertThat(s.get("gateway_ip").asText()).isEqualTo("2001:db8:31::1");
        assertThat(s.get("allocation_pools")).containsExactly(pool("2001:db8:31::2", "2001:db8:31:0:ffff:ffff:ffff:ffff"));
        JsonNode p = port(member, networkId, "mac_address", "fa:16:3e:12:34:56");
        assertThat(Api.ips(p)).containsExactly("2001:db8:31:0:f816:3eff:fe12:3456");
        JsonNode q = port(member, networkId, "mac_address", "fa:16:3e:00:00:01");
        assertThat(Api.ips(q)).containsExactly("2001:db8:31:0:f816:3eff:fe00:1");
        assertError(member.post("/v2.0/ports", wrap("port", map("network_id", networkId, "fixed_ips",
                List.of(Api.fixedIp(s.get("id").asText(), "2001:db8:31::55"))))), 400, "AllocationOnAutoAddressSubnet");
        JsonNode router = port(member, networkId, "device_owner", "network:router_interface",
                "fixed_ips", List.of(Api.fixedIp(s.get("id").asText(), "2001:db8:31::1")));
        assertThat(Api.ips(router)).containsExactly("2001:db8:31::1");
    }

    @Test
    void dhcpv6StatefulSubnetAllocatesFromThePool() {
        subnet(member, networkId, "2001:db8:32::/64", "ipv6_ra_mode", "dhcpv6-stateful", "ipv6_address_mode", "dhcpv6-stateful");
        assertThat(Api.ips(port(member, networkId))).containsExactly("2001:db8:32::2");
        assertThat(Api.ips(port(member, networkId))).containsExactly("2001:db8:32::3");
    }

    @Test
    void ipv6ModesAreValidated() {
        assertError(create("cidr", "10.33.0.0/24", "ipv6_address_mode", "slaac"), 400, "InvalidInput");
        assertError(create("cidr", "2001:db8:33::/64", "ip_version", 6, "ipv6_ra_mode", "slaac",
                "ipv6_address_mode", "dhcpv6-stateful"), 400, "InvalidInput");
        assertError(create("cidr", "2001:db8:33::/64", "ip_version", 6, "ipv6_address_mode", "magic"), 400, "HTTPBadRequest");
        assertThat(subnetsOfNetwork()).isEmpty();
    }

    @Test
    void dualStackPortGetsOneAddressOfEachVersion() {
        String v4 = subnet(member, networkId, "10.34.0.0/24").get("id").asText();
        String v6 = subnet(member, networkId, "2001:db8:34::/64", "ipv6_ra_mode", "slaac", "ipv6_address_mode", "slaac")
                .get("id").asText();
        JsonNode p = port(member, networkId);
        assertThat(p.get("fixed_ips")).extracting(f -> f.get("subnet_id").asText()).containsExactlyInAnyOrder(v4, v6);
    }

    @Test
    void subnetInUseCannotBeDeleted() {
        String id = subnet(member, networkId, "10.35.0.0/24").get("id").asText();
        String portId = port(member, networkId).get("id").asText();
        var refused = member.delete("/v2.0/subnets/" + id);
        assertError(refused, 409, "SubnetInUse");
        assertThat(member.get("/v2.0/subnets/" + id).status()).isEqualTo(200);
        assertThat(member.delete("/v2.0/ports/" + portId).status()).isEqualTo(204);
        assertThat(member.delete("/v2.0/subnets/" + id).status()).isEqualTo(204);
        assertError(member.get("/v2.0/subnets/" + id), 404, "SubnetNotFound");
        assertThat(member.get("/v2.0/networks/" + networkId).body().get("network").get("subnets")).isEmpty();
    }

    @Test
    void deletingAnAutoAddressSubnetRemovesItsAddressesFromThePorts() throws Exception {
        String v4 = subnet(member, networkId, "10.39.0.0/24").get("id").asText();
        String slaac = subnet(member, networkId, "2001:db8:39::/64", "ipv6_ra_mode", "slaac", "ipv6_address_mode", "slaac")
                .get("id").asText();
        String stateless = subnet(member, networkId, "2001:db8:3a::/64", "ipv6_ra_mode", "dhcpv6-stateless",
                "ipv6_address_mode", "dhcpv6-stateless").get("id").asText();
        JsonNode p = port(member, networkId, "mac_address", "fa:16:3e:39:00:01");
        String portId = p.get("id").asText();
        assertThat(Api.ips(p)).containsExactlyInAnyOrder("10.39.0.2", "2001:db8:39:0:f816:3eff:fe39:1",
                "2001:db8:3a:0:f816:3eff:fe39:1");
        int revision = p.get("revision_number").asInt();
        java.util.concurrent.BlockingQueue<String> updates = new java.util.concurrent.LinkedBlockingQueue<>();
        try (var listener = server.server().bus().subscribe(org.neutrino.rpc.Target.server(
                org.neutrino.rpc.agent.AgentTopics.PORT_UPDATE, "contract-test-" + portId), message -> {
                    updates.add(message.args().path("port_id").asText());
                    return null;
                })) {
            assertThat(member.delete("/v2.0/subnets/" + slaac).status()).isEqualTo(204);
            assertThat(updates.poll(5, java.util.concurrent.TimeUnit.SECONDS)).as("port_update cast").isEqualTo(portId);
        }
        JsonNode after = member.get("/v2.0/ports/" + portId).body().get("port");
        assertThat(Api.ips(after)).containsExactlyInAnyOrder("10.39.0.2", "2001:db8:3a:0:f816:3eff:fe39:1");
        assertThat(after.get("revision_number").asInt()).isGreaterThan(revision);
        assertThat(member.delete("/v2.0/subnets/" + stateless).status()).isEqualTo(204);
        assertThat(Api.ips(member.get("/v2.0/ports/" + portId).body().get("port"))).containsExactly("10.39.0.2");
        assertError(member.delete("/v2.0/subnets/" + v4), 409, "SubnetInUse");
        assertThat(subnetsOfNetwork()).extracting(s -> s.get("id").asText()).containsExactly(v4);
    }

    @Test
    void routerInterfacesAndStatefulAddressesKeepTheirSubnet() {
        String slaac = subnet(member, networkId, "2001:db8:3b::/64", "ipv6_ra_mode", "slaac", "ipv6_address_mode", "slaac")
                .get("id").asText();
        String stateful = subnet(member, networkId, "2001:db8:3c::/64", "ipv6_ra_mode", "dhcpv6-stateful",
                "ipv6_address_mode", "dhcpv6-stateful").get("id").asText();
        JsonNode router = port(server.admin(), networkId, "tenant_id", member.projectId(), "device_owner", "network:router_interface",
                "fixed_ips", List.of(Api.fixedIp(slaac, "2001:db8:3b::1")));
        JsonNode vm = port(member, networkId, "fixed_ips", List.of(Api.fixedIp(stateful, null)));
        assertError(member.delete("/v2.0/subnets/" + slaac), 409, "SubnetInUse");
        assertError(member.delete("/v2.0/subnets/" + stateful), 409, "SubnetInUse");
        assertThat(Api.ips(member.get("/v2.0/ports/" + router.get("id").asText()).body().get("port")))
                .containsExactly("2001:db8:3b::1");
        assertThat(Api.ips(member.get("/v2.0/ports/" + vm.get("id").asText()).body().get("port"))).hasSize(2);
        assertThat(subnetsOfNetwork()).hasSize(2);
    }

    @Test
    void updateOfPoolsAndGateway() {
        JsonNode s = subnet(member, networkId, "10.36.0.0/24");
        String id = s.get("id").asText();
        port(member, networkId);
        var pools = member.put("/v2.0/subnets/" + id, wrap("subnet", map("allocation_pools",
                List.of(map("start", "10.36.0.100", "end", "10.36.0.101")))));
        assertThat(pools.status()).as("%s", pools.body()).isEqualTo(200);
        assertThat(pools.body().get("subnet").get("allocation_pools")).containsExactly(pool("10.36.0.100", "10.36.0.101"));
        assertThat(pools.body().get("subnet").get("revision_number").asInt()).isEqualTo(1);
        assertThat(Api.ips(port(member, networkId))).containsExactly("10.36.0.100");
        assertThat(Api.ips(port(member, networkId))).containsExactly("10.36.0.101");
        assertError(member.post("/v2.0/ports", wrap("port", map("network_id", networkId))), 409, "IpAddressGenerationFailure");

        assertError(member.put("/v2.0/subnets/" + id, wrap("subnet", map("gateway_ip", "10.36.0.100"))),
                409, "GatewayConflictWithAllocationPools");
        var gateway = member.put("/v2.0/subnets/" + id, wrap("subnet", map("gateway_ip", "10.36.0.254")));
        assertThat(gateway.status()).isEqualTo(200);
        assertThat(gateway.body().get("subnet").get("gateway_ip").asText()).isEqualTo("10.36.0.254");
        var noGateway = member.put("/v2.0/subnets/" + id, wrap("subnet", map("gateway_ip", null)));
        assertThat(noGateway.body().get("subnet").get("gateway_ip").isNull()).isTrue();
        assertError(member.put("/v2.0/subnets/" + id, wrap("subnet", map("cidr", "10.37.0.0/24"))), 400, "HTTPBadRequest");
        assertError(member.put("/v2.0/subnets/" + id, wrap("subnet", map("ip_version", 6))), 400, "HTTPBadRequest");
        assertError(member.put("/v2.0/subnets/" + id, wrap("subnet", map("allocation_pools",
                List.of(map("start", "10.36.1.1", "end", "10.36.1.2"))))), 400, "OutOfBoundsAllocationPool");
        var names = member.put("/v2.0/subnets/" + id, wrap("subnet", map("name", "renamed", "dns_nameservers", List.of("10.36.0.53"))));
        assertThat(names.body().get("subnet").get("name").asText()).isEqualTo("renamed");
        assertThat(names.body().get("subnet").get("dns_nameservers")).extracting(JsonNode::asText).containsExactly("10.36.0.53");
    }

    @Test
    void memberCannotCreateASubnetOnAnotherProjectsNetwork() {
        ApiClient stranger = server.member(Api.project("subnets-stranger"));
        assertError(stranger.post("/v2.0/subnets", wrap("subnet", map("network_id", networkId, "ip_version", 4,
                "cidr", "10.38.0.0/24"))), 404, "NetworkNotFound");
        String shared = network(server.admin(), "shared", true).get("id").asText();
        assertError(stranger.post("/v2.0/subnets", wrap("subnet", map("network_id", shared, "ip_version", 4,
                "cidr", "10.38.0.0/24"))), 403, "PolicyNotAuthorized");
    }

    /**
     * As Neutron: a subnet's {@code shared} is its network's; subnets can be filtered by it, and
     * it is not shown in their bodies (neutron-lib defines it with {@code is_visible: False}).
     */
    @Test
    void subnetsFilterByTheSharingOfTheirNetwork() {
        String sharedNet = network(server.admin(), "shared", true).get("id").asText();
        String onShared = subnet(server.admin(), sharedNet, "10.39.0.0/24").get("id").asText();
        String own = subnet(member, networkId, "10.39.1.0/24").get("id").asText();
        List<String> shared = Api.ids(member.get("/v2.0/subnets?shared=true").body().get("subnets"));
        assertThat(shared).contains(onShared).doesNotContain(own);
        assertThat(Api.ids(member.get("/v2.0/subnets?shared=True&id=" + onShared + "&id=" + own).body().get("subnets")))
                .containsExactly(onShared);
        assertThat(Api.ids(member.get("/v2.0/subnets?shared=false").body().get("subnets"))).containsExactly(own);
        assertThat(Api.ids(member.get("/v2.0/subnets?shared=0&shared=1&id=" + onShared + "&id=" + own).body().get("subnets")))
                .containsExactlyInAnyOrder(onShared, own);
        assertThat(Api.ids(server.admin().get("/v2.0/subnets?shared=true&network_id=" + networkId).body().get("subnets"))).isEmpty();
        assertError(member.get("/v2.0/subnets?shared=perhaps"), 400, "HTTPBadRequest");
        JsonNode body = member.get("/v2.0/subnets/" + onShared).body().get("subnet");
        assertThat(body.has("shared")).isFalse();
        assertThat(member.get("/v2.0/subnets?id=" + own + "&fields=shared&fields=id").body().at("/subnets/0").has("shared")).isFalse();
        assertError(create("cidr", "10.39.2.0/24", "shared", true), 400, "HTTPBadRequest");
    }
}
