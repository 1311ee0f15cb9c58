package org.neutrino.linux;

import java.util.Optional;

/**
 * One fixed address dnsmasq hands out: {@code mac} gets {@code ipAddress}, with the hostname
 * given or, by default, {@code host-<address with dashes>} as Neutron names it.
 */
public record DhcpHost(String mac, String ipAddress, Optional<String> hostname) {
    public DhcpHost {
        if (mac == null || !mac.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            throw new IllegalArgumentException("not a MAC address: " + mac);
        }
        if (ipAddress == null || ipAddress.isBlank() || ipAddress.contains("/")) {
            throw new IllegalArgumentException("not an IP address: " + ipAddress);
        }
        hostname.ifPresent(h -> {
            if (!h.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                throw new IllegalArgumentException("not a hostname: " + h);
            }
        });
    }

    public DhcpHost(String mac, String ipAddress) {
        this(mac, ipAddress, Optional.empty());
    }

    /** The hostname given, or {@code host-10-0-0-5} / {@code host-fd00--5}. */
    public String effectiveHostname() {
        return hostname.orElse("host-" + ipAddress.replace('.', '-').replace(':', '-'));
    }
}
