package org.neutrino.linux;

import java.util.List;

/**
 * What dnsmasq should serve on one network: the subnets, the fixed addresses, and the MTU to
 * advertise (option 26; 0 means none). {@code interfaceName} is the DHCP port's device in the
 * {@code qdhcp-} namespace ({@code ns-<port11>}).
 */
public record DhcpNetworkConfig(String networkId, String interfaceName, List<DhcpSubnet> subnets,
                                List<DhcpHost> hosts, int mtu) {
    public DhcpNetworkConfig {
        if (networkId == null || networkId.isBlank()) {
            throw new IllegalArgumentException("a DHCP network needs an id");
        }
        if (interfaceName == null || interfaceName.isBlank()) {
            throw new IllegalArgumentException("a DHCP network needs an interface");
        }
        subnets = List.copyOf(subnets);
        hosts = List.copyOf(hosts);
        if (mtu < 0) {
            throw new IllegalArgumentException("negative MTU: " + mtu);
        }
    }
}
