package org.neutrino.lib.net;

import java.math.BigInteger;
import java.util.Optional;

/**
 * An IP network in CIDR notation, parsed as strictly as {@link IpAddress} (ASCII digits only).
 * The stored {@link #address} is the address as written; use {@link #isCanonical()} to refuse
 * host bits, as Neutron does for subnets.
 *
 * @param address   the address part as written
 * @param prefixLen the prefix length
 */
public record Cidr(IpAddress address, int prefixLen) {

    public Cidr {
        if (prefixLen < 0 || prefixLen > address.bits()) {
            throw new IllegalArgumentException("prefix length out of range");
        }
    }

    /** Parses {@code a.b.c.d/n} or {@code x::/n}; empty when not a CIDR. */
    public static Optional<Cidr> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return Optional.empty();
        }
        String prefixText = text.substring(slash + 1);
        if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        Optional<IpAddress> address = IpAddress.tryParse(text.substring(0, slash));
        int prefix = Integer.parseInt(prefixText);
        if (address.isEmpty() || prefix > address.get().bits()) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(address.get(), prefix));
    }

    public static Cidr parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a valid IP subnet"));
    }

    public int version() {
        return address.version();
    }

    private BigInteger hostMask() {
        return BigInteger.ONE.shiftLeft(address.bits() - prefixLen).subtract(BigInteger.ONE);
    }

    /** The first address (all host bits zero). */
    public IpAddress network() {
        return new IpAddress(version(), address.value().andNot(hostMask()));
    }

    /** The last address (all host bits one): the IPv4 broadcast. */
    public IpAddress last() {
        return new IpAddress(version(), network().value().or(hostMask()));
    }

    /** Whether the written address has no host bits set. */
    public boolean isCanonical() {
        return address.value().equals(network().value());
    }

    public BigInteger size() {
        return hostMask().add(BigInteger.ONE);
    }

    public boolean contains(IpAddress ip) {
        return ip.version() == version() && ip.value().compareTo(network().value()) >= 0
                && ip.value().compareTo(last().value()) <= 0;
    }

    public boolean overlaps(Cidr other) {
        return other.version() == version() && network().value().compareTo(other.last().value()) <= 0
                && other.network().value().compareTo(last().value()) <= 0;
    }

    /** The dotted netmask of an IPv4 network. */
    public String netmask() {
        BigInteger mask = BigInteger.ONE.shiftLeft(address.bits()).subtract(BigInteger.ONE).andNot(hostMask());
        return new IpAddress(version(), mask).toString();
    }

    /** Canonical text, {@code network/prefix}. */
    @Override
    public String toString() {
        return network() + "/" + prefixLen;
    }
}
