package org.neutrino.agent.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigException;

class LinuxBridgeSettingsTest {

    @Test
    void readsNeutronsOptions() {
        LinuxBridgeSettings settings = LinuxBridgeSettings.from(Config.of(Map.of(
                "DEFAULT", Map.of("host", "compute1"),
                "linux_bridge", Map.of("physical_interface_mappings", "provider:eth2, physnet2:eth3",
                        "bridge_mappings", "external:br-ex"),
                "vxlan", Map.of("local_ip", "10.99.0.1"),
                "AGENT", Map.of("polling_interval", "5"),
                "securitygroup", Map.of("firewall_driver", "neutron.agent.firewall.NoopFirewallDriver"))));

        assertThat(settings.host()).isEqualTo("compute1");
        assertThat(settings.interfaceMappings()).containsExactlyInAnyOrderEntriesOf(
                Map.of("provider", "eth2", "physnet2", "eth3"));
        assertThat(settings.bridgeMappings()).containsExactlyEntriesOf(Map.of("external", "br-ex"));
        assertThat(settings.enableVxlan()).isTrue();
        assertThat(settings.localIp()).contains("10.99.0.1");
        assertThat(settings.pollingInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void firewallDriversByNeutronNamesAndTheUnimplementedRefused() {
        for (String driver : new String[] {"iptables_hybrid", "openvswitch",
            "neutron.agent.linux.iptables_firewall.OVSHybridIptablesFirewallDriver"}) {
            assertThatThrownBy(() -> LinuxBridgeSettings.from(Config.of(Map.of("DEFAULT", Map.of("host", "h"),
                    "vxlan", Map.of("enable_vxlan", "false"), "securitygroup", Map.of("firewall_driver", driver)))))
                    .as(driver).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("firewall_driver = " + driver + " is not implemented")
                    .hasMessageContaining("security groups would not be enforced");
        }
        for (String driver : new String[] {"noop", "NOOP", "", "neutron.agent.firewall.NoopFirewallDriver"}) {
            assertThat(LinuxBridgeSettings.from(Config.of(Map.of("DEFAULT", Map.of("host", "h"),
                    "vxlan", Map.of("enable_vxlan", "false"), "securitygroup", Map.of("firewall_driver", driver))))
                    .firewallDriver()).as(driver).isEqualTo("noop");
        }
        for (String driver : new String[] {"iptables", "neutron.agent.linux.iptables_firewall.IptablesFirewallDriver"}) {
            assertThat(LinuxBridgeSettings.from(Config.of(Map.of("DEFAULT", Map.of("host", "h"),
                    "vxlan", Map.of("enable_vxlan", "false"), "securitygroup", Map.of("firewall_driver", driver))))
                    .firewallDriver()).as(driver).isEqualTo("iptables");
        }
    }

    @Test
    void vxlanNeedsALocalIpAndL2Population() {
        assertThatThrownBy(() -> LinuxBridgeSettings.from(Config.of(Map.of("DEFAULT", Map.of("host", "h")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("local_ip is required");
        assertThatThrownBy(() -> LinuxBridgeSettings.from(Config.of(Map.of("DEFAULT", Map.of("host", "h"),
                "vxlan", Map.of("local_ip", "10.99.0.1", "l2_population", "false")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("multicast");
        LinuxBridgeSettings noVxlan = LinuxBridgeSettings.from(Config.of(Map.of("DEFAULT", Map.of("host", "h"),
                "vxlan", Map.of("enable_vxlan", "false"))));
        assertThat(noVxlan.localIp()).isEqualTo(Optional.empty());
    }

    @Test
    void malformedMappingsAreRefused() {
        for (String bad : new String[] {"provider", "provider:", ":eth2", "a:eth2,a:eth3", "a:eth2,b:eth2"}) {
            assertThatThrownBy(() -> LinuxBridgeSettings.from(Config.of(Map.of("DEFAULT", Map.of("host", "h"),
                    "vxlan", Map.of("enable_vxlan", "false"),
                    "linux_bridge", Map.of("physical_interface_mappings", bad)))))
                    .as(bad).isInstanceOf(ConfigException.class);
        }
    }
}
