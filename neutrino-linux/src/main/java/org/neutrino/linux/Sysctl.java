package org.neutrino.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kernel parameters of one network namespace ({@code ip netns exec <ns> sysctl}), or of the
 * root helper's host when none is given. Setting many values costs one spawn.
 */
public final class Sysctl {
    private final Executor executor;
    private final Optional<String> namespace;

    /** {@code sysctl} in the executor's host. */
    public Sysctl(Executor executor) {
        this(executor, Optional.empty());
    }

    private Sysctl(Executor executor, Optional<String> namespace) {
        this.executor = executor;
        this.namespace = namespace;
    }

    /** The same, acting inside network namespace {@code name}. */
    public Sysctl inNamespace(String name) {
        return new Sysctl(executor, Optional.of(name));
    }

    /** Sets every {@code key=value} (keys like {@code net.ipv4.ip_forward}) in one spawn, in map order. */
    public void set(Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("sysctl", "-q", "-w"));
        values.forEach((key, value) -> argv.add(key + "=" + value));
        executor.check(scoped(Command.of(argv)));
    }

    /** Sets one value. */
    public void set(String key, String value) {
        set(Map.of(key, value));
    }

    /** The current value of {@code key}. */
    public String get(String key) {
        return executor.check(scoped(Command.of("sysctl", "-n", key))).stdout().strip();
    }

    /**
     * The current values of {@code keys} in one spawn ({@code sysctl -n} prints one line per key,
     * in order), as key → value in the order of {@code keys}.
     *
     * @throws IllegalStateException when sysctl does not print one value per key
     */
    public Map<String, String> get(List<String> keys) {
        List<String> argv = new ArrayList<>(List.of("sysctl", "-n"));
        argv.addAll(keys);
        List<String> lines = executor.check(scoped(Command.of(argv))).stdout().strip().lines().map(String::strip)
                .toList();
        if (lines.size() != keys.size()) {
            throw new IllegalStateException("sysctl printed " + lines.size() + " values for " + keys + ": " + lines);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            values.put(keys.get(i), lines.get(i));
        }
        return values;
    }

    private Command scoped(Command command) {
        return namespace.map(command::inNamespace).orElse(command);
    }
}
