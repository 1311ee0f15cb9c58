package org.neutrino.lib.net;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * MAC address parsing, normalisation to {@code aa:bb:cc:dd:ee:ff}, and generation from a base.
 * Only ASCII hex digits are accepted: a MAC reaches the kernel and dnsmasq as text.
 */
public final class MacAddress {
    /** Six octets with one separator throughout, three groups of four, or twelve bare hex digits. */
    private static final Pattern FORMS = Pattern.compile("[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\\1[0-9A-Fa-f]{2}){4}"
            + "|[0-9A-Fa-f]{4}([.:-])[0-9A-Fa-f]{4}\\3[0-9A-Fa-f]{4}|[0-9A-Fa-f]{12}");

    private MacAddress() {
    }

    /**
     * Normalises {@code aa:bb:cc:dd:ee:ff}, {@code AA-BB-CC-DD-EE-FF}, {@code aabb.ccdd.eeff} or
     * {@code aabbccddeeff}; empty if not a MAC in one of these forms.
     */
    public static Optional<String> normalize(String text) {
        if (text == null || !FORMS.matcher(text).matches()) {
            return Optional.empty();
        }
        String hex = text.toLowerCase(Locale.ROOT).replace(":", "").replace("-", "").replace(".", "");
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return Optional.of(out.toString());
    }

    /** Whether the MAC is usable for a port: not multicast, not all zeros. */
    public static boolean isUnicast(String normalized) {
        int first = HexFormat.fromHexDigits(normalized, 0, 2);
        return (first & 1) == 0 && !normalized.equals("00:00:00:00:00:00");
    }

    /**
     * A random MAC from {@code baseMac}, as Neutron's {@code base_mac} (default
     * {@code fa:16:3e:00:00:00}): the first three octets are kept, the fourth too when it is not
     * {@code 00}, the rest are random.
     */
    public static String random(String baseMac, RandomGenerator random) {
        String[] base = baseMac.split(":");
        String fourth = base[3].equals("00") ? octet(random) : base[3];
        return base[0] + ":" + base[1] + ":" + base[2] + ":" + fourth + ":" + octet(random) + ":" + octet(random);
    }

    private static String octet(RandomGenerator random) {
        return String.format("%02x", random.nextInt(256));
    }

    /** The modified EUI-64 interface identifier of a MAC, as a 64-bit value (SLAAC). */
    public static long eui64(String normalized) {
        String[] o = normalized.split(":");
        long id = 0;
        int[] bytes = {HexFormat.fromHexDigits(o[0]) ^ 0x02, HexFormat.fromHexDigits(o[1]), HexFormat.fromHexDigits(o[2]),
            0xff, 0xfe, HexFormat.fromHexDigits(o[3]), HexFormat.fromHexDigits(o[4]), HexFormat.fromHexDigits(o[5])};
        for (int b : bytes) {
            id = (id << 8) | b;
        }
        return id;
    }
}
