package org.neutrino.linux;

import java.util.Optional;

/**
 * Announces an IPv4 address with one unsolicited ARP ({@code arping -U -c 1}, iputils), so that
 * neighbours that cached another MAC for it (a floating IP that moved) learn the new one at once.
 */
public final class GratuitousArp {
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
     * Sends one unsolicited ARP for {@code address} out of {@code device}. A failure is returned,
     * not thrown: an announcement is an optimisation, neighbours learn the address anyway.
     */
    public CommandResult announce(String device, String address) {
        if (IpVersion.of(address) != IpVersion.V4) {
            throw new IllegalArgumentException("ARP announces IPv4 addresses only: " + address);
        }
        Command command = Command.of("arping", "-U", "-I", device, "-c", "1", "-w", "1", address);
        return executor.execute(namespace.map(command::inNamespace).orElse(command));
    }
}
