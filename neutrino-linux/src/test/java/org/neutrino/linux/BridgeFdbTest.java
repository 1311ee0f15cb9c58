package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BridgeFdbTest {
    private final RecordingExecutor executor = new RecordingExecutor();

    @Test
    void floodingEntriesAreAppendedAndUnicastOnesReplacedInOneSpawn() {
        new BridgeFdb(executor).inNamespace("host1").add(List.of(
                FdbEntry.flooding("vxlan-41", "10.1.0.2"),
                FdbEntry.flooding("vxlan-41", "10.1.0.3"),
                FdbEntry.unicast("FA:16:3E:00:00:01", "vxlan-41", "10.1.0.2")));
        assertThat(executor.commands()).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsExactly("bridge", "-n", "host1", "-force", "-batch", "-");
            assertThat(c.stdin()).contains("""
                    fdb append 00:00:00:00:00:00 dev vxlan-41 dst 10.1.0.2
                    fdb append 00:00:00:00:00:00 dev vxlan-41 dst 10.1.0.3
                    fdb replace fa:16:3e:00:00:01 dev vxlan-41 dst 10.1.0.2
                    """);
        });
    }

    @Test
    void removeDeletesEachEntry() {
        new BridgeFdb(executor).remove(List.of(FdbEntry.flooding("vxlan-41", "10.1.0.2")));
        assertThat(executor.commands().getFirst().stdin()).contains("fdb delete 00:00:00:00:00:00 dev vxlan-41 dst 10.1.0.2\n");
    }

    @Test
    void entriesAreThoseWithARemoteDestination() {
        executor.answer("bridge -j fdb show dev vxlan-41", CommandResult.ok(Golden.read("ip/fdb-vxlan-41.json")));
        assertThat(new BridgeFdb(executor).entries("vxlan-41")).containsExactly(
                new FdbEntry("fa:16:3e:00:00:01", "vxlan-41", Optional.of("10.1.0.2")),
                new FdbEntry("00:00:00:00:00:00", "vxlan-41", Optional.of("10.1.0.2")));
    }
}
