package org.neutrino.server.services.subnetpools;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;

/**
 * A set of addresses of one IP version, as Neutron's {@code netaddr.IPSet}: kept as disjoint,
 * non-adjacent ranges, and shown as the fewest CIDRs that cover it exactly (a compacted prefix list).
 */
final class PrefixSet {
    private record Range(BigInteger first, BigInteger last) {
    }

    private final int version;
    private final List<Range> ranges;

    private PrefixSet(int version, List<Range> ranges) {
        this.version = version;
        this.ranges = ranges;
    }

    /** The union of {@code cidrs}, all of IP version {@code version}. */
    static PrefixSet of(int version, Collection<Cidr> cidrs) {
        List<Range> sorted = new ArrayList<>();
        for (Cidr cidr : cidrs) {
            sorted.add(new Range(cidr.network().value(), cidr.last().value()));
        }
        sorted.sort(Comparator.comparing(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range range : sorted) {
            Range previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (previous != null && previous.last().add(BigInteger.ONE).compareTo(range.first()) >= 0) {
                merged.set(merged.size() - 1, new Range(previous.first(), previous.last().max(range.last())));
            } else {
                merged.add(range);
            }
        }
        return new PrefixSet(version, merged);
    }

    /** The set of the prefixes written as text. */
    static PrefixSet parse(int version, Collection<?> prefixes) {
        return of(version, prefixes.stream().map(p -> Cidr.parse(String.valueOf(p))).toList());
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether every address of {@code other} is in this set. */
    boolean containsAll(PrefixSet other) {
        return other.minus(this).isEmpty();
    }

    /** Whether some address is in both sets. */
    boolean intersects(PrefixSet other) {
        return !minus(other).equals(this);
    }

    /** The addresses of this set that are not in {@code other}. */
    PrefixSet minus(PrefixSet other) {
        List<Range> out = new ArrayList<>();
        for (Range range : ranges) {
            BigInteger start = range.first();
            for (Range cut : other.ranges) {
                if (cut.last().compareTo(start) < 0 || cut.first().compareTo(range.last()) > 0) {
                    continue;
                }
                if (cut.first().compareTo(start) > 0) {
                    out.add(new Range(start, cut.first().subtract(BigInteger.ONE)));
                }
                start = cut.last().add(BigInteger.ONE);
                if (start.compareTo(range.last()) > 0) {
                    break;
                }
            }
            if (start.compareTo(range.last()) <= 0) {
                out.add(new Range(start, range.last()));
            }
        }
        return new PrefixSet(version, out);
    }

    /** The fewest CIDRs covering exactly this set, in address order. */
    List<Cidr> cidrs() {
        int bits = version == 4 ? 32 : 128;
        List<Cidr> out = new ArrayList<>();
        for (Range range : ranges) {
            BigInteger start = range.first();
            while (start.compareTo(range.last()) <= 0) {
                int size = start.signum() == 0 ? bits : Math.min(start.getLowestSetBit(), bits);
                while (start.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(range.last()) > 0) {
                    size--;
                }
                out.add(new Cidr(new IpAddress(version, start), bits - size));
                start = start.add(BigInteger.ONE.shiftLeft(size));
            }
        }
        return out;
    }

    /** The compacted prefix list as text. */
    List<String> texts() {
        return cidrs().stream().map(Cidr::toString).toList();
    }

    /**
     * Where Neutron's subnet allocator puts a new prefix of length {@code prefixLen}: at the start
     * of the smallest free block that can hold it (the first such block in address order).
     */
    Optional<Cidr> firstFit(int prefixLen) {
        return cidrs().stream().filter(c -> c.prefixLen() <= prefixLen)
                .max(Comparator.comparingInt(Cidr::prefixLen).thenComparing(c -> c.network().value(), Comparator.reverseOrder()))
                .map(c -> new Cidr(c.network(), prefixLen));
    }

    /** The number of blocks of length {@code unitLen} the set holds (its size in quota units). */
    static BigInteger units(Collection<Cidr> cidrs, int unitLen) {
        BigInteger total = BigInteger.ZERO;
        for (Cidr cidr : cidrs) {
            total = total.add(unitsOf(cidr.prefixLen(), unitLen));
        }
        return total;
    }

    /** {@code 2^(unitLen - prefixLen)}: what a prefix of this length counts in quota units. */
    static BigInteger unitsOf(int prefixLen, int unitLen) {
        return prefixLen >= unitLen ? BigInteger.ONE : BigInteger.ONE.shiftLeft(unitLen - prefixLen);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrefixSet other && other.version == version && other.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }
}
