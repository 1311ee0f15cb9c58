package org.neutrino.linux;

import java.util.List;

/**
 * What dnsmasq should serve on one network: the subnets, the fixed addresses, the MTU to
 * advertise (option 26; 0 means none) and the ports' own options ({@code extra_dhcp_opt}), each
 * for the clients whose host line sets its tag. {@code interfaceName} is the DHCP port's device in
 * the {@code qdhcp-} namespace ({@code ns-<port11>}).
 */
public record DhcpNetworkConfig(String networkId, String interfaceName, List<DhcpSubnet> subnets,
                                List<DhcpHost> hosts, int mtu, List<DhcpOption> portOptions) {
    public DhcpNetworkConfig {
        if (networkId == null || networkId.isBlank()) {
            throw new IllegalArgumentException("a DHCP network needs an id");
        }
        if (interfaceName == null || interfaceName.isBlank()) {
            throw new IllegalArgumentException("a DHCP network needs an interface");
        }
        subnets = List.copyOf(subnets);
        hosts = List.copyOf(hosts);
        portOptions = List.copyOf(portOptions);
        if (mtu < 0) {
            throw new IllegalArgumentException("negative MTU: " + mtu);
        }
    }

    /** A network whose ports have no options of their own. */
    public DhcpNetworkConfig(String networkId, String interfaceName, List<DhcpSubnet> subnets, List<DhcpHost> hosts,
                             int mtu) {
        this(networkId, interfaceName, subnets, hosts, mtu, List.of());
    }
}
