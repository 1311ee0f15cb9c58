package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RadvdTest {
    @TempDir
    Path dir;

    @Test
    void theConfigurationHasOneInterfaceBlockPerDeviceWithTheFlagsOfItsRaModes() {
        String config = Radvd.config(List.of(
                new Radvd.Prefix("qr-1a1a1a1a-00", "2001:db8:1::/64", "slaac", 1450),
                new Radvd.Prefix("qr-3c3c3c3c-00", "2001:db8:3::/64", "dhcpv6-stateful", 0),
                new Radvd.Prefix("qr-1a1a1a1a-00", "2001:db8:2::/64", "dhcpv6-stateless", 1450)));
        assertThat(config).isEqualTo(Golden.read("golden/radvd/three-modes.conf"));
    }

    @Test
    void refusesUnknownModesAndTextThatIsNotAPrefix() {
        assertThatThrownBy(() -> new Radvd.Prefix("qr-1", "2001:db8::/64", "bogus", 0)).hasMessageContaining("bogus");
        assertThatThrownBy(() -> new Radvd.Prefix("qr-1", "10.0.0.0/24", "slaac", 0)).hasMessageContaining("IPv6");
        assertThatThrownBy(() -> new Radvd.Prefix("qr-1;", "2001:db8::/64", "slaac", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noPrefixesStopsNothingWhenNothingRunsAndSpawnsNothing() {
        RecordingExecutor executor = new RecordingExecutor();
        assertThat(new Radvd(executor, "qrouter-x", dir).apply(List.of())).isFalse();
        assertThat(executor.commands()).isEmpty();
    }
}
