package org.neutrino.linux;

import java.util.Optional;

/**
 * A forwarding-database entry of a VXLAN device: frames for {@code mac} go to the VTEP
 * {@code dst}. The all-zeros MAC is the flooding entry (broadcast, unknown unicast,
 * multicast go to every VTEP that has one).
 */
public record FdbEntry(String mac, String device, Optional<String> dst) {
    /** The all-zeros MAC of flooding entries. */
    public static final String FLOODING_MAC = "00:00:00:00:00:00";

    public FdbEntry {
        if (mac == null || !mac.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            throw new IllegalArgumentException("not a MAC address: " + mac);
        }
        mac = mac.toLowerCase(java.util.Locale.ROOT);
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("an FDB entry needs a device");
        }
    }

    /** The flooding entry toward {@code vtep}. */
    public static FdbEntry flooding(String device, String vtep) {
        return new FdbEntry(FLOODING_MAC, device, Optional.of(vtep));
    }

    /** A unicast entry: {@code mac} lives behind {@code vtep}. */
    public static FdbEntry unicast(String mac, String device, String vtep) {
        return new FdbEntry(mac, device, Optional.of(vtep));
    }

    public boolean isFlooding() {
        return FLOODING_MAC.equals(mac);
    }
}
