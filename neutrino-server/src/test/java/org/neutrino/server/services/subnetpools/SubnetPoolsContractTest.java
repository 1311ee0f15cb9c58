package org.neutrino.server.services.subnetpools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.services.subnetpools.PoolApi.assertError;
import static org.neutrino.server.services.subnetpools.PoolApi.ids;
import static org.neutrino.server.services.subnetpools.PoolApi.pool;
import static org.neutrino.server.services.subnetpools.PoolApi.postPool;
import static org.neutrino.server.services.subnetpools.PoolApi.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neutrino.server.api.contract.Api;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.OwnServerTest;

/** Subnet pools: Neutron's attributes, defaults, validation, errors and policies. */
class SubnetPoolsContractTest extends OwnServerTest {
    private static ApiClient member(String hint) {
        return server.member(Api.project(hint));
    }

    @Test
    void createdWithNeutronsDefaults() {
        ApiClient member = member("defaults");
        JsonNode p = pool(member, "prefixes", List.of("10.10.0.0/16"));
        assertThat(p.get("name").asText()).isEqualTo("pool");
        assertThat(texts(p.get("prefixes"))).containsExactly("10.10.0.0/16");
        assertThat(p.get("ip_version").asInt()).isEqualTo(4);
        assertThat(p.get("min_prefixlen").asInt()).isEqualTo(8);
        assertThat(p.get("max_prefixlen").asInt()).isEqualTo(32);
        assertThat(p.get("default_prefixlen").asInt()).isEqualTo(8);
        assertThat(p.get("default_quota").isNull()).isTrue();
        assertThat(p.get("shared").asBoolean()).isFalse();
        assertThat(p.get("is_default").asBoolean()).isFalse();
        assertThat(p.get("address_scope_id").isNull()).isTrue();
        assertThat(p.get("description").asText()).isEmpty();
        assertThat(p.get("revision_number").asInt()).isZero();
        assertThat(p.get("tenant_id").asText()).isEqualTo(member.projectId());
        assertThat(p.get("project_id").asText()).isEqualTo(member.projectId());
        assertThat(p.get("tags")).isEmpty();
        assertThat(p.has("default_ip_version")).isFalse();

        JsonNode v6 = pool(member, "prefixes", List.of("2001:db8::/48"));
        assertThat(v6.get("ip_version").asInt()).isEqualTo(6);
        assertThat(v6.get("min_prefixlen").asInt()).isEqualTo(64);
        assertThat(v6.get("max_prefixlen").asInt()).isEqualTo(128);
        assertThat(v6.get("default_prefixlen").asInt()).isEqualTo(64);
    }

    @Test
    void prefixesAreCanonicalisedAndCompacted() {
        JsonNode p = pool(member("compact"), "prefixes", List.of("10.1.1.0/24", "10.1.0.0/24", "10.1.0.128/25", "192.168.0.9/24"),
                "min_prefixlen", 20, "max_prefixlen", 28, "default_prefixlen", 26);
        assertThat(texts(p.get("prefixes"))).containsExactly("10.1.0.0/23", "192.168.0.0/24");
        assertThat(p.get("default_prefixlen").asInt()).isEqualTo(26);
    }

    @Test
    void badPrefixesAndBoundsAreRefusedWithNeutronsErrors() {
        ApiClient member = member("bad");
        assertError(postPool(member, "prefixes", List.of()), 400, "EmptySubnetPoolPrefixList");
        assertError(postPool(member, "prefixes", List.of("10.0.0.0/8", "2001:db8::/32")), 400, "PrefixVersionMismatch");
        assertError(postPool(member, "prefixes", List.of("10.0.0.0/8"), "min_prefixlen", 24, "max_prefixlen", 16), 400,
                "IllegalSubnetPoolPrefixBounds");
        assertError(postPool(member, "prefixes", List.of("10.0.0.0/8"), "max_prefixlen", 33), 400, "IllegalSubnetPoolPrefixBounds");
        assertError(postPool(member, "prefixes", List.of("10.0.0.0/8"), "min_prefixlen", 16, "default_prefixlen", 12), 400,
                "IllegalSubnetPoolPrefixBounds");
        assertError(postPool(member, "prefixes", List.of("10.0.0.0/8"), "max_prefixlen", 24, "default_prefixlen", 26), 400,
                "IllegalSubnetPoolPrefixBounds");
        assertError(postPool(member, "prefixes", List.of("not-a-cidr")), 400, "HTTPBadRequest");
        assertError(postPool(member, "prefixes", List.of("10.0.0.0/8"), "default_quota", -1), 400, "HTTPBadRequest");
        assertError(member.post("/v2.0/subnetpools", map("subnetpool", map("prefixes", List.of("10.0.0.0/8")))), 400, "HTTPBadRequest");
        assertError(postPool(member, "prefixes", List.of("10.0.0.0/8"), "name", ""), 400, "HTTPBadRequest");
        assertError(postPool(member, "prefixes", List.of("10.0.0.0/8"), "ip_version", 4), 400, "HTTPBadRequest");
        assertThat(member.get("/v2.0/subnetpools").body().get("subnetpools")).isEmpty();
    }

