package org.neutrino.linux;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Connection-tracking entries of the root helper's host ({@code conntrack}): removing the
 * entries of addresses, of whole zones and of flows matching a filter, so that connections a
 * firewall no longer allows do not live on as ESTABLISHED.
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
     * The connections of one zone that match: an address family, and where not {@code null} an IP
     * protocol number, an original source and destination (an address or a CIDR) and an original
     * destination port (only for protocols with ports).
     */
    public record Flows(int zone, IpVersion version, Integer protocol, String source, String destination,
                        Integer destinationPort) implements Comparable<Flows> {
        /** The {@code conntrack} arguments deleting them. */
        public String deleteArgs() {
            StringBuilder args = new StringBuilder("-D -f " + (version == IpVersion.V4 ? "ipv4" : "ipv6"));
            if (protocol != null) {
                args.append(" -p ").append(protocol);
            }
            if (source != null) {
                args.append(" -s ").append(source);
            }
            if (destination != null) {
                args.append(" -d ").append(destination);
            }
            if (destinationPort != null) {
                args.append(" --dport ").append(destinationPort);
            }
            return args.append(" -w ").append(zone).toString();
        }

        private static final Comparator<Flows> ORDER = Comparator.comparingInt(Flows::zone)
                .thenComparing(Flows::version)
                .thenComparing(Flows::protocol, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Flows::source, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Flows::destination, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Flows::destinationPort, Comparator.nullsFirst(Comparator.naturalOrder()));

        @Override
        public int compareTo(Flows other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * Deletes the entries from or to each of {@code addresses} in its zone, every entry of
     * {@code zones} (IPv4 and IPv6) and the entries of {@code flows}, in one run:
     * {@code conntrack -R -} reads one {@code -D} per line (a line that matches nothing is no
     * error; a line twice is written once). Nothing runs when all are empty.
     */
    public void delete(Collection<ZonedAddress> addresses, Collection<Integer> zones, Collection<Flows> flows) {
        Set<String> lines = new LinkedHashSet<>();
        for (ZonedAddress a : addresses) {
            for (String direction : new String[] {"-s", "-d"}) {
                lines.add("-D -f " + family(a.address()) + " " + direction + " " + a.address() + " -w " + a.zone());
            }
        }
        for (int zone : zones) {
            lines.add("-D -f ipv4 -w " + zone);
            lines.add("-D -f ipv6 -w " + zone);
        }
        flows.forEach(f -> lines.add(f.deleteArgs()));
        if (!lines.isEmpty()) {
            executor.check(Command.of("conntrack", "-R", "-").withStdin(String.join("\n", lines) + "\n"));
        }
    }

    private static String family(String address) {
        return address.contains(":") ? "ipv6" : "ipv4";
    }
}
