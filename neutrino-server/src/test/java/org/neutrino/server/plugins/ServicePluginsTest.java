package org.neutrino.server.plugins;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.TestServer;

/** {@code [DEFAULT] service_plugins} names what to load; a name no plugin answers to stops the start. */
class ServicePluginsTest {
    @Test
    void anUnknownServicePluginIsAStartUpError() {
        assertThatThrownBy(() -> TestServer.start(Map.of("DEFAULT.service_plugins", "no-such-plugin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[DEFAULT] service_plugins: 'no-such-plugin' is not provided");
    }

    @Test
    void anUnknownCorePluginIsAStartUpError() {
        assertThatThrownBy(() -> TestServer.start(Map.of("DEFAULT.core_plugin", "ovn")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only ml2 is provided");
    }
}
