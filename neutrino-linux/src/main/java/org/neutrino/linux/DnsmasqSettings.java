package org.neutrino.linux;

import java.time.Duration;

/**
 * The DHCP agent options that shape every dnsmasq: {@code dhcp_lease_duration} (a negative
 * value means infinite, as in Neutron), {@code dns_domain} and {@code dnsmasq_lease_max}.
 */
public record DnsmasqSettings(Duration leaseDuration, String domain, int leaseMax) {
    public DnsmasqSettings {
        if (leaseDuration.isZero()) {
            throw new IllegalArgumentException("lease duration must not be zero");
        }
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("a DNS domain is required");
        }
        if (leaseMax < 1) {
            throw new IllegalArgumentException("lease max must be positive: " + leaseMax);
        }
    }

    /** Neutron's defaults: 86400 s, {@code openstacklocal}, 2^24 leases. */
    public static DnsmasqSettings defaults() {
        return new DnsmasqSettings(Duration.ofSeconds(86400), "openstacklocal", 1 << 24);
    }

    /** The lease time as dnsmasq writes it: {@code 86400s} or {@code infinite}. */
    public String leaseTime() {
        return leaseDuration.isNegative() ? "infinite" : leaseDuration.toSeconds() + "s";
    }
}
