package org.neutrino.agent.dhcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.neutrino.agent.linux.DhcpHost;
import org.neutrino.agent.linux.DhcpNetworkConfig;
import org.neutrino.agent.linux.DhcpSubnet;
import org.neutrino.agent.linux.HostRoute;
import org.neutrino.lib.net.Cidr;
import org.neutrino.rpc.agent.DeviceDetails;
import org.neutrino.rpc.agent.DhcpNetwork;

/**
 * What the agent serves for one network, computed from the server's view of the network and
 * of this host's DHCP port: the port's device in the {@code qdhcp-} namespace and the dnsmasq
 * configuration. A subnet is served when DHCP is enabled on it and the DHCP port has an
 * address in it (dnsmasq answers only on subnets its interface is on).
 *
 * @param device the DHCP port's device
 * @param config what dnsmasq serves: the served subnets, one fixed host per port address in
 *               them ({@code host-<ip with dashes>}), the network's MTU
 * @param ports  how many ports of the network have an address dnsmasq hands out
 */
public record ServedNetwork(DhcpPortDevice device, DhcpNetworkConfig config, int ports) {

    /** Whether the network wants DHCP at all: admin up and at least one DHCP-enabled subnet. */
    public static boolean wantsDhcp(DhcpNetwork network) {
        return network.adminStateUp() && network.subnets().stream().anyMatch(DhcpNetwork.Subnet::enableDhcp);
    }

    /**
     * @throws IllegalStateException when the DHCP port has no address on any DHCP-enabled
     *                               subnet (nothing could be served)
     */
    public static ServedNetwork of(DhcpNetwork network, DhcpNetwork.Port dhcpPort) {
        Map<String, DhcpNetwork.Subnet> dhcpSubnets = network.subnets().stream()
                .filter(DhcpNetwork.Subnet::enableDhcp)
                .collect(Collectors.toMap(DhcpNetwork.Subnet::id, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
        List<DhcpSubnet> subnets = new ArrayList<>();
        List<String> cidrs = new ArrayList<>();
        for (DeviceDetails.FixedIp ip : dhcpPort.fixedIps()) {
            DhcpNetwork.Subnet subnet = dhcpSubnets.get(ip.subnetId());
            if (subnet != null && subnets.stream().noneMatch(s -> s.id().equals(subnet.id()))) {
                subnets.add(subnet(subnet));
                cidrs.add(ip.ipAddress() + "/" + Cidr.parse(subnet.cidr()).prefixLen());
            }
        }
        if (subnets.isEmpty()) {
            throw new IllegalStateException("the DHCP port " + dhcpPort.id() + " of network " + network.id()
                    + " has no address on a DHCP-enabled subnet");
        }
        List<String> served = subnets.stream().map(DhcpSubnet::id).toList();
        List<DhcpHost> hosts = new ArrayList<>();
        int ports = 0;
        for (DhcpNetwork.Port port : network.ports()) {
            boolean any = false;
            for (DeviceDetails.FixedIp ip : port.fixedIps()) {
                if (served.contains(ip.subnetId())) {
                    hosts.add(new DhcpHost(port.macAddress().toLowerCase(Locale.ROOT), ip.ipAddress()));
                    any = true;
                }
            }
            ports += any ? 1 : 0;
        }
        int mtu = network.mtu() >= DhcpPortDevice.MIN_MTU ? network.mtu() : 0;
        DhcpPortDevice device = new DhcpPortDevice(network.id(), dhcpPort.id(),
                dhcpPort.macAddress().toLowerCase(Locale.ROOT), cidrs, mtu);
        return new ServedNetwork(device,
                new DhcpNetworkConfig(network.id(), device.interfaceName(), subnets, hosts, mtu), ports);
    }

    private static DhcpSubnet subnet(DhcpNetwork.Subnet subnet) {
        List<HostRoute> routes = subnet.hostRoutes() == null ? List.of() : subnet.hostRoutes().stream()
                .map(r -> new HostRoute(r.destination(), r.nexthop())).toList();
        return new DhcpSubnet(subnet.id(), subnet.cidr(), Optional.ofNullable(subnet.gatewayIp()),
                subnet.dnsNameservers() == null ? List.of() : subnet.dnsNameservers(), routes,
                Optional.ofNullable(subnet.ipv6AddressMode()));
    }
}
