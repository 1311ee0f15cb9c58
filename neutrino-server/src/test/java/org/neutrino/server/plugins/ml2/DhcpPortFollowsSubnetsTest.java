package org.neutrino.server.plugins.ml2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * The DHCP port of a host follows its network's subnets ({@code get_dhcp_port}, as Neutron's
 * DHCP agent keeps it): an address on every DHCP-enabled subnet, IPv4 and IPv6, none on a subnet
 * whose DHCP is off or that is gone, its addresses kept otherwise (also when pools change); a
 * new SLAAC or DHCPv6-stateless subnet gives every port but router interfaces its EUI-64 address.
 */
class DhcpPortFollowsSubnetsTest {
    static final String HOST = "dhcp-follow";
    static TestServer server;
    static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of());
        admin = server.admin();
        server.reportAgentState(HOST, AgentTopics.DHCP_AGENT_TYPE, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static JsonNode created(ApiClient client, String collection, String resource, Map<String, Object> attributes) {
        var response = client.post("/v2.0/" + collection, Map.of(resource, attributes));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body().get(resource);
    }

    private static JsonNode subnet(ApiClient client, String network, String cidr, Object... more) {
        Map<String, Object> attributes = new HashMap<>(Map.of("network_id", network, "cidr", cidr,
                "ip_version", cidr.contains(":") ? 6 : 4));
        for (int i = 0; i < more.length; i += 2) {
            attributes.put((String) more[i], more[i + 1]);
        }
        return created(client, "subnets", "subnet", attributes);
    }

    private static JsonNode dhcpPort(String network) {
        return server.agentCall(AgentTopics.GET_DHCP_PORT, Map.of("host", HOST, "network_id", network));
    }

    /** {@code subnet id -> address} of a port's {@code fixed_ips}. */
    private static Map<String, String> addresses(JsonNode port) {
        Map<String, String> out = new HashMap<>();
        port.get("fixed_ips").forEach(ip -> out.put(ip.get("subnet_id").asText(), ip.get("ip_address").asText()));
        return out;
    }

    private static JsonNode port(ApiClient client, String id) {
        return client.get("/v2.0/ports/" + id).body().get("port");
    }

    @Test
    void theDhcpPortGetsAnAddressOnEveryDhcpSubnetAndLosesItWhenDhcpGoesOrTheSubnetGoes() {
        ApiClient member = server.member("follow-" + UUID.randomUUID());
        String net = created(member, "networks", "network", Map.of("name", "follow")).get("id").asText();
        String v4 = subnet(member, net, "10.61.0.0/24").get("id").asText();
        JsonNode first = dhcpPort(net);
        assertThat(addresses(first)).containsOnlyKeys(v4);
        String address4 = addresses(first).get(v4);

        String v6 = subnet(member, net, "fd00:61::/64", "ipv6_address_mode", "dhcpv6-stateful", "ipv6_ra_mode",
                "dhcpv6-stateful").get("id").asText();
        String noDhcp = subnet(member, net, "10.62.0.0/24", "enable_dhcp", false).get("id").asText();
        JsonNode second = dhcpPort(net);
        assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(addresses(second)).containsOnlyKeys(v4, v6).containsEntry(v4, address4);
        String address6 = addresses(second).get(v6);
        assertThat(address6).startsWith("fd00:61::");
        long revision = port(admin, second.get("id").asText()).get("revision_number").asLong();
        dhcpPort(net);
        assertThat(port(admin, second.get("id").asText()).get("revision_number").asLong()).as("nothing to change, no update")
                .isEqualTo(revision);

        var pools = member.put("/v2.0/subnets/" + v6, Map.of("subnet", Map.of("allocation_pools",
                List.of(Map.of("start", "fd00:61::1000", "end", "fd00:61::1fff")))));
        assertThat(pools.status()).isEqualTo(200);
        assertThat(addresses(dhcpPort(net))).as("as in Neutron, new pools leave allocated addresses").containsEntry(v6, address6);

        assertThat(member.put("/v2.0/subnets/" + v4, Map.of("subnet", Map.of("enable_dhcp", false))).status()).isEqualTo(200);
        assertThat(addresses(dhcpPort(net))).containsOnlyKeys(v6);
        assertThat(member.put("/v2.0/subnets/" + noDhcp, Map.of("subnet", Map.of("enable_dhcp", true))).status()).isEqualTo(200);
        assertThat(addresses(dhcpPort(net))).containsOnlyKeys(v6, noDhcp);

        assertThat(member.delete("/v2.0/subnets/" + v6).status()).isEqualTo(204);
        assertThat(addresses(dhcpPort(net))).containsOnlyKeys(noDhcp);
        JsonNode info = server.agentCall(AgentTopics.GET_NETWORK_INFO, Map.of("host", HOST, "network_id", net));
        assertThat(info.get("subnets")).hasSize(2);
        assertThat(member.delete("/v2.0/networks/" + net).status()).isEqualTo(204);
    }

    @Test
    void aNewAutomaticAddressSubnetGivesEveryPortButRouterInterfacesItsEui64Address() {
        ApiClient member = server.member("auto-" + UUID.randomUUID());
        String net = created(member, "networks", "network", Map.of("name", "auto")).get("id").asText();
        subnet(member, net, "10.63.0.0/24");
        JsonNode dhcp = dhcpPort(net);
        JsonNode vm = created(member, "ports", "port", Map.of("network_id", net, "mac_address", "fa:16:3e:00:63:05"));
        JsonNode router = created(admin, "ports", "port", Map.of("network_id", net, "device_owner", "network:router_interface",
                "project_id", member.projectId()));
        long vmRevision = vm.get("revision_number").asLong();

        ApiClient other = server.member("auto-other-" + UUID.randomUUID());
        var hostile = other.post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", net, "ip_version", 6, "cidr",
                "fd00:64::/64", "ipv6_address_mode", "slaac", "ipv6_ra_mode", "slaac")));
        assertThat(hostile.status()).as("another project's member cannot add a subnet to the network").isEqualTo(404);
        assertThat(port(member, vm.get("id").asText()).get("revision_number").asLong()).isEqualTo(vmRevision);

        String slaac = subnet(member, net, "fd00:63::/64", "ipv6_address_mode", "slaac", "ipv6_ra_mode", "slaac")
                .get("id").asText();
        JsonNode vmAfter = port(member, vm.get("id").asText());
        assertThat(addresses(vmAfter)).containsEntry(slaac, "fd00:63::f816:3eff:fe00:6305");
        assertThat(vmAfter.get("revision_number").asLong()).isGreaterThan(vmRevision);
        assertThat(addresses(port(admin, router.get("id").asText()))).doesNotContainKey(slaac);
        JsonNode dhcpAfter = dhcpPort(net);
        assertThat(addresses(dhcpAfter)).as("the DHCP port too, and it keeps it").containsKey(slaac).hasSize(2);
        long revision = port(admin, dhcpAfter.get("id").asText()).get("revision_number").asLong();
        dhcpPort(net);
        assertThat(port(admin, dhcpAfter.get("id").asText()).get("revision_number").asLong()).isEqualTo(revision);
        assertThat(dhcp.get("id").asText()).isEqualTo(dhcpAfter.get("id").asText());

        JsonNode info = server.agentCall(AgentTopics.GET_NETWORK_INFO, Map.of("host", HOST, "network_id", net));
        JsonNode served = null;
        for (JsonNode subnet : info.get("subnets")) {
            served = subnet.get("id").asText().equals(slaac) ? subnet : served;
        }
        assertThat(served).isNotNull();
        assertThat(served.get("ipv6_ra_mode").asText()).isEqualTo("slaac");
        assertThat(served.get("ipv6_address_mode").asText()).isEqualTo("slaac");
    }
}
