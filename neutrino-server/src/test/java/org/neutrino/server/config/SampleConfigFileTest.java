package org.neutrino.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.config.SampleConfig;
import org.neutrino.server.NeutrinoServer;

/** {@code etc/neutrino.conf.sample} documents exactly the options the server declares. */
class SampleConfigFileTest {

    @Test
    void sampleFileMatchesDeclaredOptions() throws Exception {
        String expected = SampleConfig.render(NeutrinoServer.options());
        Path sample = Path.of("..", "etc", "neutrino.conf.sample");
        Path regenerated = Path.of("target", "neutrino.conf.sample");
        Files.writeString(regenerated, expected);
        assertThat(Files.exists(sample)).as("etc/neutrino.conf.sample exists").isTrue();
        assertThat(Files.readString(sample))
                .as("etc/neutrino.conf.sample is stale: copy neutrino-server/target/neutrino.conf.sample over it")
                .isEqualTo(expected);
    }
}
