package org.neutrino.agent.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.config.SampleConfig;

/**
 * {@code etc/dhcp_agent.ini.sample} documents exactly the DHCP agent's own options (the common
 * ones of {@code AgentOptions} are not the agent's to document).
 */
class DhcpSampleConfigTest {

    @Test
    void sampleFileMatchesDeclaredOptions() throws Exception {
        String expected = SampleConfig.render(DhcpAgentOptions.own());
        Path sample = Path.of("..", "etc", "dhcp_agent.ini.sample");
        Path regenerated = Path.of("target", "dhcp_agent.ini.sample");
        Files.writeString(regenerated, expected);
        assertThat(Files.exists(sample)).as("etc/dhcp_agent.ini.sample exists").isTrue();
        assertThat(Files.readString(sample)).as("etc/dhcp_agent.ini.sample is stale: copy "
                + "neutrino-agent/target/dhcp_agent.ini.sample over it").isEqualTo(expected);
    }
}
