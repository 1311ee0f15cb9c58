package org.neutrino.linux;

import java.util.Optional;

/**
 * Forgets the connection-tracking entries of one address ({@code conntrack -D}), in one network
 * namespace or the root helper's host: after a floating IP goes, its NAT bindings must not keep
 * carrying established flows.
 */
public final class AddressConntrack {
    /** conntrack's exit code when no entry matched. */
    static final int NOTHING_DELETED = 1;

    private final Executor executor;
    private final Optional<String> namespace;

    /** {@code conntrack} in the executor's host. */
    public AddressConntrack(Executor executor) {
        this(executor, Optional.empty());
    }

    private AddressConntrack(Executor executor, Optional<String> namespace) {
        this.executor = executor;
        this.namespace = namespace;
    }

    /** The same, acting inside network namespace {@code name}. */
    public AddressConntrack inNamespace(String name) {
        return new AddressConntrack(executor, Optional.of(name));
    }

    /**
     * Deletes the entries whose original destination is {@code address} (flows DNATed to it) and
     * those whose reply goes to it (flows SNATed to it): two spawns. No entry is not an error.
     *
     * @throws CommandFailedException when conntrack fails otherwise
     */
    public void deleteFlowsOf(String address) {
        String family = IpVersion.of(address) == IpVersion.V4 ? "ipv4" : "ipv6";
        for (String direction : new String[] {"--orig-dst", "--reply-dst"}) {
            Command command = Command.of("conntrack", "-D", "-f", family, direction, address)
                    .allowingExitCodes(NOTHING_DELETED);
            executor.check(namespace.map(command::inNamespace).orElse(command));
        }
    }
}
