package org.neutrino.linux;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Connection-tracking entries of the root helper's host ({@code conntrack}): removing the
 * entries of addresses and of whole zones, so that connections a firewall no longer allows do
 * not live on as ESTABLISHED.
 */
public final class Conntrack {
    private final Executor executor;

    public Conntrack(Executor executor) {
        this.executor = executor;
    }

    /** An address whose connections in one conntrack zone (0: the default zone) are to go. */
    public record ZonedAddress(String address, int zone) implements Comparable<ZonedAddress> {
        @Override
        public int compareTo(ZonedAddress other) {
            int byZone = Integer.compare(zone, other.zone);
            return byZone != 0 ? byZone : address.compareTo(other.address);
        }
    }

    /**
     * Deletes the entries from or to each of {@code addresses} in its zone, and every entry of
     * {@code zones} (IPv4 and IPv6), in one run: {@code conntrack -R -} reads one {@code -D} per
     * line (a line that matches nothing is no error). Nothing runs when both are empty.
     */
    public void delete(Collection<ZonedAddress> addresses, Collection<Integer> zones) {
        List<String> lines = new ArrayList<>();
        for (ZonedAddress a : addresses) {
            for (String direction : new String[] {"-s", "-d"}) {
                lines.add("-D -f " + family(a.address()) + " " + direction + " " + a.address() + " -w " + a.zone());
            }
        }
        for (int zone : zones) {
            lines.add("-D -f ipv4 -w " + zone);
            lines.add("-D -f ipv6 -w " + zone);
        }
        if (!lines.isEmpty()) {
            executor.check(Command.of("conntrack", "-R", "-").withStdin(String.join("\n", lines) + "\n"));
        }
    }

    private static String family(String address) {
        return address.contains(":") ? "ipv6" : "ipv4";
    }
}
