package org.neutrino.server.services.securitygroups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.map;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.assertError;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.group;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.postRule;
import static org.neutrino.server.services.securitygroups.SecurityGroupsContractTest.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.OwnServerTest;

/**
 * {@code address-group} and {@code security-groups-remote-address-group} against Neutron's
 * contract: addresses normalised, the member actions and their errors, a group in use, rules
 * naming a group, and another project's member finding nothing of it.
 */
class AddressGroupsContractTest extends OwnServerTest {
    private ApiClient member;
    private ApiClient other;

    @BeforeEach
    void projects() {
        member = server.member("ag-" + UUID.randomUUID());
        other = server.member("ag-other-" + UUID.randomUUID());
    }

    static ApiClient.Response postAddressGroup(ApiClient client, Object... attributes) {
        return client.post("/v2.0/address-groups", map("address_group", map(attributes)));
    }

    static JsonNode addressGroup(ApiClient client, Object... attributes) {
        ApiClient.Response r = postAddressGroup(client, attributes);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(201);
        return r.body().get("address_group");
    }

    private static ApiClient.Response action(ApiClient client, String id, String action, List<String> addresses) {
        return client.put("/v2.0/address-groups/" + id + "/" + action, map("addresses", addresses));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void crudWithNormalisedAddressesAndNeutronsErrors() {
        JsonNode g = addressGroup(member, "name", "dns", "description", "d".repeat(1024),
                "addresses", List.of("10.0.0.5/24", "10.0.0.0/24", "2001:db8::1/64", "192.0.2.7/32"));
        String id = g.get("id").asText();
        String path = "/v2.0/address-groups/" + id;
        assertThat(texts(g.get("addresses"))).containsExactly("10.0.0.0/24", "192.0.2.7/32", "2001:db8::/64");
        assertThat(g.get("name").asText()).isEqualTo("dns");
        assertThat(g.get("project_id").asText()).isEqualTo(member.projectId());
        assertThat(g.get("tenant_id").asText()).isEqualTo(member.projectId());
        assertThat(g.get("revision_number").asInt()).isZero();
        assertThat(g.has("created_at")).isTrue();
        assertThat(g.has("shared")).as("sharing needs rbac-address-group").isFalse();
        assertThat(g.has("tags")).isFalse();
        assertThat(addressGroup(member).get("addresses")).isEmpty();
        assertError(postAddressGroup(member, "addresses", List.of("10.0.0.1")), 400, "HTTPBadRequest");
        assertError(postAddressGroup(member, "addresses", List.of("10.0.0.0/24", "10.0.0.0/24")), 400, "HTTPBadRequest");
        assertError(postAddressGroup(member, "description", "d".repeat(1025)), 400, "HTTPBadRequest");
        assertError(member.put(path, map("address_group", map("addresses", List.of("10.9.0.0/16")))), 400, "HTTPBadRequest");

        JsonNode renamed = member.put(path, map("address_group", map("name", "resolvers"))).body().get("address_group");
        assertThat(renamed.get("name").asText()).isEqualTo("resolvers");
        assertThat(renamed.get("revision_number").asInt()).isEqualTo(1);

        ApiClient.Response added = action(member, id, "add_addresses", List.of("198.51.100.9/24", "203.0.113.1/32"));
        assertThat(added.status()).as("%s", added.body()).isEqualTo(200);
        assertThat(texts(added.body().get("address_group").get("addresses")))
                .containsExactlyInAnyOrder("10.0.0.0/24", "192.0.2.7/32", "198.51.100.0/24", "203.0.113.1/32", "2001:db8::/64");
        assertThat(added.body().get("address_group").get("revision_number").asInt()).isEqualTo(2);
        ApiClient.Response twice = action(member, id, "add_addresses", List.of("10.0.0.7/24", "172.16.0.0/16"));
        assertError(twice, 400, "AddressesAlreadyExist");
        assertThat(twice.body().get("NeutronError").get("message").asText())
                .isEqualTo("Addresses ['10.0.0.0/24'] already exist in the address group " + id + ".");
        ApiClient.Response missing = action(member, id, "remove_addresses", List.of("10.0.0.0/24", "172.16.0.0/16"));
        assertError(missing, 404, "AddressesNotFound");
        assertThat(missing.body().get("NeutronError").get("message").asText())
                .isEqualTo("Addresses ['172.16.0.0/16'] not found in the address group " + id + ".");
        assertThat(texts(member.get(path).body().get("address_group").get("addresses"))).doesNotContain("172.16.0.0/16")
                .contains("10.0.0.0/24");
        assertError(action(member, id, "add_addresses", List.of("bogus")), 400, "HTTPBadRequest");
        assertError(member.put(path + "/add_addresses", map("prefixes", List.of("10.1.0.0/16"))), 400, "HTTPBadRequest");
        ApiClient.Response removed = action(member, id, "remove_addresses", List.of("10.0.0.1/24", "2001:db8::/64"));
        assertThat(texts(removed.body().get("address_group").get("addresses")))
                .containsExactly("192.0.2.7/32", "198.51.100.0/24", "203.0.113.1/32");

        ApiClient reader = server.client(member.projectId(), "reader");
        assertThat(reader.get(path).status()).isEqualTo(200);
        assertThat(action(reader, id, "add_addresses", List.of("10.5.0.0/16")).status()).isEqualTo(403);
        assertThat(reader.delete(path).status()).isEqualTo(403);
        assertThat(member.delete(path).status()).isEqualTo(204);
        assertError(member.get(path), 404, "AddressGroupNotFound");
        assertError(action(member, id, "add_addresses", List.of("10.5.0.0/16")), 404, "AddressGroupNotFound");
    }

    @Test
    void anotherProjectsMemberFindsNothingOfMyGroup() {
        String mine = addressGroup(member, "name", "secret-ag", "addresses", List.of("10.1.0.0/16")).get("id").asText();
        String path = "/v2.0/address-groups/" + mine;
        assertError(other.get(path), 404, "AddressGroupNotFound");
        assertError(other.put(path, map("address_group", map("name", "x"))), 404, "AddressGroupNotFound");
        assertError(other.delete(path), 404, "AddressGroupNotFound");
        assertError(action(other, mine, "add_addresses", List.of("10.2.0.0/16")), 404, "AddressGroupNotFound");
        assertError(action(other, mine, "remove_addresses", List.of("10.1.0.0/16")), 404, "AddressGroupNotFound");
        assertThat(other.get("/v2.0/address-groups").body().get("address_groups").toString()).doesNotContain(mine);
        assertThat(other.get("/v2.0/address-groups?name=secret-ag").body().get("address_groups")).isEmpty();
        assertThat(other.get("/v2.0/address-groups?limit=1&marker=" + mine).status()).isEqualTo(404);
        assertError(postAddressGroup(other, "project_id", member.projectId()), 400, "HTTPBadRequest");
        // Their rule may not name my group: as if it did not exist.
        String theirs = group(other, "name", "theirs").get("id").asText();
        assertError(postRule(other, theirs, "remote_address_group_id", mine), 404, "AddressGroupNotFound");
        assertThat(texts(member.get(path).body().get("address_group").get("addresses"))).containsExactly("10.1.0.0/16");
        // An admin may name any project's group.
        assertThat(postRule(admin, theirs, "remote_address_group_id", mine).status()).isEqualTo(201);
    }

    @Test
    void rulesNameAGroupAsTheirOnlyRemoteAndKeepItFromBeingDeleted() {
        String ag = addressGroup(member, "addresses", List.of("10.3.0.0/16")).get("id").asText();
        String sg = group(member, "name", "web").get("id").asText();
        assertError(postRule(member, sg, "remote_address_group_id", ag, "remote_ip_prefix", "10.0.0.0/8"), 400,
                "SecurityGroupMultipleRemoteEntites");
        assertError(postRule(member, sg, "remote_address_group_id", ag, "remote_group_id", sg), 400,
                "SecurityGroupMultipleRemoteEntites");
        assertError(postRule(member, sg, "remote_address_group_id", UUID.randomUUID().toString()), 404, "AddressGroupNotFound");
        JsonNode r = rule(member, sg, "protocol", "udp", "port_range_min", 53, "port_range_max", 53, "remote_address_group_id", ag);
        assertThat(r.get("remote_address_group_id").asText()).isEqualTo(ag);
        assertThat(r.get("remote_ip_prefix").isNull()).isTrue();
        assertThat(rule(member, sg, "protocol", "udp", "port_range_min", 53, "port_range_max", 53).get("remote_address_group_id")
                .isNull()).as("the same rule without the group is another rule").isTrue();
        assertError(postRule(member, sg, "protocol", "udp", "port_range_min", 53, "port_range_max", 53, "remote_address_group_id", ag),
                409, "SecurityGroupRuleExists");
        JsonNode listed = member.get("/v2.0/security-group-rules?remote_address_group_id=" + ag).body().get("security_group_rules");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(r.get("id").asText());
        String path = "/v2.0/address-groups/" + ag;
        ApiClient.Response inUse = member.delete(path);
        assertError(inUse, 409, "AddressGroupInUse");
        assertThat(inUse.body().get("NeutronError").get("message").asText())
                .isEqualTo("Address group " + ag + " is in use on one or more security group rules.");
        assertThat(member.delete("/v2.0/security-group-rules/" + r.get("id").asText()).status()).isEqualTo(204);
        assertThat(member.delete(path).status()).isEqualTo(204);
    }
}
