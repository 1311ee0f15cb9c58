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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * Values that reach the kernel and dnsmasq as text (MACs, addresses, CIDRs, routes) are parsed
 * with ASCII digits only and stored in their canonical form.
 */
@ExtendWith(SharedServer.class)
class KernelValuesContractTest {
    /** ARABIC-INDIC DIGIT ONE: {@link Character#isDigit} and {@link Integer#parseInt} take it for 1. */
    private static final String ARABIC_ONE = "\u0661";
    /** FULLWIDTH DIGIT TWO and FOUR. */
    private static final String FULLWIDTH_24 = "\uff12\uff14";

    static TestServer server;
    ApiClient member;
    String networkId;

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    @BeforeEach
    void ownNetwork() {
        member = server.member(Api.project("kernel-values"));
        networkId = network(member).get("id").asText();
    }

    private ApiClient.Response createSubnet(Object... attributes) {
        Map<String, Object> body = map(attributes);
        body.putIfAbsent("network_id", networkId);
        body.putIfAbsent("ip_version", 4);
        return member.post("/v2.0/subnets", wrap("subnet", body));
    }

    private int portCount() {
        return member.get("/v2.0/ports?network_id=" + networkId).body().get("ports").size();
    }

    @Test
    void nonAsciiDigitsAreRefusedInMacAddressesAndIps() {
        String subnetId = subnet(member, networkId, "10.9.0.0/24").get("id").asText();
        assertError(member.post("/v2.0/ports", wrap("port", map("network_id", networkId,
                "mac_address", "fa:16:3e:" + ARABIC_ONE + ARABIC_ONE + ":22:33"))), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/ports", wrap("port", map("network_id", networkId,
                "mac_address", "fa163e" + ARABIC_ONE + ARABIC_ONE + "2233"))), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/ports", wrap("port", map("network_id", networkId,
                "fixed_ips", List.of(Api.fixedIp(subnetId, "10.9.0." + ARABIC_ONE + "0"))))), 400, "HTTPBadRequest");
        assertThat(portCount()).isZero();
        String portId = port(member, networkId).get("id").asText();
        assertError(member.put("/v2.0/ports/" + portId, wrap("port", map("fixed_ips",
                List.of(Api.fixedIp(subnetId, "10.9.0." + FULLWIDTH_24))))), 400, "HTTPBadRequest");
    }

    @Test
    void nonAsciiDigitsAreRefusedInSubnets() {
        assertError(createSubnet("cidr", "10.9.0.0/" + FULLWIDTH_24), 400, "HTTPBadRequest");
        assertError(createSubnet("cidr", "2001:db8:" + ARABIC_ONE + "::/64", "ip_version", 6), 400, "HTTPBadRequest");
        assertError(createSubnet("cidr", "10.9.1.0/24", "gateway_ip", "10.9.1." + ARABIC_ONE), 400, "HTTPBadRequest");
        assertError(createSubnet("cidr", "10.9.1.0/24", "allocation_pools",
                List.of(map("start", "10.9.1.10", "end", "10.9.1." + FULLWIDTH_24))), 400, "HTTPBadRequest");
        assertError(createSubnet("cidr", "10.9.1.0/24", "dns_nameservers", List.of("198.51.100." + ARABIC_ONE)),
                400, "HTTPBadRequest");
        assertError(createSubnet("cidr", "10.9.1.0/24", "host_routes",
                List.of(map("destination", "192.0.2.0/" + FULLWIDTH_24, "nexthop", "10.9.1.5"))), 400, "HTTPBadRequest");
        assertError(createSubnet("cidr", "10.9.1.0/24", "host_routes",
                List.of(map("destination", "192.0.2.0/24", "nexthop", "10.9.1." + ARABIC_ONE))), 400, "HTTPBadRequest");
        assertError(createSubnet("cidr", "10.9.1.0/24", "ip_version", FULLWIDTH_24.substring(1)), 400, "HTTPBadRequest");
        assertThat(member.get("/v2.0/subnets?network_id=" + networkId).body().get("subnets")).isEmpty();
    }

    @Test
    void leadingZerosAreRefusedWithNeutronsRecommendation() {
        ApiClient.Response refused = createSubnet("cidr", "10.9.2.0/24", "dns_nameservers", List.of("010.0.0.53"));
        assertError(refused, 400, "HTTPBadRequest");
        assertThat(refused.body().at("/NeutronError/message").asText())
                .isEqualTo("Invalid input for dns_nameservers. Reason: '010.0.0.53' is not a valid nameserver. "
                        + "'010.0.0.53' is not an accepted IP address, '10.0.0.53' is recommended.");
        assertError(createSubnet("cidr", "10.9.2.0/24", "gateway_ip", "10.9.2.01"), 400, "HTTPBadRequest");
        ApiClient.Response hostBits = createSubnet("cidr", "10.9.2.0/24", "host_routes",
                List.of(map("destination", "192.0.2.7/24", "nexthop", "10.9.2.5")));
        assertError(hostBits, 400, "HTTPBadRequest");
        assertThat(hostBits.body().at("/NeutronError/message").asText())
                .isEqualTo("Invalid input for host_routes. Reason: '192.0.2.7/24' is not a recognized CIDR, "
                        + "'192.0.2.0/24' is recommended.");
    }

    @Test
    void subnetValuesAreStoredCanonical() {
        JsonNode created = subnet(member, networkId, "2001:DB8:9:0::/64", "ip_version", 6,
                "gateway_ip", "2001:DB8:9:0:0:0:0:1",
                "allocation_pools", List.of(map("start", "2001:db8:9::0:10", "end", "2001:DB8:9::00ff")),
                "dns_nameservers", List.of("2001:DB8:0:0::53"),
                "host_routes", List.of(map("destination", "2001:DB8:AA:0::/64", "nexthop", "2001:db8:9:0::FE")));
        String id = created.get("id").asText();
        for (JsonNode s : List.of(created, member.get("/v2.0/subnets/" + id).body().get("subnet"))) {
            assertThat(s.get("cidr").asText()).isEqualTo("2001:db8:9::/64");
            assertThat(s.get("gateway_ip").asText()).isEqualTo("2001:db8:9::1");
            assertThat(s.at("/allocation_pools/0/start").asText()).isEqualTo("2001:db8:9::10");
            assertThat(s.at("/allocation_pools/0/end").asText()).isEqualTo("2001:db8:9::ff");
            assertThat(s.at("/dns_nameservers/0").asText()).isEqualTo("2001:db8::53");
            assertThat(s.at("/host_routes/0/destination").asText()).isEqualTo("2001:db8:aa::/64");
            assertThat(s.at("/host_routes/0/nexthop").asText()).isEqualTo("2001:db8:9::fe");
        }
        JsonNode updated = member.put("/v2.0/subnets/" + id, wrap("subnet", map(
                "dns_nameservers", List.of("2001:DB8::0:54"),
                "host_routes", List.of(map("destination", "2001:DB8:BB::/64", "nexthop", "2001:DB8:9::FD"))))).body().get("subnet");
        assertThat(updated.at("/dns_nameservers/0").asText()).isEqualTo("2001:db8::54");
        assertThat(updated.at("/host_routes/0/destination").asText()).isEqualTo("2001:db8:bb::/64");
        assertThat(updated.at("/host_routes/0/nexthop").asText()).isEqualTo("2001:db8:9::fd");
        assertError(member.put("/v2.0/subnets/" + id, wrap("subnet", map("host_routes", List.of(
                map("destination", "2001:db8:bb::/64", "nexthop", "2001:db8:9::fd"),
                map("destination", "2001:DB8:BB::/64", "nexthop", "2001:DB8:9::FD"))))), 400, "HTTPBadRequest");
    }

    @Test
    void portValuesAreStoredCanonical() {
        String subnetId = subnet(member, networkId, "2001:db8:19::/64", "ip_version", 6,
                "ipv6_address_mode", "dhcpv6-stateful", "ipv6_ra_mode", "dhcpv6-stateful").get("id").asText();
        JsonNode p = port(member, networkId, "mac_address", "FA-16-3E-0A-0B-0C",
                "fixed_ips", List.of(Api.fixedIp(subnetId, "2001:DB8:19:0:0::A")));
        assertThat(p.get("mac_address").asText()).isEqualTo("fa:16:3e:0a:0b:0c");
        assertThat(Api.ips(p)).containsExactly("2001:db8:19::a");
        assertThat(Api.ips(member.get("/v2.0/ports/" + p.get("id").asText()).body().get("port")))
                .containsExactly("2001:db8:19::a");
    }
}
