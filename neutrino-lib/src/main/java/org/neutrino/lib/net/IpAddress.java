package org.neutrino.lib.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as a number, with its canonical text (dotted quad, or RFC 5952
 * compressed lower-case form). Parsing is strict, as Neutron's validators: ASCII digits only,
 * IPv4 as four decimal octets without leading zeros (which {@code inet_aton} would read as
 * octal), no zone index; it never touches DNS.
 *
 * @param version 4 or 6
 * @param value   the address as an unsigned number
 */
public record IpAddress(int version, BigInteger value) implements Comparable<IpAddress> {

    private static final BigInteger MAX_V4 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger MAX_V6 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public IpAddress {
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException("IP version must be 4 or 6");
        }
        if (value.signum() < 0 || value.compareTo(version == 4 ? MAX_V4 : MAX_V6) > 0) {
            throw new IllegalArgumentException("address out of range for IPv" + version);
        }
    }

    /** Parses a literal; empty when {@code text} is not an IPv4 or IPv6 address. */
    public static Optional<IpAddress> tryParse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            return parseV4(text, false);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == ':' || c == '.' || HexFormat.isHexDigit(c);
            if (!ok) {
                return Optional.empty();
            }
        }
        try {
            // Only ASCII hex digits, colons and dots: InetAddress parses it as a literal, no lookup.
            byte[] bytes = InetAddress.getByName(text).getAddress();
            if (bytes.length == 4) {
                // "::ffff:1.2.3.4" is folded to IPv4 by the JDK; keep it as the IPv6 it was.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
            return Optional.of(new IpAddress(6, new BigInteger(1, bytes)));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Parses a literal or throws {@link IllegalArgumentException}. */
    public static IpAddress parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a valid IP address"));
    }

    /**
     * The address an IPv4 literal with leading zeros in its octets ({@code 010.0.0.1}) would be if
     * they were decimal: Neutron refuses such a literal and recommends this address instead.
     */
    public static Optional<IpAddress> withoutLeadingZeros(String text) {
        return text == null || text.length() > 15 ? Optional.empty() : parseV4(text, true);
    }

    private static Optional<IpAddress> parseV4(String text, boolean leadingZeros) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !leadingZeros && part.length() > 1 && part.charAt(0) == '0') {
                return Optional.empty();
            }
            int octet = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    return Optional.empty();
                }
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(new IpAddress(4, BigInteger.valueOf(value)));
    }

    /** The address {@code n} after this one (n may be negative). */
    public IpAddress plus(long n) {
        return new IpAddress(version, value.add(BigInteger.valueOf(n)));
    }

    public int bits() {
        return version == 4 ? 32 : 128;
    }

    @Override
    public int compareTo(IpAddress other) {
        int byVersion = Integer.compare(version, other.version);
        return byVersion != 0 ? byVersion : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return version == 4 ? v4Text() : v6Text();
    }

    private String v4Text() {
        long v = value.longValue();
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    private String v6Text() {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        // RFC 5952: compress the longest run (length >= 2) of zero groups, the first if tied.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
