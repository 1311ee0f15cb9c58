package org.neutrino.linux;

/**
 * Connection-tracking entries of the root helper's host ({@code conntrack}): removing the
 * entries of an address, so that connections a firewall no longer allows do not live on as
 * ESTABLISHED.
 */
public final class Conntrack {
    /** {@code conntrack -D} exits with 1 when no entry matched. */
    private static final int NOTHING_DELETED = 1;

    private final Executor executor;

    public Conntrack(Executor executor) {
        this.executor = executor;
    }

    /**
     * Deletes the entries from or to {@code address} (two runs: source, then destination) in
     * conntrack zone {@code zone} (0: the default zone).
     */
    public void deleteEntriesOf(String address, int zone) {
        for (String direction : new String[] {"-s", "-d"}) {
            executor.check(Command.of("conntrack", "-D", "-f", family(address), direction, address,
                    "-w", Integer.toString(zone)).allowingExitCodes(NOTHING_DELETED));
        }
    }

    /** Deletes every entry of conntrack zone {@code zone}, IPv4 and IPv6 (two runs). */
    public void deleteZone(int zone) {
        for (String family : new String[] {"ipv4", "ipv6"}) {
            executor.check(Command.of("conntrack", "-D", "-f", family, "-w", Integer.toString(zone))
                    .allowingExitCodes(NOTHING_DELETED));
        }
    }

    private static String family(String address) {
        return address.contains(":") ? "ipv6" : "ipv4";
    }
}
