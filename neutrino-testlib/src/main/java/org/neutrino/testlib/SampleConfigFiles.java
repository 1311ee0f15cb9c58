package org.neutrino.testlib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.neutrino.lib.config.Opt;
import org.neutrino.lib.config.SampleConfig;

/** Keeps the sample configuration files under {@code etc/} true to the options the code declares. */
public final class SampleConfigFiles {
    private SampleConfigFiles() {
    }

    /**
     * Asserts that {@code etc/<fileName>} (seen from a module directory) is exactly the sample
     * of {@code options}; writes the expected text to {@code target/<fileName>} so a stale file
     * can be replaced by copying it.
     */
    public static void assertDocuments(String fileName, Collection<? extends Opt<?>> options) throws IOException {
        String expected = SampleConfig.render(options);
        Path sample = Path.of("..", "etc", fileName);
        Path regenerated = Path.of("target", fileName);
        Files.writeString(regenerated, expected);
        assertThat(Files.exists(sample)).as("etc/" + fileName + " exists").isTrue();
        assertThat(Files.readString(sample))
                .as("etc/" + fileName + " is stale: copy " + Path.of("").toAbsolutePath().getFileName() + "/target/" + fileName
                        + " over it")
                .isEqualTo(expected);
    }
}
