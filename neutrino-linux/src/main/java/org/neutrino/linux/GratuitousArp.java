package org.neutrino.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Announces IPv4 addresses with one unsolicited ARP each ({@code arping -U -c 1}, iputils), so
 * that neighbours that cached another MAC for an address (a floating IP that moved) learn the
 * new one at once. arping waits a second after its request whatever it is told, so the processes
 * run in the background, as Neutron sends its announcements: {@link #announce} returns at once
 * and a virtual thread reaps them.
 */
public final class GratuitousArp {
    /** How long a background arping may run before it is ended. */
    static final Duration LIMIT = Duration.ofSeconds(3);

    private final Executor executor;
    private final Optional<String> namespace;

    /** {@code arping} in the executor's host. */
    public GratuitousArp(Executor executor) {
        this(executor, Optional.empty());
    }

    private GratuitousArp(Executor executor, Optional<String> namespace) {
        this.executor = executor;
        this.namespace = namespace;
    }

    /** The same, acting inside network namespace {@code name}. */
    public GratuitousArp inNamespace(String name) {
        return new GratuitousArp(executor, Optional.of(name));
    }

    /**
     * Starts one {@code arping -U} per address out of {@code device} and returns without
     * waiting. An announcement is an optimisation (neighbours learn the address anyway): a
     * process that cannot be started is not an error of the caller's work, it is returned.
     *
     * @return the failures to start, as messages
     */
    public List<String> announce(String device, List<String> addresses) {
        List<RunningProcess> started = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String address : addresses) {
            if (IpVersion.of(address) != IpVersion.V4) {
                throw new IllegalArgumentException("ARP announces IPv4 addresses only: " + address);
            }
            Command command = Command.of("arping", "-U", "-I", device, "-c", "1", address);
            try {
                started.add(executor.start(namespace.map(command::inNamespace).orElse(command)));
            } catch (CommandFailedException e) {
                failures.add(address + ": " + e.getMessage());
            }
        }
        if (!started.isEmpty()) {
            Thread.ofVirtual().name("arping-reaper").start(() -> reap(started));
        }
        return failures;
    }

    private static void reap(List<RunningProcess> processes) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        for (RunningProcess process : processes) {
            try {
                while (process.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.close();
        }
    }
}
