package org.neutrino.server.services.subnetpools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.services.subnetpools.PoolApi.assertError;
import static org.neutrino.server.services.subnetpools.PoolApi.pool;
import static org.neutrino.server.services.subnetpools.PoolApi.postSubnet;
import static org.neutrino.server.services.subnetpools.PoolApi.subnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neutrino.server.api.contract.Api;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.OwnServerTest;

/** Subnets allocated from pools: prefix choice, requested cidrs, defaults, quotas and Neutron's errors. */
class SubnetsFromPoolsContractTest extends OwnServerTest {
    ApiClient member;
    String networkId;

    @BeforeEach
    void ownNetwork() {
        member = server.member(Api.project("alloc"));
        networkId = PoolApi.network(member);
    }

    private String cidr(Object... attributes) {
        return subnet(member, PoolApi.network(member), attributes).get("cidr").asText();
    }

    @Test
    void prefixesAreTakenInOrderWithTheDefaultOrRequestedLength() {
        String poolId = pool(member, "prefixes", List.of("10.1.0.0/22"), "default_prefixlen", 24).get("id").asText();
        JsonNode first = subnet(member, networkId, "subnetpool_id", poolId);
        assertThat(first.get("cidr").asText()).isEqualTo("10.1.0.0/24");
        assertThat(first.get("subnetpool_id").asText()).isEqualTo(poolId);
        assertThat(first.get("gateway_ip").asText()).isEqualTo("10.1.0.1");
        assertThat(first.get("allocation_pools").get(0).get("start").asText()).isEqualTo("10.1.0.2");
        assertThat(first.get("allocation_pools").get(0).get("end").asText()).isEqualTo("10.1.0.254");
        assertThat(first.has("prefixlen")).isFalse();
        assertThat(cidr("subnetpool_id", poolId, "prefixlen", 26)).isEqualTo("10.1.1.0/26");
        assertThat(cidr("subnetpool_id", poolId, "prefixlen", 26)).isEqualTo("10.1.1.64/26");
        assertThat(cidr("subnetpool_id", poolId, "prefixlen", 23)).isEqualTo("10.1.2.0/23");
        assertThat(cidr("subnetpool_id", poolId, "prefixlen", 25)).isEqualTo("10.1.1.128/25");
        assertError(postSubnet(member, PoolApi.network(member), "subnetpool_id", poolId, "prefixlen", 24), 409, "SubnetAllocationError");
    }

    @Test
    void aRequestedCidrMustLieInTheFreeSpaceOfThePool() {
        String poolId = pool(member, "prefixes", List.of("10.2.0.0/16")).get("id").asText();
        JsonNode chosen = subnet(member, networkId, "subnetpool_id", poolId, "cidr", "10.2.5.0/24", "gateway_ip", "10.2.5.254",
                "allocation_pools", List.of(map("start", "10.2.5.10", "end", "10.2.5.20")));
        assertThat(chosen.get("cidr").asText()).isEqualTo("10.2.5.0/24");
        assertThat(chosen.get("gateway_ip").asText()).isEqualTo("10.2.5.254");
        assertThat(chosen.get("allocation_pools").get(0).get("start").asText()).isEqualTo("10.2.5.10");
        assertError(postSubnet(member, PoolApi.network(member), "subnetpool_id", poolId, "cidr", "10.2.5.128/25"), 409,
                "SubnetAllocationError");
        assertError(postSubnet(member, PoolApi.network(member), "subnetpool_id", poolId, "cidr", "10.3.0.0/24"), 409,
                "SubnetAllocationError");
        assertError(postSubnet(member, PoolApi.network(member), "subnetpool_id", poolId, "cidr", "10.2.0.0/15"), 409,
                "SubnetAllocationError");
        assertThat(cidr("subnetpool_id", poolId, "gateway_ip", "10.2.9.1", "prefixlen", 24)).isEqualTo("10.2.9.0/24");
    }

