package org.neutrino.agent.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.agent.MetadataLookup;

/** Answers are remembered for the TTL, per router (or network) and address; unknown addresses are asked again. */
class CachedInstanceLookupTest {
    private static final MetadataLookup.Instance VM = new MetadataLookup.Instance("p", "vm", "project", "net");

    private final AtomicLong clock = new AtomicLong();
    private final List<MetadataLookup> asked = new ArrayList<>();
    private final CachedInstanceLookup cache = new CachedInstanceLookup(question -> {
        asked.add(question);
        return question.ipAddress().equals("10.0.0.5") ? Optional.of(VM) : Optional.empty();
    }, clock::get);

    @Test
    void anAnswerIsRememberedForTheTtlOnlyForTheSameRouterAndAddress() {
        MetadataLookup red = MetadataLookup.viaRouter("red", "10.0.0.5");
        assertThat(cache.find(red)).contains(VM);
        assertThat(cache.find(red)).contains(VM);
        assertThat(asked).hasSize(1);
        assertThat(cache.find(MetadataLookup.viaRouter("blue", "10.0.0.5"))).contains(VM);
        assertThat(asked).as("another router is another question").hasSize(2);
        clock.addAndGet(CachedInstanceLookup.TTL.toNanos());
        assertThat(cache.find(red)).contains(VM);
        assertThat(asked).as("asked again after the TTL").hasSize(3);
    }

    @Test
    void anUnknownAddressIsAskedEveryTime() {
        MetadataLookup unknown = MetadataLookup.viaRouter("red", "10.0.0.9");
        assertThat(cache.find(unknown)).isEmpty();
        assertThat(cache.find(unknown)).isEmpty();
        assertThat(asked).hasSize(2);
    }
}
