package org.neutrino.agent.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingResyncsTest {
    private final PendingResyncs pending = new PendingResyncs();

    @Test
    void aBurstOfMarksIsOneEntryWithAllItsReasons() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            pending.mark("net-a", "network_changed");
        }
        pending.mark("net-b", "network_removed");
        assertThat(pending.awaitAndTakeAll(Duration.ofSeconds(1))).containsExactly(
                Map.entry("net-a", List.of("network_changed", "network_changed", "network_changed", "network_changed",
                        "network_changed")),
                Map.entry("net-b", List.of("network_removed")));
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void awaitReturnsEmptyAfterTheWaitWhenNothingIsMarked() throws InterruptedException {
        long start = System.nanoTime();
        assertThat(pending.awaitAndTakeAll(Duration.ofMillis(100))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    }

    @Test
    void aMarkWakesTheWaiter() throws InterruptedException {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pending.mark("net-a", "network_changed");
        });
        long start = System.nanoTime();
        assertThat(pending.awaitAndTakeAll(Duration.ofSeconds(10))).containsKey("net-a");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