    @Test
    void sharedAndDefaultAreForAdminsOnly() {
        ApiClient member = member("policy");
        assertThat(postPool(member, "prefixes", List.of("10.0.0.0/8"), "shared", true).status()).isEqualTo(403);
        assertThat(postPool(member, "prefixes", List.of("10.0.0.0/8"), "is_default", true).status()).isEqualTo(403);
        JsonNode own = pool(member, "prefixes", List.of("10.0.0.0/8"));
        assertThat(member.put("/v2.0/subnetpools/" + own.get("id").asText(), map("subnetpool", map("is_default", true))).status())
                .isEqualTo(403);
        assertError(member.put("/v2.0/subnetpools/" + own.get("id").asText(), map("subnetpool", map("shared", true))), 400,
                "HTTPBadRequest");
        ApiClient reader = server.client(member.projectId(), "reader");
        assertThat(postPool(reader, "prefixes", List.of("10.0.0.0/8")).status()).isEqualTo(403);
        assertThat(reader.get("/v2.0/subnetpools/" + own.get("id").asText()).status()).isEqualTo(200);
        assertThat(reader.delete("/v2.0/subnetpools/" + own.get("id").asText()).status()).isEqualTo(403);
    }

    @Test
    void oneDefaultPoolPerIpVersion() {
        ApiClient owner = member("default");
        JsonNode first = pool(admin, "prefixes", List.of("172.16.0.0/12"), "is_default", true, "shared", true,
                "project_id", owner.projectId());
        try {
            assertError(postPool(admin, "prefixes", List.of("198.18.0.0/15"), "is_default", true), 400, "InvalidInput");
            JsonNode other = pool(admin, "prefixes", List.of("198.18.0.0/15"));
            assertError(admin.put("/v2.0/subnetpools/" + other.get("id").asText(), map("subnetpool", map("is_default", true))), 400,
                    "InvalidInput");
            JsonNode v6 = pool(admin, "prefixes", List.of("2001:db8:1::/48"), "is_default", true);
            assertThat(v6.get("is_default").asBoolean()).isTrue();
            admin.put("/v2.0/subnetpools/" + v6.get("id").asText(), map("subnetpool", map("is_default", false)));
            JsonNode moved = admin.put("/v2.0/subnetpools/" + first.get("id").asText(), map("subnetpool", map("is_default", false)))
                    .body().get("subnetpool");
            assertThat(moved.get("is_default").asBoolean()).isFalse();
            JsonNode now = admin.put("/v2.0/subnetpools/" + other.get("id").asText(), map("subnetpool", map("is_default", true)))
                    .body().get("subnetpool");
            assertThat(now.get("is_default").asBoolean()).isTrue();
            admin.put("/v2.0/subnetpools/" + other.get("id").asText(), map("subnetpool", map("is_default", false)));
        } finally {
            admin.delete("/v2.0/subnetpools/" + first.get("id").asText());
        }
    }

