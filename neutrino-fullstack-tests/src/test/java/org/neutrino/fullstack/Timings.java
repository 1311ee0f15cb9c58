package org.neutrino.fullstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Durations measured by a test (plug to ACTIVE, DHCP lease), summarised as median and maximum. */
final class Timings {
    private final String what;
    private final List<Duration> samples = new ArrayList<>();

    Timings(String what) {
        this.what = what;
    }

    void add(Duration sample) {
        samples.add(sample);
    }

    /** The median (the lower one for an even count). */
    Duration p50() {
        List<Duration> sorted = samples.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    Duration max() {
        return samples.stream().max(Duration::compareTo).orElseThrow();
    }

    /** {@code "<what>: n=4 p50=812 ms max=1204 ms"}, also printed on the test's output. */
    String report() {
        String line = what + ": n=" + samples.size() + " p50=" + p50().toMillis() + " ms max=" + max().toMillis()
                + " ms (" + samples.stream().map(d -> d.toMillis() + "").toList() + ")";
        System.out.println("[fullstack timing] " + line);
        return line;
    }
}
