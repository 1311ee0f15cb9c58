package org.neutrino.linux;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.neutrino.lib.net.Cidr;

/**
 * A subnet served by dnsmasq: its range ({@code --dhcp-range}) and options (router, DNS
 * servers, host routes).
 *
 * @param ipv6AddressMode for IPv6: {@code slaac} (not served: addresses come from router
 *                        advertisements), {@code dhcpv6-stateful} (addresses and options) or
 *                        {@code dhcpv6-stateless} (options only); none is served as stateful
 */
public record DhcpSubnet(String id, String cidr, Optional<String> gatewayIp, List<String> dnsNameservers,
                         List<HostRoute> hostRoutes, Optional<String> ipv6AddressMode) {
    private static final Set<String> IPV6_MODES = Set.of("slaac", "dhcpv6-stateful", "dhcpv6-stateless");

    public DhcpSubnet {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a subnet needs an id");
        }
        Cidr.parse(cidr);
        dnsNameservers = List.copyOf(dnsNameservers);
        hostRoutes = List.copyOf(hostRoutes);
        ipv6AddressMode.ifPresent(mode -> {
            if (!IPV6_MODES.contains(mode)) {
                throw new IllegalArgumentException("unknown ipv6_address_mode: " + mode);
            }
        });
    }

    /** An IPv4 subnet with a gateway and nothing else. */
    public static DhcpSubnet ipv4(String id, String cidr, String gatewayIp) {
        return new DhcpSubnet(id, cidr, Optional.of(gatewayIp), List.of(), List.of(), Optional.empty());
    }

    public IpVersion version() {
        return IpVersion.of(cidr);
    }

    /** Whether dnsmasq hands out addresses or options for this subnet (SLAAC subnets it does not). */
    public boolean servedByDhcp() {
        return version() == IpVersion.V4 || ipv6AddressMode.filter("slaac"::equals).isEmpty();
    }

    /**
     * Whether dnsmasq hands out this subnet's addresses: IPv4, DHCPv6-stateful, and IPv6 without
     * an address mode (Neutron's "static" default); not DHCPv6-stateless (options only) or SLAAC.
     */
    public boolean handsOutAddresses() {
        return version() == IpVersion.V4 || ipv6AddressMode.filter(mode -> !mode.equals("dhcpv6-stateful")).isEmpty();
    }

    /** The dnsmasq tag of this subnet's range and options. */
    public String tag() {
        return "subnet-" + id;
    }
}
