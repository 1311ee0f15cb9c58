package org.neutrino.linux;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * IP sets of the root helper's host ({@code ipset}), changed in batches: any number of sets
 * (re)filled and destroyed with ONE {@code ipset restore}. A set is refilled atomically: its new
 * members go into a temporary set that is then swapped in, so a rule matching the set never sees
 * it half full.
 */
public final class Ipset {
    /** The kernel's limit on set names. */
    public static final int MAX_NAME_LENGTH = 31;
    private static final String TEMPORARY_SUFFIX = "-t";

    private final Executor executor;

    public Ipset(Executor executor) {
        this.executor = executor;
    }

    /**
     * A set's desired content.
     *
     * @param name    at most {@link #MAX_NAME_LENGTH} - 2 characters (room for the temporary twin)
     * @param version the family of its addresses
     * @param members addresses or CIDRs ({@code hash:net}; a {@code /0} is stored as two {@code /1})
     */
    public record Members(String name, IpVersion version, Set<String> members) {
        public Members {
            if (name == null || !name.matches("[A-Za-z0-9_.-]{1," + (MAX_NAME_LENGTH - TEMPORARY_SUFFIX.length()) + "}")) {
                throw new IllegalArgumentException("not an ipset name: " + name);
            }
            members = Collections.unmodifiableSortedSet(new TreeSet<>(members));
        }
    }

    /** The names of the sets that exist ({@code ipset list -n}). */
    public Set<String> names() {
        Set<String> out = new TreeSet<>();
        for (String line : executor.check(Command.of("ipset", "list", "-n")).stdout().split("\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    /**
     * Creates or refills every set of {@code fill}, then destroys every set of {@code destroy}
     * (which no iptables rule may still reference), in one {@code ipset restore}. Nothing runs
     * when both are empty.
     */
    public void apply(Collection<Members> fill, Collection<String> destroy) {
        if (fill.isEmpty() && destroy.isEmpty()) {
            return;
        }
        executor.check(Command.of("ipset", "restore", "-exist").withStdin(restoreText(fill, destroy)));
    }

    /**
     * A member as {@code hash:net} stores it: the kernel refuses prefix length 0, so a whole
     * address family is its two halves (as Neutron's ipset manager does).
     */
    private static List<String> storable(String member) {
        return switch (member) {
            case "0.0.0.0/0" -> List.of("0.0.0.0/1", "128.0.0.0/1");
            case "::/0" -> List.of("::/1", "8000::/1");
            default -> List.of(member);
        };
    }

    /** The {@code ipset restore} input of {@link #apply}. */
    static String restoreText(Collection<Members> fill, Collection<String> destroy) {
        List<String> lines = new ArrayList<>();
        for (Members set : fill) {
            String family = set.version() == IpVersion.V4 ? "inet" : "inet6";
            String temporary = set.name() + TEMPORARY_SUFFIX;
            lines.add("create " + set.name() + " hash:net family " + family);
            lines.add("create " + temporary + " hash:net family " + family);
            lines.add("flush " + temporary);
            set.members().stream().flatMap(member -> storable(member).stream()).distinct()
                    .forEach(member -> lines.add("add " + temporary + " " + member));
            lines.add("swap " + temporary + " " + set.name());
            lines.add("destroy " + temporary);
        }
        new TreeSet<>(destroy).forEach(name -> lines.add("destroy " + name));
        return String.join("\n", lines) + "\n";
    }
}
