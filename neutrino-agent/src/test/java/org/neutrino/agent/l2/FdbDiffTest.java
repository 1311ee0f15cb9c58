package org.neutrino.agent.l2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neutrino.linux.FdbEntry;
import org.neutrino.rpc.agent.NetworkFdb;

class FdbDiffTest {
    private static final String DEV = "vxlan-41";

    @Test
    void desiredEntriesAreAFloodingEntryPerRemoteVtepAndAUnicastEntryPerMacWithoutOurOwnVtep() {
        NetworkFdb fdb = new NetworkFdb("vxlan", 41, Map.of(
                "10.99.0.2", List.of(new NetworkFdb.Entry("FA:16:3E:00:00:07", "10.0.0.7"),
                        new NetworkFdb.Entry("fa:16:3e:00:00:08", "10.0.0.8")),
                "10.99.0.1", List.of(new NetworkFdb.Entry("fa:16:3e:00:00:05", "10.0.0.5"))));

        List<String> skipped = new ArrayList<>();
        assertThat(FdbDiff.desired(DEV, fdb, Optional.of("10.99.0.1"), skipped)).containsExactlyInAnyOrder(
                FdbEntry.flooding(DEV, "10.99.0.2"),
                FdbEntry.unicast("fa:16:3e:00:00:07", DEV, "10.99.0.2"),
                FdbEntry.unicast("fa:16:3e:00:00:08", DEV, "10.99.0.2"));
        assertThat(FdbDiff.desired(DEV, null, Optional.of("10.99.0.1"), skipped)).isEmpty();
        assertThat(skipped).isEmpty();
    }

    @Test
    void entriesWithABadMacOrVtepAreSkippedAndTheOthersKept() {
        NetworkFdb fdb = new NetworkFdb("vxlan", 41, Map.of(
                "10.99.0.2", List.of(new NetworkFdb.Entry("fa:16:3e:\u0661\u0661:00:07", "10.0.0.7"),
                        new NetworkFdb.Entry("fa:16:3e:00:00:08", "10.0.0.8")),
                "10.99.0.\uff13", List.of(new NetworkFdb.Entry("fa:16:3e:00:00:09", "10.0.0.9"))));
        List<String> skipped = new ArrayList<>();

        assertThat(FdbDiff.desired(DEV, fdb, Optional.of("10.99.0.1"), skipped)).containsExactlyInAnyOrder(
                FdbEntry.flooding(DEV, "10.99.0.2"),
                FdbEntry.unicast("fa:16:3e:00:00:08", DEV, "10.99.0.2"));
        assertThat(skipped).containsExactlyInAnyOrder(
                "MAC 'fa:16:3e:\u0661\u0661:00:07' behind VTEP 10.99.0.2 is not a valid MAC address",
                "VTEP '10.99.0.\uff13' is not a valid IP address: its 1 port(s) are not reachable");
    }

    @Test
    void nothingToDoWhenTheKernelHoldsTheDesiredEntries() {
        Set<FdbEntry> desired = Set.of(FdbEntry.flooding(DEV, "10.99.0.2"), FdbEntry.unicast("fa:16:3e:00:00:07", DEV, "10.99.0.2"));

        assertThat(FdbDiff.between(desired, List.copyOf(desired)).isEmpty()).isTrue();
    }

    @Test
    void addsTheMissingRemovesTheStaleAndLetsAReplaceMoveAMac() {
        Set<FdbEntry> desired = Set.of(
                FdbEntry.flooding(DEV, "10.99.0.3"),
                FdbEntry.unicast("fa:16:3e:00:00:07", DEV, "10.99.0.3"));
        List<FdbEntry> current = List.of(
                FdbEntry.flooding(DEV, "10.99.0.2"),
                FdbEntry.unicast("fa:16:3e:00:00:07", DEV, "10.99.0.2"),
                FdbEntry.unicast("fa:16:3e:00:00:09", DEV, "10.99.0.2"));

        FdbDiff diff = FdbDiff.between(desired, current);

        assertThat(diff.toAdd()).containsExactlyInAnyOrder(FdbEntry.flooding(DEV, "10.99.0.3"),
                FdbEntry.unicast("fa:16:3e:00:00:07", DEV, "10.99.0.3"));
        assertThat(diff.toRemove()).as("the moved MAC is replaced, not deleted").containsExactlyInAnyOrder(
                FdbEntry.flooding(DEV, "10.99.0.2"), FdbEntry.unicast("fa:16:3e:00:00:09", DEV, "10.99.0.2"));
    }
}