    @Test
    void prefixesMayOnlyGrowOnUpdate() {
        ApiClient member = member("grow");
        String id = pool(member, "prefixes", List.of("10.20.0.0/16")).get("id").asText();
        String path = "/v2.0/subnetpools/" + id;
        JsonNode grown = member.put(path, map("subnetpool", map("prefixes", List.of("10.20.0.0/16", "10.21.0.0/16", "10.30.0.0/24"))))
                .body().get("subnetpool");
        assertThat(texts(grown.get("prefixes"))).containsExactly("10.20.0.0/15", "10.30.0.0/24");
        assertThat(grown.get("revision_number").asInt()).isEqualTo(1);
        assertError(member.put(path, map("subnetpool", map("prefixes", List.of("10.20.0.0/16")))), 400, "IllegalSubnetPoolPrefixUpdate");
        assertError(member.put(path, map("subnetpool", map("prefixes", List.of("2001:db8::/32")))), 400, "IllegalSubnetPoolPrefixUpdate");
        assertError(member.put(path, map("subnetpool", map("min_prefixlen", 30, "max_prefixlen", 29))), 400,
                "IllegalSubnetPoolPrefixBounds");
        JsonNode renamed = member.put(path, map("subnetpool", map("name", "renamed", "default_quota", 512, "min_prefixlen", 16,
                "default_prefixlen", 24, "description", "d"))).body().get("subnetpool");
        assertThat(renamed.get("name").asText()).isEqualTo("renamed");
        assertThat(renamed.get("default_quota").asInt()).isEqualTo(512);
        assertThat(renamed.get("min_prefixlen").asInt()).isEqualTo(16);
        assertThat(renamed.get("default_prefixlen").asInt()).isEqualTo(24);
        assertThat(texts(renamed.get("prefixes"))).containsExactly("10.20.0.0/15", "10.30.0.0/24");
    }

    @Test
    void addAndRemovePrefixes() {
        ApiClient member = member("ops");
        String id = pool(member, "prefixes", List.of("10.40.0.0/16"), "min_prefixlen", 16).get("id").asText();
        String path = "/v2.0/subnetpools/" + id;
        ApiClient.Response added = member.put(path + "/add_prefixes", map("prefixes", List.of("10.41.0.0/16", "10.50.0.0/24")));
        assertThat(added.status()).as("%s", added.body()).isEqualTo(200);
        assertThat(texts(added.body().get("prefixes"))).containsExactly("10.40.0.0/15", "10.50.0.0/24");
        String net = PoolApi.network(member);
        JsonNode s = PoolApi.subnet(member, net, "subnetpool_id", id, "cidr", "10.41.0.0/24");
        assertError(member.put(path + "/remove_prefixes", map("prefixes", List.of("10.41.0.0/16"))), 400, "IllegalSubnetPoolPrefixUpdate");
        ApiClient.Response removed = member.put(path + "/remove_prefixes", map("prefixes", List.of("10.40.0.0/16", "10.99.0.0/16")));
        assertThat(removed.status()).as("%s", removed.body()).isEqualTo(200);
        assertThat(texts(removed.body().get("prefixes"))).containsExactly("10.41.0.0/16", "10.50.0.0/24");
        assertThat(texts(member.get(path).body().get("subnetpool").get("prefixes"))).containsExactly("10.41.0.0/16", "10.50.0.0/24");
        assertThat(texts(member.put(path + "/remove_prefixes", map("prefixes", List.of("192.0.2.0/24"))).body().get("prefixes")))
                .containsExactly("10.41.0.0/16", "10.50.0.0/24");
        assertError(member.put(path + "/add_prefixes", map("prefixes", List.of())), 400, "HTTPBadRequest");
        assertError(member.put(path + "/add_prefixes", map()), 400, "HTTPBadRequest");
        assertError(member.put(path + "/add_prefixes", map("prefixes", List.of("nope"))), 400, "HTTPBadRequest");
        assertThat(member(("other")).put(path + "/add_prefixes", map("prefixes", List.of("10.60.0.0/16"))).status()).isEqualTo(404);
        assertThat(server.client(member.projectId(), "reader").put(path + "/add_prefixes", map("prefixes", List.of("10.60.0.0/16")))
                .status()).isEqualTo(403);
        member.delete("/v2.0/subnets/" + s.get("id").asText());
    }

