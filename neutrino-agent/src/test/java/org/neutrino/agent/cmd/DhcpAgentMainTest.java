package org.neutrino.agent.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neutrino.agent.common.AgentOptions;
import org.neutrino.agent.dhcp.DhcpAgentOptions;
import org.neutrino.lib.config.Config;

class DhcpAgentMainTest {
    @TempDir
    Path dir;

    @Test
    void laterConfigFilesOverrideEarlierOnesAsInNeutron() throws IOException {
        Path neutrino = Files.writeString(dir.resolve("neutrino.conf"), """
                [DEFAULT]
                host = compute1
                transport_url = rabbit://u:p@localhost:5672/
                resync_interval = 9
                core_plugin = ml2
                [database]
                connection = sqlite://
                [AGENT]
                report_intreval = 4
                """);
        Path dhcp = Files.writeString(dir.resolve("dhcp_agent.ini"), """
                [DEFAULT]
                resync_interval = 3
                interface_driver = linuxbridge
                dhcp_confs = /old/option
                """);
        Config config = DhcpAgentMain.parseArgs(new String[] {
                "--config-file", neutrino.toString(), "--config-file=" + dhcp});
        assertThat(config.get(AgentOptions.HOST)).isEqualTo("compute1");
        assertThat(config.get(DhcpAgentOptions.RESYNC_INTERVAL)).isEqualTo(3);
        assertThat(DhcpAgentMain.unknownOptionsToWarn(config)).as("the server's options in the shared file are not")
                .extracting(u -> u.name()).containsExactlyInAnyOrder("report_intreval", "dhcp_confs");
    }

    @Test
    void refusesUnknownArgumentsAndMissingFiles() {
        assertThatThrownBy(() -> DhcpAgentMain.parseArgs(new String[] {"--verbose", "x"}))
                .hasMessageContaining("unknown argument --verbose");
        assertThatThrownBy(() -> DhcpAgentMain.parseArgs(new String[] {"--config-file", dir.resolve("nope").toString()}))
                .hasMessageContaining("cannot read config file");
        assertThatThrownBy(() -> DhcpAgentMain.parseArgs(new String[] {"--config-file"}))
                .hasMessageContaining("needs a value");
    }
}
