package org.neutrino.agent.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigException;

class DhcpAgentConfigTest {

    @Test
    void neutronDefaults() {
        DhcpAgentConfig config = DhcpAgentConfig.from(Config.of(Map.of("DEFAULT", Map.of("host", "compute1"))));
        assertThat(config.host()).isEqualTo("compute1");
        assertThat(config.dnsmasq().leaseTime()).isEqualTo("86400s");
        assertThat(config.dnsmasq().domain()).isEqualTo("openstacklocal");
        assertThat(config.resyncInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.dhcpStateRoot()).isEqualTo(Path.of("/var/lib/neutrino/dhcp"));
        assertThat(config.interfaceDriver()).isEqualTo("linuxbridge");
        assertThat(config.availabilityZone()).isEqualTo("nova");
        assertThat(config.metadata()).isEmpty();
    }

    @Test
    void isolatedOrForcedMetadataForwardsToTheMetadataAgentsSocket() {
        DhcpAgentConfig isolated = DhcpAgentConfig.from(Config.of(Map.of("DEFAULT",
                Map.of("host", "h", "enable_isolated_metadata", "true", "state_path", "/tmp/x"))));
        assertThat(isolated.metadata()).contains(new DhcpAgentConfig.Metadata(Path.of("/tmp/x/metadata_proxy"), false));
        DhcpAgentConfig forced = DhcpAgentConfig.from(Config.of(Map.of("DEFAULT",
                Map.of("host", "h", "force_metadata", "true", "metadata_proxy_socket", "/run/m.sock"))));
        assertThat(forced.metadata()).contains(new DhcpAgentConfig.Metadata(Path.of("/run/m.sock"), true));
    }

    @Test
    void readsNeutronOptionNames() {
        DhcpAgentConfig config = DhcpAgentConfig.from(Config.of(Map.of(
                "DEFAULT", Map.of("host", "compute1", "dhcp_lease_duration", "-1", "dns_domain", "example.org",
                        "resync_interval", "2", "state_path", "/tmp/x",
                        "interface_driver", "neutron.agent.linux.interface.BridgeInterfaceDriver"),
                "AGENT", Map.of("report_interval", "7", "availability_zone", "az-east"))));
        assertThat(config.availabilityZone()).isEqualTo("az-east");
        assertThat(config.dnsmasq().leaseTime()).isEqualTo("infinite");
        assertThat(config.dnsmasq().domain()).isEqualTo("example.org");
        assertThat(config.resyncInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.reportInterval()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.dhcpStateRoot()).isEqualTo(Path.of("/tmp/x/dhcp"));
    }

    @Test
    void openvswitchIsAcceptedAsANameButNotImplemented() {
        assertThatThrownBy(() -> DhcpAgentConfig.from(Config.of(Map.of("DEFAULT",
                Map.of("host", "h", "interface_driver", "openvswitch")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not implemented");
        assertThatThrownBy(() -> DhcpAgentConfig.from(Config.of(Map.of("DEFAULT",
                Map.of("host", "h", "interface_driver", "macvtap")))))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void aLeaseOfZeroSecondsIsRefused() {
        assertThatThrownBy(() -> DhcpAgentConfig.from(Config.of(Map.of("DEFAULT",
                Map.of("host", "h", "dhcp_lease_duration", "0")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dhcp_lease_duration");
    }

    @Test
    void everyOptionIsDeclaredSoNoneIsWarnedAsUnknown() {
        Config config = Config.of(Map.of("DEFAULT", Map.of("host", "h", "enable_isolated_metadata", "false",
                "num_sync_threads", "2", "dhcp_driver", "neutron.agent.linux.dhcp.Dnsmasq", "dnsmasq_lease_max", "100",
                "transport_url", "rabbit://u:p@localhost:5672/"), "AGENT", Map.of("root_helper", "sudo")));
        assertThat(config.unknownOptions(DhcpAgentOptions.all())).isEmpty();
        assertThat(Config.of(Map.of("DEFAULT", Map.of("dhcp_lease_duratoin", "5")))
                .unknownOptions(DhcpAgentOptions.all())).hasSize(1);
    }
}
