package org.neutrino.linux;

import java.util.Optional;

/**
 * One line of dnsmasq's hosts file: {@code mac} gets {@code ipAddress}, with the hostname given or,
 * by default, {@code host-<address with dashes>} as Neutron names it. A port with extra DHCP
 * options has its {@code optionsTag} set on each of its lines (the tag of its {@link DhcpOption}s)
 * and, when it has a {@code client-id} option, is matched by that client identifier
 * ({@code id:<client id>}). A line without address only sets the tag: what Neutron writes for a
 * port with options on a DHCPv6-stateless subnet, where clients ask for options only.
 */
public record DhcpHost(String mac, Optional<String> ipAddress, Optional<String> hostname, Optional<String> clientId,
                       Optional<String> optionsTag) {
    public DhcpHost {
        if (mac == null || !mac.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            throw new IllegalArgumentException("not a MAC address: " + mac);
        }
        ipAddress.ifPresent(ip -> {
            if (ip.isBlank() || ip.contains("/") || ip.contains(",")) {
                throw new IllegalArgumentException("not an IP address: " + ip);
            }
        });
        hostname.ifPresent(h -> {
            if (!h.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                throw new IllegalArgumentException("not a hostname: " + h);
            }
        });
        clientId.ifPresent(id -> {
            if (id.isBlank() || id.contains(",") || id.contains("\n")) {
                throw new IllegalArgumentException("not a client identifier dnsmasq can match: " + id);
            }
        });
        optionsTag.ifPresent(tag -> {
            if (tag.isBlank() || tag.contains(",")) {
                throw new IllegalArgumentException("not a tag: " + tag);
            }
        });
        if (ipAddress.isEmpty() && (optionsTag.isEmpty() || clientId.isPresent() || hostname.isPresent())) {
            throw new IllegalArgumentException("a host line without address only sets an options tag");
        }
    }

    public DhcpHost(String mac, String ipAddress) {
        this(mac, Optional.of(ipAddress), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DhcpHost(String mac, String ipAddress, Optional<String> hostname) {
        this(mac, Optional.of(ipAddress), hostname, Optional.empty(), Optional.empty());
    }

    /** The line of a port with options on a DHCPv6-stateless subnet: it only sets {@code optionsTag}. */
    public static DhcpHost optionsOnly(String mac, String optionsTag) {
        return new DhcpHost(mac, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(optionsTag));
    }

    /** The same line with the options tag and client identifier of its port. */
    public DhcpHost withOptions(Optional<String> clientId, Optional<String> optionsTag) {
        return new DhcpHost(mac, ipAddress, hostname, clientId, optionsTag);
    }

    /** Whether the line is for DHCPv6 clients (an IPv6 address, or options only). */
    public boolean isDhcpv6() {
        return ipAddress.map(ip -> IpVersion.of(ip) == IpVersion.V6).orElse(true);
    }

    /** The hostname given, or {@code host-10-0-0-5} / {@code host-fd00--5}; empty without address. */
    public Optional<String> effectiveHostname() {
        return hostname.or(() -> ipAddress.map(ip -> "host-" + ip.replace('.', '-').replace(':', '-')));
    }
}