    @Test
    void neutronsErrorsForBadPoolRequests() {
        String poolId = pool(member, "prefixes", List.of("10.4.0.0/16"), "min_prefixlen", 20, "max_prefixlen", 28).get("id").asText();
        String v6 = pool(member, "prefixes", List.of("2001:db8:4::/48")).get("id").asText();
        assertError(postSubnet(member, networkId, "subnetpool_id", poolId, "prefixlen", 29), 400, "MaxPrefixSubnetAllocationError");
        assertError(postSubnet(member, networkId, "subnetpool_id", poolId, "prefixlen", 19), 400, "MinPrefixSubnetAllocationError");
        assertError(postSubnet(member, networkId, "subnetpool_id", poolId, "gateway_ip", "10.4.0.1", "prefixlen", 40), 400,
                "MaxPrefixSubnetAllocationError");
        assertError(postSubnet(member, networkId, "subnetpool_id", poolId, "gateway_ip", "2001:db8::1", "prefixlen", 24), 409,
                "SubnetAllocationError");
        assertError(postSubnet(member, networkId, "subnetpool_id", poolId, "cidr", "10.4.0.0/24", "prefixlen", 24), 400, "BadRequest");
        assertError(postSubnet(member, networkId, "subnetpool_id", poolId, "use_default_subnetpool", true), 400, "BadRequest");
        assertError(postSubnet(member, networkId, "subnetpool_id", poolId, "allocation_pools",
                List.of(map("start", "10.4.0.10", "end", "10.4.0.20"))), 400, "BadRequest");
        assertError(postSubnet(member, networkId, "subnetpool_id", v6), 400, "BadRequest");
        assertError(postSubnet(member, networkId, "subnetpool_id", "8d1a0f4e-2c1b-4a55-9f7e-6b0d2a1c3e4f"), 404, "SubnetPoolNotFound");
        assertError(postSubnet(member, networkId, "prefixlen", 24), 400, "BadRequest");
        assertError(postSubnet(member, networkId, "subnetpool_id", "not-a-uuid"), 400, "HTTPBadRequest");
        assertThat(member.get("/v2.0/subnets?network_id=" + networkId).body().get("subnets")).isEmpty();
    }

    @Test
    void defaultQuotaBoundsTheAddressSpaceEachProjectTakes() {
        String poolId = pool(server.admin(), "prefixes", List.of("10.5.0.0/16"), "shared", true, "default_quota", 512).get("id").asText();
        cidr("subnetpool_id", poolId, "prefixlen", 24);
        cidr("subnetpool_id", poolId, "prefixlen", 25);
        assertError(postSubnet(member, networkId, "subnetpool_id", poolId, "prefixlen", 24), 409, "SubnetPoolQuotaExceeded");
        cidr("subnetpool_id", poolId, "prefixlen", 25);
        assertError(postSubnet(member, networkId, "subnetpool_id", poolId, "prefixlen", 32, "enable_dhcp", false), 409,
                "SubnetPoolQuotaExceeded");
        ApiClient other = server.member(Api.project("alloc-other"));
        assertThat(subnet(other, PoolApi.network(other), "subnetpool_id", poolId, "prefixlen", 24).get("cidr").asText())
                .isEqualTo("10.5.2.0/24");
    }

    @Test
    void useDefaultSubnetpoolTakesTheDefaultPoolOfTheIpVersion() {
        assertError(postSubnet(member, networkId, "use_default_subnetpool", true, "ip_version", 6), 400, "BadRequest");
        ApiClient admin = server.admin();
        String v6 = pool(admin, "prefixes", List.of("2001:db8:77::/48"), "is_default", true, "shared", true).get("id").asText();
        try {
            JsonNode s = subnet(member, networkId, "use_default_subnetpool", true, "ip_version", 6, "ipv6_ra_mode", "slaac",
                    "ipv6_address_mode", "slaac");
            assertThat(s.get("subnetpool_id").asText()).isEqualTo(v6);
            assertThat(s.get("cidr").asText()).isEqualTo("2001:db8:77::/64");
            assertThat(s.has("use_default_subnetpool")).isFalse();
            member.delete("/v2.0/subnets/" + s.get("id").asText());
        } finally {
            admin.delete("/v2.0/subnetpools/" + v6);
        }
    }

    @Test
    void subnetsOfOneIpVersionOnANetworkComeFromOnePool() {
        String a = pool(member, "prefixes", List.of("10.6.0.0/16")).get("id").asText();
        String b = pool(member, "prefixes", List.of("10.7.0.0/16")).get("id").asText();
        subnet(member, networkId, "subnetpool_id", a, "prefixlen", 24);
        assertError(postSubnet(member, networkId, "subnetpool_id", b, "prefixlen", 24), 400, "NetworkSubnetPoolAffinityError");
        assertError(postSubnet(member, networkId, "cidr", "192.168.6.0/24"), 400, "NetworkSubnetPoolAffinityError");
        assertThat(subnet(member, networkId, "subnetpool_id", a, "prefixlen", 24).get("cidr").asText()).isEqualTo("10.6.1.0/24");
        String plain = PoolApi.network(member);
        subnet(member, plain, "cidr", "192.168.7.0/24");
        assertError(postSubnet(member, plain, "subnetpool_id", a, "prefixlen", 24), 400, "NetworkSubnetPoolAffinityError");
    }
}
