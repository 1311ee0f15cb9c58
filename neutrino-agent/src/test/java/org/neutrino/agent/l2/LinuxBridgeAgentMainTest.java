package org.neutrino.agent.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.UnknownOption;

class LinuxBridgeAgentMainTest {
    @TempDir
    Path dir;

    @Test
    void laterConfigFilesOverrideEarlierOnesAndOnlyTheAgentsSectionsAreJudged() throws IOException {
        Path common = Files.writeString(dir.resolve("neutrino.conf"), """
                [DEFAULT]
                host = compute1
                bind_port = 9696
                [database]
                connection = sqlite://
                [vxlan]
                local_ip = 10.99.0.9
                """);
        Path agent = Files.writeString(dir.resolve("linuxbridge_agent.ini"), """
                [vxlan]
                local_ip = 10.99.0.1
                vxlan_group = 224.0.0.1
                [linux_bridge]
                physical_interface_mappings = provider:eth2
                [AGENT]
                polling_interval = 3
                """);

        Config config = LinuxBridgeAgentMain.parseArgs(new String[] {"--config-file", common.toString(),
                "--config-file=" + agent});
        LinuxBridgeSettings settings = LinuxBridgeSettings.from(config);

        assertThat(settings.localIp()).contains("10.99.0.1");
        assertThat(settings.host()).isEqualTo("compute1");
        assertThat(settings.interfaceMappings()).containsEntry("provider", "eth2");
        assertThat(LinuxBridgeAgentMain.unknownAgentOptions(config)).extracting(UnknownOption::name)
                .containsExactly("vxlan_group");
    }

    @Test
    void refusesUnknownArgumentsAndMissingFiles() {
        assertThatThrownBy(() -> LinuxBridgeAgentMain.parseArgs(new String[] {"--verbose", "x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown argument --verbose");
        assertThatThrownBy(() -> LinuxBridgeAgentMain.parseArgs(new String[] {"--config-file", "/nonexistent.ini"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    }
}
