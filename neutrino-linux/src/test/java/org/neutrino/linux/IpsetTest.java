package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IpsetTest {
    private final RecordingExecutor executor = new RecordingExecutor();

    @Test
    void refillsBySwapAndDestroysInOneRestore() {
        new Ipset(executor).apply(List.of(new Ipset.Members("ns4-a", IpVersion.V4, Set.of("10.0.0.7", "10.0.0.5")),
                new Ipset.Members("ns6-a", IpVersion.V6, Set.of())), List.of("ns4-gone"));

        assertThat(executor.commandLines()).containsExactly("ipset restore -exist");
        assertThat(executor.commands().get(0).stdin()).contains("""
                create ns4-a hash:net family inet
                create ns4-a-t hash:net family inet
                flush ns4-a-t
                add ns4-a-t 10.0.0.5
                add ns4-a-t 10.0.0.7
                swap ns4-a-t ns4-a
                destroy ns4-a-t
                create ns6-a hash:net family inet6
                create ns6-a-t hash:net family inet6
                flush ns6-a-t
                swap ns6-a-t ns6-a
                destroy ns6-a-t
                destroy ns4-gone
                """);
    }

    @Test
    void aWholeFamilyIsStoredAsItsTwoHalvesForHashNetRefusesPrefixZero() {
        new Ipset(executor).apply(List.of(new Ipset.Members("ag4-a", IpVersion.V4, Set.of("0.0.0.0/0", "10.0.0.0/8")),
                new Ipset.Members("ag6-a", IpVersion.V6, Set.of("::/0"))), List.of());

        assertThat(executor.commands().get(0).stdin().orElseThrow()).contains("""
                add ag4-a-t 0.0.0.0/1
                add ag4-a-t 128.0.0.0/1
                add ag4-a-t 10.0.0.0/8
                """).contains("""
                add ag6-a-t ::/1
                add ag6-a-t 8000::/1
                """).doesNotContain("/0\n");
    }

    @Test
    void nothingToDoSpawnsNothing() {
        new Ipset(executor).apply(List.of(), List.of());
        assertThat(executor.commandLines()).isEmpty();
    }

    @Test
    void listsNamesAndRefusesNamesTooLongForTheTemporaryTwin() {
        executor.answer("ipset list -n", CommandResult.ok("ns4-a\nns6-a\n"));
        assertThat(new Ipset(executor).names()).containsExactly("ns4-a", "ns6-a");
        assertThatThrownBy(() -> new Ipset.Members("x".repeat(30), IpVersion.V4, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
