package org.neutrino.lib.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SampleConfigTest {
    private static final List<Opt<?>> OPTS = List.of(
            Opt.integer("AGENT", "report_interval", 30, 1, null, "Seconds between nodes reporting state to server."),
            Opt.port("DEFAULT", "bind_port", 9696, "The port to bind to."),
            Opt.string("database", "connection", null,
                    "The SQLAlchemy-style connection string used to connect to the database; "
                            + "for Neutrino a JDBC URL is accepted as well.")
                    .withDeprecatedName("DEFAULT", "sql_connection").asSecret(),
            Opt.bool("DEFAULT", "debug", false, "Log at debug level."),
            Opt.list("DEFAULT", "service_plugins", List.of("router", "qos"), "The service plugins to load."),
            Opt.string("DEFAULT", "host", "localhost", "Hostname of this node.").withSampleDefault("example.domain"),
            Opt.choice("DEFAULT", "auth_strategy", "keystone", Set.of("keystone", "noauth"),
                    "The type of authentication to use."),
            Opt.floatingPoint("AGENT", "report_ratio", 0.5, "A ratio.\n\nSecond paragraph."),
            Opt.string("DEFAULT", "dns_domain", "", "Domain for hostnames."));

    @Test
    void rendersEveryOptionGroupedBySectionWithHelpAndDefault() throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/config/sample.conf")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(SampleConfig.render(OPTS)).isEqualTo(expected);
    }

    @Test
    void aSampleIsReadableAsAConfigurationWithTheSameDefaults() {
        String sample = SampleConfig.render(OPTS);
        String uncommented = sample.replaceAll("(?m)^#(\\w+ =)", "$1").replace("= <None>", "=");

        assertThat(uncommented).contains("bind_port = 9696", "service_plugins = router,qos", "debug = false");
    }

    @Test
    void anOptionDeclaredTwiceDifferentlyIsRejected() {
        Opt<Integer> one = Opt.port("DEFAULT", "bind_port", 9696, "The port.");
        Opt<Integer> other = Opt.port("DEFAULT", "bind_port", 9697, "The port.");

        assertThat(SampleConfig.render(List.of(one, one))).containsOnlyOnce("#bind_port = 9696");
        assertThatThrownBy(() -> SampleConfig.render(List.of(one, other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[DEFAULT] bind_port");
    }
}
