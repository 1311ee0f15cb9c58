package org.neutrino.server.services.subnetpools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.services.subnetpools.PoolApi.assertError;
import static org.neutrino.server.services.subnetpools.PoolApi.ids;
import static org.neutrino.server.services.subnetpools.PoolApi.pool;
import static org.neutrino.server.services.subnetpools.PoolApi.postPool;
import static org.neutrino.server.services.subnetpools.PoolApi.scope;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neutrino.server.api.contract.Api;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.OwnServerTest;

/** Address scopes, their subnet pools, and the address scopes of networks. */
class AddressScopesContractTest extends OwnServerTest {
    private static ApiClient member(String hint) {
        return server.member(Api.project(hint));
    }

    @Test
    void crudWithNeutronsAttributesAndPolicies() {
        ApiClient member = member("scope");
        JsonNode s = scope(member, "name", "blue");
        String path = "/v2.0/address-scopes/" + s.get("id").asText();
        assertThat(s.get("name").asText()).isEqualTo("blue");
        assertThat(s.get("ip_version").asInt()).isEqualTo(4);
        assertThat(s.get("shared").asBoolean()).isFalse();
        assertThat(s.get("tenant_id").asText()).isEqualTo(member.projectId());
        assertThat(s.get("revision_number").asInt()).isZero();
        assertThat(member.get(path).body().get("address_scope").get("id").asText()).isEqualTo(s.get("id").asText());
        assertThat(ids(member.get("/v2.0/address-scopes").body().get("address_scopes"))).contains(s.get("id").asText());
        assertError(member.post("/v2.0/address-scopes", map("address_scope", map("name", "x"))), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/address-scopes", map("address_scope", map("name", "x", "ip_version", 5))), 400, "HTTPBadRequest");
        assertThat(member.post("/v2.0/address-scopes", map("address_scope", map("ip_version", 4, "shared", true))).status()).isEqualTo(403);
        assertThat(member.put(path, map("address_scope", map("shared", true))).status()).isEqualTo(403);
        assertError(member.put(path, map("address_scope", map("ip_version", 6))), 400, "HTTPBadRequest");
        JsonNode renamed = member.put(path, map("address_scope", map("name", "green"))).body().get("address_scope");
        assertThat(renamed.get("name").asText()).isEqualTo("green");
        assertThat(renamed.get("revision_number").asInt()).isEqualTo(1);
        ApiClient reader = server.client(member.projectId(), "reader");
        assertThat(reader.get(path).status()).isEqualTo(200);
        assertThat(reader.put(path, map("address_scope", map("name", "r"))).status()).isEqualTo(403);
        JsonNode shared = admin.put(path, map("address_scope", map("shared", true))).body().get("address_scope");
        assertThat(shared.get("shared").asBoolean()).isTrue();
        assertError(admin.put(path, map("address_scope", map("shared", false))), 400, "AddressScopeUpdateError");
        assertThat(member.delete(path).status()).isEqualTo(204);
        assertError(member.get(path), 404, "AddressScopeNotFound");
    }

    @Test
    void anotherProjectsPrivateScopeIsInvisible() {
        ApiClient owner = member("owner");
        ApiClient hostile = member("hostile");
        String secret = scope(owner, "name", "secret").get("id").asText();
        String open = scope(admin, "name", "open", "shared", true).get("id").asText();
        assertError(hostile.get("/v2.0/address-scopes/" + secret), 404, "AddressScopeNotFound");
        assertError(hostile.put("/v2.0/address-scopes/" + secret, map("address_scope", map("name", "x"))), 404, "AddressScopeNotFound");
        assertError(hostile.delete("/v2.0/address-scopes/" + secret), 404, "AddressScopeNotFound");
        assertThat(ids(hostile.get("/v2.0/address-scopes").body().get("address_scopes"))).contains(open).doesNotContain(secret);
        assertThat(hostile.get("/v2.0/address-scopes?name=secret").body().get("address_scopes")).isEmpty();
        assertThat(hostile.get("/v2.0/address-scopes?limit=1&marker=" + secret).status()).isEqualTo(404);
        assertError(postPool(hostile, "prefixes", List.of("10.1.0.0/16"), "address_scope_id", secret), 404, "AddressScopeNotFound");
        String own = pool(hostile, "prefixes", List.of("10.2.0.0/16")).get("id").asText();
        assertError(hostile.put("/v2.0/subnetpools/" + own, map("subnetpool", map("address_scope_id", secret))), 404,
                "AddressScopeNotFound");
        assertThat(pool(hostile, "prefixes", List.of("10.3.0.0/16"), "address_scope_id", open).get("address_scope_id").asText())
                .isEqualTo(open);
        assertThat(hostile.get("/v2.0/subnetpools?address_scope_id=" + secret).body().get("subnetpools")).isEmpty();
    }

    @Test
    void poolsOfAScopeMatchItsIpVersionAndDoNotOverlap() {
        ApiClient member = member("pools");
        String v4 = scope(member).get("id").asText();
        String v6 = scope(member, "ip_version", 6).get("id").asText();
        JsonNode first = pool(member, "prefixes", List.of("10.10.0.0/16"), "address_scope_id", v4);
        assertThat(first.get("address_scope_id").asText()).isEqualTo(v4);
        assertError(postPool(member, "prefixes", List.of("10.10.128.0/17"), "address_scope_id", v4), 409, "AddressScopePrefixConflict");
        assertError(postPool(member, "prefixes", List.of("10.20.0.0/16"), "address_scope_id", v6), 400,
                "IllegalSubnetPoolIpVersionAssociationToAddressScope");
        String second = pool(member, "prefixes", List.of("10.11.0.0/16"), "address_scope_id", v4).get("id").asText();
        assertError(member.put("/v2.0/subnetpools/" + second, map("subnetpool", map("prefixes", List.of("10.11.0.0/16", "10.10.5.0/24")))),
                409, "AddressScopePrefixConflict");
        String outside = pool(member, "prefixes", List.of("10.10.0.0/24")).get("id").asText();
        assertError(member.put("/v2.0/subnetpools/" + outside, map("subnetpool", map("address_scope_id", v4))), 409,
                "AddressScopePrefixConflict");
        assertError(member.delete("/v2.0/address-scopes/" + v4), 409, "AddressScopeInUse");
        JsonNode left = member.put("/v2.0/subnetpools/" + second, map("subnetpool", map("address_scope_id", null))).body().get("subnetpool");
        assertThat(left.get("address_scope_id").isNull()).isTrue();
        assertThat(member.delete("/v2.0/subnetpools/" + first.get("id").asText()).status()).isEqualTo(204);
        assertThat(member.delete("/v2.0/address-scopes/" + v4).status()).isEqualTo(204);
    }

    @Test
    void aPoolInAnotherProjectsSharedScopeIsChangedOnlyByAdminOrScopeOwner() {
        ApiClient member = member("shared-scope");
        String open = scope(admin, "shared", true).get("id").asText();
        String poolId = pool(member, "prefixes", List.of("10.30.0.0/16"), "address_scope_id", open).get("id").asText();
        assertError(member.put("/v2.0/subnetpools/" + poolId, map("subnetpool", map("name", "new"))), 400, "IllegalSubnetPoolUpdate");
        assertThat(admin.put("/v2.0/subnetpools/" + poolId, map("subnetpool", map("name", "new"))).status()).isEqualTo(200);
    }

    @Test
    void networksShowTheScopesOfTheirSubnetsPools() {
        ApiClient member = member("net");
        String v4 = scope(member).get("id").asText();
        String v6 = scope(member, "ip_version", 6).get("id").asText();
        String pool4 = pool(member, "prefixes", List.of("10.40.0.0/16"), "address_scope_id", v4).get("id").asText();
        String other4 = pool(member, "prefixes", List.of("10.41.0.0/16"), "address_scope_id", v4).get("id").asText();
        String pool6 = pool(member, "prefixes", List.of("2001:db8:40::/48"), "address_scope_id", v6).get("id").asText();
        String loose4 = pool(member, "prefixes", List.of("10.42.0.0/16")).get("id").asText();
        String net = PoolApi.network(member);
        String plain = PoolApi.network(member);
        JsonNode before = member.get("/v2.0/networks/" + net).body().get("network");
        assertThat(before.get("ipv4_address_scope").isNull()).isTrue();
        assertThat(before.get("ipv6_address_scope").isNull()).isTrue();
        PoolApi.subnet(member, net, "subnetpool_id", pool4, "prefixlen", 24);
        PoolApi.subnet(member, net, "subnetpool_id", other4, "prefixlen", 24);
        assertError(PoolApi.postSubnet(member, net, "subnetpool_id", loose4, "prefixlen", 24), 400, "NetworkAddressScopeAffinityError");
        PoolApi.subnet(member, net, "subnetpool_id", pool6, "ip_version", 6, "ipv6_ra_mode", "slaac", "ipv6_address_mode", "slaac");
        JsonNode shown = member.get("/v2.0/networks/" + net).body().get("network");
        assertThat(shown.get("ipv4_address_scope").asText()).isEqualTo(v4);
        assertThat(shown.get("ipv6_address_scope").asText()).isEqualTo(v6);
        for (JsonNode listed : member.get("/v2.0/networks").body().get("networks")) {
            if (listed.get("id").asText().equals(net)) {
                assertThat(listed.get("ipv4_address_scope").asText()).isEqualTo(v4);
            } else if (listed.get("id").asText().equals(plain)) {
                assertThat(listed.get("ipv4_address_scope").isNull()).isTrue();
            }
        }
        assertError(member.put("/v2.0/networks/" + net, map("network", map("ipv4_address_scope", v6))), 400, "HTTPBadRequest");
        String elsewhere = scope(member).get("id").asText();
        assertError(member.put("/v2.0/subnetpools/" + pool4, map("subnetpool", map("address_scope_id", elsewhere))), 400,
                "NetworkAddressScopeAffinityError");
    }
}
