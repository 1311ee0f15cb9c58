package org.neutrino.lib.net;

import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** MAC address parsing, normalisation to {@code aa:bb:cc:dd:ee:ff}, and generation from a base. */
public final class MacAddress {
    private MacAddress() {
    }

    /** Normalises {@code AA-BB-...}, {@code aabb.ccdd.eeff} or colon forms; empty if not a MAC. */
    public static Optional<String> normalize(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String hex = text.toLowerCase(Locale.ROOT).replace(":", "").replace("-", "").replace(".", "");
        if (hex.length() != 12 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        String[] sep = text.split("[:.-]");
        boolean wellFormed = sep.length == 6 && java.util.Arrays.stream(sep).allMatch(p -> p.length() == 2)
                || sep.length == 3 && java.util.Arrays.stream(sep).allMatch(p -> p.length() == 4)
                || sep.length == 1;
        if (!wellFormed) {
            return Optional.empty();
        }
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
        int first = Integer.parseInt(normalized.substring(0, 2), 16);
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
        int[] bytes = {Integer.parseInt(o[0], 16) ^ 0x02, Integer.parseInt(o[1], 16), Integer.parseInt(o[2], 16),
            0xff, 0xfe, Integer.parseInt(o[3], 16), Integer.parseInt(o[4], 16), Integer.parseInt(o[5], 16)};
        for (int b : bytes) {
            id = (id << 8) | b;
        }
        return id;
    }
}
