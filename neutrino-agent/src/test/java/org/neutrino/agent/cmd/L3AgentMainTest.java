package org.neutrino.agent.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neutrino.agent.l3.L3AgentConfig;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.ConfigException;

class L3AgentMainTest {
    @TempDir
    Path dir;

    @Test
    void readsNeutronsL3AgentOptionsAndWarnsAboutUnknownOnes() throws IOException {
        Path neutrino = Files.writeString(dir.resolve("neutrino.conf"), """
                [DEFAULT]
                host = network1
                transport_url = rabbit://u:p@localhost:5672/
                core_plugin = ml2
                state_path = /tmp/l3-state
                """);
        Path l3 = Files.writeString(dir.resolve("l3_agent.ini"), """
                [DEFAULT]
                interface_driver = linuxbridge
                agent_mode = legacy
                periodic_interval = 2
                external_network_bridge =
                [AGENT]
                root_helper = ip netns exec network1
                """);
        Config config = L3AgentMain.parseArgs(new String[] {"--config-file", neutrino.toString(), "--config-file", l3.toString()});
        L3AgentConfig settings = L3AgentConfig.from(config);
        assertThat(settings.host()).isEqualTo("network1");
        assertThat(settings.periodicInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.retryInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.l3StateRoot()).isEqualTo(Path.of("/tmp/l3-state/l3"));
        assertThat(L3AgentMain.unknownOptionsToWarn(config)).extracting(u -> u.name())
                .containsExactly("external_network_bridge");
    }

    @Test
    void refusesDvrAndOpenvswitch() throws IOException {
        Path dvr = Files.writeString(dir.resolve("dvr.ini"), "[DEFAULT]\nagent_mode = dvr\n");
        assertThatThrownBy(() -> L3AgentConfig.from(L3AgentMain.parseArgs(new String[] {"--config-file", dvr.toString()})))
                .isInstanceOf(ConfigException.class);
        Path ovs = Files.writeString(dir.resolve("ovs.ini"), "[DEFAULT]\ninterface_driver = openvswitch\nhost = h\n");
        assertThatThrownBy(() -> L3AgentConfig.from(L3AgentMain.parseArgs(new String[] {"--config-file", ovs.toString()})))
                .hasMessageContaining("not implemented by the Neutrino L3 agent");
    }
}
