package org.neutrino.server.plugins.ml2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** ML2 type drivers, port binding, agents, DHCP scheduling and the agents' RPC, through the real server. */
class Ml2AgentsTest {
    static TestServer server;
    static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of(
                "ml2.mechanism_drivers", "linuxbridge,openvswitch",
                "ml2.tenant_network_types", "vxlan",
                "ml2_type_vxlan.vni_ranges", "100:102",
                "ml2_type_flat.flat_networks", "physnet1",
                "ml2_type_vlan.network_vlan_ranges", "physnet2:10:11"));
        admin = server.admin();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String create(String collection, Map<String, Object> body) {
        var response = admin.post("/v2.0/" + collection, body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body().elements().next().get("id").asText();
    }

    @Test
    void projectNetworksGetVxlanSegmentsFromTheRangeAndGiveThemBack() {
        ApiClient member = server.member("p-vxlan");
        var first = member.post("/v2.0/networks", Map.of("network", Map.of("name", "a")));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("network").get("mtu").asInt()).isEqualTo(1450);
        assertThat(first.body().get("network").has("provider:network_type")).as("hidden from members").isFalse();
        String id = first.body().get("network").get("id").asText();
        var shown = admin.get("/v2.0/networks/" + id).body().get("network");
        assertThat(shown.get("provider:network_type").asText()).isEqualTo("vxlan");
        int vni = shown.get("provider:segmentation_id").asInt();
        assertThat(vni).isBetween(100, 102);
        assertThat(admin.get("/v2.0/networks?provider:segmentation_id=" + vni).body().get("networks")).hasSize(1);
        // exhaust the three VNIs, then one more is refused
        List<String> more = new java.util.ArrayList<>();
        for (int i = 0; ; i++) {
            var next = member.post("/v2.0/networks", Map.of("network", Map.of("name", "n" + i)));
            if (next.status() != 201) {
                assertThat(next.status()).isEqualTo(503);
                assertThat(next.errorType()).isEqualTo("NoNetworkAvailable");
                break;
            }
            more.add(next.body().get("network").get("id").asText());
            assertThat(i).isLessThan(3);
        }
        assertThat(member.delete("/v2.0/networks/" + id).status()).isEqualTo(204);
        var again = member.post("/v2.0/networks", Map.of("network", Map.of("name", "again")));
        assertThat(again.status()).isEqualTo(201);
        more.add(again.body().get("network").get("id").asText());
        more.forEach(n -> member.delete("/v2.0/networks/" + n));
    }

    @Test
    void portsOnAnOpenvswitchHostAreBoundByTheOpenvswitchDriver() {
        server.reportAgentState("compute-ovs", AgentTopics.OPENVSWITCH_AGENT_TYPE, Map.of("tunnel_types", List.of("vxlan"),
                "tunneling_ip", "172.16.0.21", "integration_bridge", "br-int", "bridge_mappings", Map.of()));
        String net = create("networks", Map.of("network", Map.of("name", "ovs")));
        String port = create("ports", Map.of("port", Map.of("network_id", net, "binding:host_id", "compute-ovs")));

        var shown = admin.get("/v2.0/ports/" + port).body().get("port");
        assertThat(shown.get("binding:vif_type").asText()).isEqualTo("ovs");
        assertThat(shown.get("binding:vif_details").get("bridge_name").asText()).isEqualTo("br-int");
        assertThat(shown.get("binding:vif_details").get("datapath_type").asText()).isEqualTo("system");
        String flatNet = create("networks", Map.of("network", Map.of("name", "ovs-flat",
                "provider:network_type", "flat", "provider:physical_network", "physnet1")));
        String unreachable = create("ports", Map.of("port", Map.of("network_id", flatNet, "binding:host_id", "compute-ovs")));
        assertThat(admin.get("/v2.0/ports/" + unreachable).body().get("port").get("binding:vif_type").asText())
                .as("physnet1 is not in the agent's bridge_mappings").isEqualTo("binding_failed");
        var agents = admin.get("/v2.0/agents?host=compute-ovs").body().get("agents");
        assertThat(agents.get(0).get("agent_type").asText()).isEqualTo("Open vSwitch agent");

        for (String p : List.of(port, unreachable)) {
            admin.delete("/v2.0/ports/" + p);
        }
        admin.delete("/v2.0/networks/" + net);
        admin.delete("/v2.0/networks/" + flatNet);
        admin.delete("/v2.0/agents/" + agents.get(0).get("id").asText());
    }

    @Test
    void providerNetworksAreValidatedAndExclusive() {
        var flat = admin.post("/v2.0/networks", Map.of("network", Map.of("name", "flat",
                "provider:network_type", "flat", "provider:physical_network", "physnet1")));
        assertThat(flat.status()).isEqualTo(201);
        assertThat(flat.body().get("network").get("mtu").asInt()).isEqualTo(1500);
        var second = admin.post("/v2.0/networks", Map.of("network", Map.of("name", "flat2",
                "provider:network_type", "flat", "provider:physical_network", "physnet1")));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorType()).isEqualTo("FlatNetworkInUse");
        var unknown = admin.post("/v2.0/networks", Map.of("network", Map.of(
                "provider:network_type", "flat", "provider:physical_network", "nowhere")));
        assertThat(unknown.status()).isEqualTo(400);
        var vlan = admin.post("/v2.0/networks", Map.of("network", Map.of("name", "vlan",
                "provider:network_type", "vlan", "provider:physical_network", "physnet2", "provider:segmentation_id", 11)));
        assertThat(vlan.status()).isEqualTo(201);
        var taken = admin.post("/v2.0/networks", Map.of("network", Map.of(
                "provider:network_type", "vlan", "provider:physical_network", "physnet2", "provider:segmentation_id", 11)));
        assertThat(taken.errorType()).isEqualTo("VlanIdInUse");
        var byMember = server.member("p-x").post("/v2.0/networks", Map.of("network", Map.of("provider:network_type", "vxlan")));
        assertThat(byMember.status()).isEqualTo(403);
        admin.delete("/v2.0/networks/" + flat.body().get("network").get("id").asText());
        admin.delete("/v2.0/networks/" + vlan.body().get("network").get("id").asText());
    }

    @Test
    void portsBindToLiveAgentsAndTurnActiveWhenTheirDeviceIsUp() {
        server.reportAgentState("compute-a", AgentTopics.LINUXBRIDGE_AGENT_TYPE,
                Map.of("tunnel_types", List.of("vxlan"), "tunneling_ip", "172.16.0.11", "firewall_driver", "noop"));
        server.reportAgentState("compute-b", AgentTopics.LINUXBRIDGE_AGENT_TYPE,
                Map.of("tunnel_types", List.of("vxlan"), "tunneling_ip", "172.16.0.12"));
        String net = create("networks", Map.of("network", Map.of("name", "bind")));
        create("subnets", Map.of("subnet", Map.of("network_id", net, "ip_version", 4, "cidr", "10.20.0.0/24", "enable_dhcp", false)));
        String portA = create("ports", Map.of("port", Map.of("network_id", net, "binding:host_id", "compute-a")));
        String portB = create("ports", Map.of("port", Map.of("network_id", net, "binding:host_id", "compute-b")));
        String nowhere = create("ports", Map.of("port", Map.of("network_id", net, "binding:host_id", "no-agent-here")));
        var a = admin.get("/v2.0/ports/" + portA).body().get("port");
        assertThat(a.get("binding:vif_type").asText()).isEqualTo("bridge");
        assertThat(a.get("binding:vif_details").get("port_filter").asBoolean(true)).as("no firewall filters the port").isFalse();
        assertThat(admin.get("/v2.0/ports/" + portB).body().at("/port/binding:vif_details/port_filter").asBoolean(true))
                .as("an agent that reports no firewall driver").isFalse();
        assertThat(a.get("status").asText()).isEqualTo("DOWN");
        assertThat(admin.get("/v2.0/ports/" + nowhere).body().get("port").get("binding:vif_type").asText()).isEqualTo("binding_failed");

        String tapA = DeviceNames.tap(portA);
        JsonNode details = server.agentCall(AgentTopics.GET_DEVICES_DETAILS_LIST, Map.of("host", "compute-a", "agent_id", "x",
                "devices", List.of(tapA, DeviceNames.tap(portB), "tapdeadbeef-00")));
        assertThat(details).hasSize(3);
        assertThat(details.get(0).get("port_id").asText()).isEqualTo(portA);
        assertThat(details.get(0).get("network_type").asText()).isEqualTo("vxlan");
        assertThat(details.get(0).get("mtu").asInt()).isEqualTo(1450);
        assertThat(details.get(1).has("port_id")).as("bound to another host").isFalse();
        assertThat(details.get(2).has("port_id")).isFalse();

        JsonNode up = server.agentCall(AgentTopics.UPDATE_DEVICE_LIST, Map.of("host", "compute-a", "agent_id", "x",
                "devices_up", List.of(tapA), "devices_down", List.of()));
        assertThat(up.get("devices_up").get(0).asText()).isEqualTo(tapA);
        assertThat(admin.get("/v2.0/ports/" + portA).body().get("port").get("status").asText()).isEqualTo("ACTIVE");
        server.agentCall(AgentTopics.UPDATE_DEVICE_LIST, Map.of("host", "compute-b", "agent_id", "y",
                "devices_up", List.of(DeviceNames.tap(portB)), "devices_down", List.of()));

        JsonNode fdb = server.agentCall(AgentTopics.GET_NETWORK_FDB, Map.of("host", "compute-a", "network_ids", List.of(net)));
        assertThat(fdb.get(net).get("vteps").has("172.16.0.12")).isTrue();
        assertThat(fdb.get(net).get("vteps").has("172.16.0.11")).as("own host left out").isFalse();

        server.agentCall(AgentTopics.UPDATE_DEVICE_LIST, Map.of("host", "compute-a", "agent_id", "x",
                "devices_up", List.of(), "devices_down", List.of(tapA)));
        assertThat(admin.get("/v2.0/ports/" + portA).body().get("port").get("status").asText()).isEqualTo("DOWN");

        var agents = admin.get("/v2.0/agents?host=compute-a").body().get("agents");
        assertThat(agents).hasSize(1);
        assertThat(agents.get(0).get("alive").asBoolean()).isTrue();
        assertThat(agents.get(0).get("agent_type").asText()).isEqualTo(AgentTopics.LINUXBRIDGE_AGENT_TYPE);
        assertThat(server.member("p-y").get("/v2.0/agents").body().get("agents")).isEmpty();
        for (String port : List.of(portA, portB, nowhere)) {
            admin.delete("/v2.0/ports/" + port);
        }
        admin.delete("/v2.0/networks/" + net);
    }

    @Test
    void dhcpEnabledNetworksAreScheduledAndGetADhcpPort() {
        server.reportAgentState("net-node", AgentTopics.DHCP_AGENT_TYPE, Map.of());
        server.reportAgentState("net-node", AgentTopics.LINUXBRIDGE_AGENT_TYPE,
                Map.of("tunnel_types", List.of("vxlan"), "tunneling_ip", "172.16.0.10"));
        String net = create("networks", Map.of("network", Map.of("name", "dhcp")));
        String subnet = create("subnets", Map.of("subnet", Map.of("network_id", net, "ip_version", 4, "cidr", "10.30.0.0/24")));
        JsonNode active = server.agentCall(AgentTopics.GET_ACTIVE_NETWORKS, Map.of("host", "net-node"));
        assertThat(active.toString()).contains(net);
        var hosting = admin.get("/v2.0/networks/" + net + "/dhcp-agents").body().get("agents");
        assertThat(hosting).hasSize(1);
        String agentId = hosting.get(0).get("id").asText();
        assertThat(admin.get("/v2.0/agents/" + agentId + "/dhcp-networks").body().get("networks").toString()).contains(net);

        JsonNode port = server.agentCall(AgentTopics.GET_DHCP_PORT, Map.of("host", "net-node", "network_id", net));
        assertThat(port.get("device_owner").asText()).isEqualTo("network:dhcp");
        assertThat(port.get("fixed_ips").get(0).get("subnet_id").asText()).isEqualTo(subnet);
        JsonNode again = server.agentCall(AgentTopics.GET_DHCP_PORT, Map.of("host", "net-node", "network_id", net));
        assertThat(again.get("id").asText()).as("idempotent").isEqualTo(port.get("id").asText());
        assertThat(admin.get("/v2.0/ports/" + port.get("id").asText()).body().get("port").get("binding:vif_type").asText())
                .isEqualTo("bridge");

        JsonNode info = server.agentCall(AgentTopics.GET_NETWORK_INFO, Map.of("host", "net-node", "network_id", net));
        assertThat(info.get("subnets").get(0).get("cidr").asText()).isEqualTo("10.30.0.0/24");
        assertThat(info.get("ports").toString()).contains(port.get("mac_address").asText());

        assertThat(admin.delete("/v2.0/networks/" + net).status()).as("DHCP ports go with their network").isEqualTo(204);
        assertThat(server.agentCall(AgentTopics.GET_ACTIVE_NETWORKS, Map.of("host", "net-node")).toString()).doesNotContain(net);
    }

    @Test
    void agentsCanBeDisabledDescribedAndDeletedAndDhcpNetworksMovedByHand() {
        server.reportAgentState("dhcp-a", AgentTopics.DHCP_AGENT_TYPE, Map.of());
        server.reportAgentState("dhcp-b", AgentTopics.DHCP_AGENT_TYPE, Map.of());
        String agentA = admin.get("/v2.0/agents?host=dhcp-a").body().get("agents").get(0).get("id").asText();
        String agentB = admin.get("/v2.0/agents?host=dhcp-b").body().get("agents").get(0).get("id").asText();
        var updated = admin.put("/v2.0/agents/" + agentB, Map.of("agent", Map.of("admin_state_up", false, "description", "spare")));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("agent").get("admin_state_up").asBoolean()).isFalse();
        assertThat(updated.body().get("agent").get("description").asText()).isEqualTo("spare");
        assertThat(admin.put("/v2.0/agents/" + agentB, Map.of("agent", Map.of("host", "x"))).status()).isEqualTo(400);
        assertThat(server.member("p-z").put("/v2.0/agents/" + agentB, Map.of("agent", Map.of("admin_state_up", true))).errorType())
                .isEqualTo("AgentNotFound");

        String net = create("networks", Map.of("network", Map.of("name", "moved")));
        create("subnets", Map.of("subnet", Map.of("network_id", net, "ip_version", 4, "cidr", "10.40.0.0/24")));
        var hosting = admin.get("/v2.0/networks/" + net + "/dhcp-agents").body().get("agents");
        assertThat(hosting).as("scheduled to a live, enabled agent only").hasSize(1);
        String scheduled = hosting.get(0).get("id").asText();
        assertThat(scheduled).isNotEqualTo(agentB);
        assertThat(admin.post("/v2.0/agents/" + agentB + "/dhcp-networks", Map.of("network_id", net)).status()).isEqualTo(201);
        assertThat(admin.post("/v2.0/agents/" + agentB + "/dhcp-networks", Map.of("network_id", net)).errorType())
                .isEqualTo("NetworkHostedByDHCPAgent");
        assertThat(admin.get("/v2.0/networks/" + net + "/dhcp-agents").body().get("agents")).hasSize(2);
        assertThat(admin.delete("/v2.0/agents/" + agentB + "/dhcp-networks/" + net).status()).isEqualTo(204);
        assertThat(admin.delete("/v2.0/agents/" + agentB + "/dhcp-networks/" + net).status()).isEqualTo(409);

        assertThat(admin.delete("/v2.0/agents/" + agentA).status()).isEqualTo(204);
        assertThat(admin.get("/v2.0/agents/" + agentA).errorType()).isEqualTo("AgentNotFound");
        admin.delete("/v2.0/networks/" + net);
    }

    @Test
    void agentsAreDeadAfterAgentDownTimeAndPortsDoNotBindToThem() throws Exception {
        try (TestServer quick = TestServer.start(Map.of("DEFAULT.agent_down_time", "3", "ml2.tenant_network_types", "local"))) {
            quick.reportAgentState("gone", AgentTopics.LINUXBRIDGE_AGENT_TYPE, Map.of());
            ApiClient quickAdmin = quick.admin();
            assertThat(quickAdmin.get("/v2.0/agents").body().get("agents").get(0).get("alive").asBoolean()).isTrue();
            Thread.sleep(3100);
            assertThat(quickAdmin.get("/v2.0/agents").body().get("agents").get(0).get("alive").asBoolean()).isFalse();
            var net = quickAdmin.post("/v2.0/networks", Map.of("network", Map.of("name", "n")));
            var port = quickAdmin.post("/v2.0/ports", Map.of("port", Map.of("network_id", net.body().get("network").get("id").asText(),
                    "binding:host_id", "gone")));
            assertThat(port.body().get("port").get("binding:vif_type").asText()).isEqualTo("binding_failed");
        }
    }
}