    @Test
    void deleteIsRefusedWhileSubnetsUseThePool() {
        ApiClient member = member("delete");
        String id = pool(member, "prefixes", List.of("10.70.0.0/16")).get("id").asText();
        String net = PoolApi.network(member);
        JsonNode s = PoolApi.subnet(member, net, "subnetpool_id", id, "prefixlen", 24);
        assertError(member.delete("/v2.0/subnetpools/" + id), 400, "SubnetPoolDeleteError");
        assertThat(member.delete("/v2.0/subnets/" + s.get("id").asText()).status()).isEqualTo(204);
        assertThat(member.delete("/v2.0/subnetpools/" + id).status()).isEqualTo(204);
        assertError(member.get("/v2.0/subnetpools/" + id), 404, "SubnetPoolNotFound");
    }

    @Test
    void subnetpoolQuotaIsCountedAndShownInQuotaDetails() {
        ApiClient member = member("quota");
        JsonNode limits = member.get("/v2.0/quotas/" + member.projectId()).body().get("quota");
        assertThat(limits.get("subnetpool").asInt()).isEqualTo(-1);
        admin.put("/v2.0/quotas/" + member.projectId(), map("quota", map("subnetpool", 1)));
        pool(member, "prefixes", List.of("10.80.0.0/16"));
        assertError(postPool(member, "prefixes", List.of("10.81.0.0/16")), 409, "OverQuota");
        JsonNode details = member.get("/v2.0/quotas/" + member.projectId() + "/details").body().get("quota");
        assertThat(details.get("subnetpool").get("used").asInt()).isEqualTo(1);
        assertThat(details.get("subnetpool").get("limit").asInt()).isEqualTo(1);
    }

    @Test
    void anotherProjectsPrivatePoolIsInvisible() {
        ApiClient owner = member("owner");
        ApiClient hostile = member("hostile");
        JsonNode secret = pool(owner, "prefixes", List.of("10.90.0.0/16"), "name", "secret");
        JsonNode shared = pool(admin, "prefixes", List.of("10.91.0.0/16"), "shared", true, "name", "open");
        String secretId = secret.get("id").asText();
        assertError(hostile.get("/v2.0/subnetpools/" + secretId), 404, "SubnetPoolNotFound");
        assertError(hostile.put("/v2.0/subnetpools/" + secretId, map("subnetpool", map("name", "x"))), 404, "SubnetPoolNotFound");
        assertError(hostile.delete("/v2.0/subnetpools/" + secretId), 404, "SubnetPoolNotFound");
        List<String> listed = ids(hostile.get("/v2.0/subnetpools").body().get("subnetpools"));
        assertThat(listed).contains(shared.get("id").asText()).doesNotContain(secretId);
        assertThat(hostile.get("/v2.0/subnetpools?name=secret").body().get("subnetpools")).isEmpty();
        assertThat(hostile.get("/v2.0/subnetpools?id=" + secretId).body().get("subnetpools")).isEmpty();
        assertThat(hostile.get("/v2.0/subnetpools?limit=1&marker=" + secretId).status()).isEqualTo(404);
        String net = PoolApi.network(hostile);
        assertError(PoolApi.postSubnet(hostile, net, "subnetpool_id", secretId, "prefixlen", 24), 404, "SubnetPoolNotFound");
        assertThat(hostile.get("/v2.0/subnets?network_id=" + net).body().get("subnets")).isEmpty();
        JsonNode fromShared = PoolApi.subnet(hostile, net, "subnetpool_id", shared.get("id").asText(), "prefixlen", 24);
        assertThat(fromShared.get("cidr").asText()).isEqualTo("10.91.0.0/24");
        assertThat(hostile.put("/v2.0/subnetpools/" + shared.get("id").asText(), map("subnetpool", map("name", "mine"))).status())
                .isEqualTo(403);
        hostile.delete("/v2.0/subnets/" + fromShared.get("id").asText());
        assertThat(ids(admin.get("/v2.0/subnetpools?id=" + secretId).body().get("subnetpools"))).containsExactly(secretId);
    }

    @Test
    void extensionsAreListed() {
        List<String> aliases = new java.util.ArrayList<>();
        admin.get("/v2.0/extensions").body().get("extensions").forEach(e -> aliases.add(e.get("alias").asText()));
        assertThat(aliases).contains("subnet_allocation", "default-subnetpools", "subnetpool-prefix-ops", "address-scope");
    }
}
