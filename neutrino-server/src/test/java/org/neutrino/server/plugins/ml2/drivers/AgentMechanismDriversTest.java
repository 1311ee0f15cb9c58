package org.neutrino.server.plugins.ml2.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.agent.AgentTopics;

class AgentMechanismDriversTest {
    private static final Segment VXLAN = new Segment("vxlan", null, 100);
    private static final Segment GENEVE = new Segment("geneve", null, 7);
    private static final Segment FLAT_PHYSNET1 = new Segment("flat", "physnet1", null);
    private static final Segment VLAN_PHYSNET2 = new Segment("vlan", "physnet2", 10);

    private final MechanismDriver linuxbridge = new LinuxbridgeMechanismDriver();
    private final MechanismDriver openvswitch = new OpenvswitchMechanismDriver();

    @Test
    void eachDriverBindsOnlyWhereItsOwnAgentTypeRuns() {
        Map<String, Map<String, Object>> lbHost = Map.of(AgentTopics.LINUXBRIDGE_AGENT_TYPE,
                Map.of("tunnel_types", List.of("vxlan")));
        Map<String, Map<String, Object>> ovsHost = Map.of(AgentTopics.OPENVSWITCH_AGENT_TYPE,
                Map.of("tunnel_types", List.of("vxlan")));

        assertThat(linuxbridge.bind(List.of(VXLAN), lbHost).orElseThrow().vifType()).isEqualTo("bridge");
        assertThat(linuxbridge.bind(List.of(VXLAN), ovsHost)).isEmpty();
        assertThat(openvswitch.bind(List.of(VXLAN), ovsHost).orElseThrow().vifType()).isEqualTo("ovs");
        assertThat(openvswitch.bind(List.of(VXLAN), lbHost)).isEmpty();
    }

    @Test
    void theFirstSegmentTheAgentReachesIsBound() {
        Map<String, Map<String, Object>> host = Map.of(AgentTopics.OPENVSWITCH_AGENT_TYPE,
                Map.of("bridge_mappings", Map.of("physnet2", "br-ex"), "tunnel_types", List.of("geneve")));

        var binding = openvswitch.bind(List.of(FLAT_PHYSNET1, VLAN_PHYSNET2, GENEVE), host).orElseThrow();

        assertThat(binding.segment()).isEqualTo(VLAN_PHYSNET2);
        assertThat(openvswitch.bind(List.of(FLAT_PHYSNET1, VXLAN), host)).as("physnet1 unmapped, no vxlan tunnels").isEmpty();
    }

    @Test
    void linuxBridgeReachesPhysnetsThroughInterfaceOrBridgeMappingsButNoGeneve() {
        Map<String, Map<String, Object>> host = Map.of(AgentTopics.LINUXBRIDGE_AGENT_TYPE, Map.of(
                "interface_mappings", Map.of("physnet1", "eth2"), "bridge_mappings", Map.of("physnet2", "br-eth3"),
                "tunnel_types", List.of("vxlan", "geneve")));

        assertThat(linuxbridge.bind(List.of(FLAT_PHYSNET1), host)).isPresent();
        assertThat(linuxbridge.bind(List.of(VLAN_PHYSNET2), host)).isPresent();
        assertThat(linuxbridge.bind(List.of(GENEVE), host)).isEmpty();
        assertThat(linuxbridge.bind(List.of(new Segment("local", null, null)), host)).isPresent();
    }

    @Test
    void portFilterIsTrueOnlyWhenTheAgentReportsAFirewallThatFilters() {
        for (MechanismDriver driver : List.of(linuxbridge, openvswitch)) {
            String type = driver == linuxbridge ? AgentTopics.LINUXBRIDGE_AGENT_TYPE : AgentTopics.OPENVSWITCH_AGENT_TYPE;
            assertThat(driver.bind(List.of(VXLAN), Map.of(type, Map.of("tunnel_types", List.of("vxlan"))))
                    .orElseThrow().vifDetails()).as(driver.name()).containsEntry("port_filter", false);
            assertThat(driver.bind(List.of(VXLAN), Map.of(type, Map.of("tunnel_types", List.of("vxlan"), "firewall_driver", "noop")))
                    .orElseThrow().vifDetails()).as(driver.name()).containsEntry("port_filter", false);
            assertThat(driver.bind(List.of(VXLAN), Map.of(type, Map.of("tunnel_types", List.of("vxlan"),
                    "firewall_driver", "iptables_hybrid"))).orElseThrow().vifDetails()).as(driver.name())
                    .containsEntry("port_filter", true);
        }
    }

    @Test
    void openvswitchDetailsCarryWhatTheAgentReportsOfItsIntegrationBridge() {
        Map<String, Map<String, Object>> host = Map.of(AgentTopics.OPENVSWITCH_AGENT_TYPE, Map.of(
                "tunnel_types", List.of("vxlan"), "integration_bridge", "br-int", "datapath_type", "netdev",
                "ovs_hybrid_plug", true));

        var details = openvswitch.bind(List.of(VXLAN), host).orElseThrow().vifDetails();

        assertThat(details).containsEntry("bridge_name", "br-int").containsEntry("datapath_type", "netdev")
                .containsEntry("ovs_hybrid_plug", true).containsEntry("connectivity", "l2").containsEntry("port_filter", false);
        var defaults = openvswitch.bind(List.of(VXLAN), Map.of(AgentTopics.OPENVSWITCH_AGENT_TYPE,
                Map.<String, Object>of("tunnel_types", List.of("vxlan")))).orElseThrow().vifDetails();
        assertThat(defaults).containsEntry("datapath_type", "system").containsEntry("ovs_hybrid_plug", false)
                .doesNotContainKey("bridge_name");
    }
}
