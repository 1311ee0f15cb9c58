package org.neutrino.agent.dhcp;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.lib.net.MacAddress;
import org.neutrino.linux.DhcpHost;
import org.neutrino.linux.DhcpNetworkConfig;
import org.neutrino.linux.DhcpOption;
import org.neutrino.linux.DhcpSubnet;
import org.neutrino.linux.HostRoute;
import org.neutrino.linux.IpVersion;
import org.neutrino.linux.MetadataHaproxy;
import org.neutrino.rpc.agent.DeviceDetails;
import org.neutrino.rpc.agent.DhcpNetwork;

/**
 * What the agent serves for one network, computed from the server's view of the network and
 * of this host's DHCP port: the port's device in the {@code qdhcp-} namespace and the dnsmasq
 * configuration. A subnet is served when DHCP is enabled on it and the DHCP port has an
 * address in it (dnsmasq answers only on subnets its interface is on).
 *
 * <p>Every value that goes into dnsmasq's files or the kernel is checked again here (the server
 * checks it too, but a row stored by an older server, or edited by hand, must not stop DHCP for
 * the whole network): a record with a MAC, address or CIDR that does not parse strictly — a
 * port's MAC or address, a subnet's CIDR, gateway, DNS server or host route — is left out and
 * described in {@link #skipped}, and everything else is served, in canonical form.
 *
 * @param device  the DHCP port's device
 * @param config  what dnsmasq serves: the served subnets, one fixed host per port address on
 *                those that hand out addresses ({@code host-<ip with dashes>}; on a
 *                DHCPv6-stateless subnet only a line that sets the tag of a port with options,
 *                first among the port's lines as Neutron writes it; nothing on SLAAC subnets),
 *                the network's MTU, the ports' own options ({@link PortDhcpOptions})
 * @param ports   how many ports of the network have an address dnsmasq hands out
 * @param skipped the records left out, one sentence each
 * @param metadataProxy whether the network's namespace runs a metadata proxy on
 *                {@value MetadataHaproxy#METADATA_ADDRESS} (then also on the device, and DHCP routes
 *                it to the DHCP port on the subnets that get metadata this way)
 */
public record ServedNetwork(DhcpPortDevice device, DhcpNetworkConfig config, int ports, List<String> skipped,
                            boolean metadataProxy) {
    /** The device owners of a router's interface: a subnet with one on its gateway address is not isolated. */
    private static final Set<String> ROUTER_INTERFACE_OWNERS = Set.of("network:router_interface",
            "network:router_interface_distributed", "network:ha_router_replicated_interface");
    private static final String METADATA_CIDR = MetadataHaproxy.METADATA_ADDRESS + "/32";

    public ServedNetwork {
        skipped = List.copyOf(skipped);
    }

    /** Whether the network wants DHCP at all: admin up and at least one DHCP-enabled subnet. */
    public static boolean wantsDhcp(DhcpNetwork network) {
        return network.adminStateUp() && network.subnets().stream().anyMatch(DhcpNetwork.Subnet::enableDhcp);
    }

    /** The network served without metadata. */
    public static ServedNetwork of(DhcpNetwork network, DhcpNetwork.Port dhcpPort) {
        return of(network, dhcpPort, Optional.empty());
    }

    /**
     * The network served with {@code metadata} as Neutron's isolated metadata: every served IPv4
     * subnet when {@code force}, else those no router interface port holds the gateway address
     * of, get a DHCP route to {@value MetadataHaproxy#METADATA_ADDRESS} via the DHCP port's
     * address on them; the proxy runs when at least one does.
     *
     * @throws IllegalStateException when the DHCP port has no valid address on any DHCP-enabled
     *                               subnet, or no valid MAC (nothing could be served)
     */
    public static ServedNetwork of(DhcpNetwork network, DhcpNetwork.Port dhcpPort,
                                   Optional<DhcpAgentConfig.Metadata> metadata) {
        List<String> skipped = new ArrayList<>();
        Map<String, DhcpSubnet> dhcpSubnets = new LinkedHashMap<>();
        for (DhcpNetwork.Subnet subnet : network.subnets()) {
            if (subnet.enableDhcp()) {
                subnet(subnet, skipped).ifPresent(s -> dhcpSubnets.put(s.id(), s));
            }
        }
        String dhcpMac = MacAddress.normalize(dhcpPort.macAddress()).orElseThrow(() -> new IllegalStateException(
                "the DHCP port " + dhcpPort.id() + " of network " + network.id() + " has an invalid MAC '"
                        + dhcpPort.macAddress() + "'"));
        Map<String, DhcpSubnet> served = new LinkedHashMap<>();
        List<String> cidrs = new ArrayList<>();
        boolean metadataProxy = false;
        for (DeviceDetails.FixedIp ip : dhcpPort.fixedIps()) {
            DhcpSubnet subnet = dhcpSubnets.get(ip.subnetId());
            if (subnet == null || served.containsKey(subnet.id())) {
                continue;
            }
            Optional<IpAddress> address = address(ip, subnet);
            if (address.isEmpty()) {
                skipped.add("subnet " + subnet.id() + ": not served, the DHCP port's address '" + ip.ipAddress()
                        + "' is not a valid address of " + subnet.cidr());
                continue;
            }
            boolean routed = metadata.isPresent() && subnet.version() == IpVersion.V4
                    && (metadata.get().force() || isolated(subnet, network));
            served.put(subnet.id(), routed ? withMetadataRoute(subnet, address.get()) : subnet);
            metadataProxy |= routed;
            cidrs.add(address.get() + "/" + Cidr.parse(subnet.cidr()).prefixLen());
        }
        if (served.isEmpty()) {
            throw new IllegalStateException("the DHCP port " + dhcpPort.id() + " of network " + network.id()
                    + " has no address on a DHCP-enabled subnet");
        }
        if (metadataProxy) {
            cidrs.add(METADATA_CIDR);
        }
        List<DhcpHost> hosts = new ArrayList<>();
        List<DhcpOption> portOptions = new ArrayList<>();
        int ports = 0;
        for (DhcpNetwork.Port port : network.ports()) {
            List<DeviceDetails.FixedIp> ips = port.fixedIps().stream().filter(ip -> served.containsKey(ip.subnetId())).toList();
            if (ips.isEmpty()) {
                continue;
            }
            Optional<String> mac = MacAddress.normalize(port.macAddress());
            if (mac.isEmpty()) {
                skipped.add("port " + port.id() + ": not served, '" + port.macAddress() + "' is not a valid MAC address");
                continue;
            }
            PortDhcpOptions options = PortDhcpOptions.of(port, versions(port), skipped);
            boolean any = false;
            List<DhcpHost> lines = new ArrayList<>();
            for (DeviceDetails.FixedIp ip : ips) {
                DhcpSubnet subnet = served.get(ip.subnetId());
                Optional<IpAddress> address = address(ip, subnet);
                if (address.isEmpty()) {
                    skipped.add("port " + port.id() + ": address '" + ip.ipAddress() + "' not served, it is not a valid "
                            + "address of subnet " + ip.subnetId());
                } else if (subnet.handsOutAddresses()) {
                    lines.add(options.apply(new DhcpHost(mac.get(), address.get().toString())));
                    any = true;
                } else if (subnet.servedByDhcp() && options.tag().isPresent()) {
                    lines.addFirst(DhcpHost.optionsOnly(mac.get(), options.tag().get()));
                    any = true;
                }
            }
            hosts.addAll(lines.stream().distinct().toList());
            if (any) {
                ports++;
                portOptions.addAll(options.options());
            }
        }
        int mtu = network.mtu() >= DhcpPortDevice.MIN_MTU ? network.mtu() : 0;
        DhcpPortDevice device = new DhcpPortDevice(network.id(), dhcpPort.id(), dhcpMac, cidrs, mtu);
        return new ServedNetwork(device, new DhcpNetworkConfig(network.id(), device.interfaceName(),
                List.copyOf(served.values()), hosts, mtu, portOptions), ports, skipped, metadataProxy);
    }

    /** Whether no router interface port of the network holds the subnet's gateway address. */
    private static boolean isolated(DhcpSubnet subnet, DhcpNetwork network) {
        Optional<IpAddress> gateway = subnet.gatewayIp().flatMap(IpAddress::tryParse);
        return network.ports().stream().filter(port -> ROUTER_INTERFACE_OWNERS.contains(port.deviceOwner()))
                .flatMap(port -> port.fixedIps().stream())
                .noneMatch(ip -> ip.subnetId().equals(subnet.id()) && gateway.isPresent()
                        && IpAddress.tryParse(ip.ipAddress()).equals(gateway));
    }

    /** {@code subnet} with a host route to the metadata address via {@code dhcpAddress}, its DHCP port's. */
    private static DhcpSubnet withMetadataRoute(DhcpSubnet subnet, IpAddress dhcpAddress) {
        List<HostRoute> routes = new ArrayList<>(subnet.hostRoutes());
        routes.add(new HostRoute(METADATA_CIDR, dhcpAddress.toString()));
        return new DhcpSubnet(subnet.id(), subnet.cidr(), subnet.gatewayIp(), subnet.dnsNameservers(), routes,
                subnet.ipv6AddressMode());
    }

    /** The IP versions of the port's addresses (all of them, as Neutron counts them for its options). */
    private static Set<IpVersion> versions(DhcpNetwork.Port port) {
        Set<IpVersion> versions = EnumSet.noneOf(IpVersion.class);
        port.fixedIps().forEach(ip -> IpAddress.tryParse(ip.ipAddress())
                .ifPresent(a -> versions.add(a.version() == 6 ? IpVersion.V6 : IpVersion.V4)));
        return versions;
    }

    /** The address of {@code ip} in canonical form, if it parses and lies in {@code subnet}. */
    private static Optional<IpAddress> address(DeviceDetails.FixedIp ip, DhcpSubnet subnet) {
        Cidr cidr = Cidr.parse(subnet.cidr());
        return IpAddress.tryParse(ip.ipAddress()).filter(cidr::contains);
    }

    /**
     * The subnet's address mode; a subnet with a router advertisement mode but none is served as
     * SLAAC (no range, no options), since Neutron gives it no DHCP range either.
     */
    private static Optional<String> ipv6AddressMode(DhcpNetwork.Subnet subnet) {
        if (subnet.ipv6AddressMode() == null && subnet.ipv6RaMode() != null) {
            return Optional.of("slaac");
        }
        return Optional.ofNullable(subnet.ipv6AddressMode());
    }

    /** The subnet with its valid options in canonical form; empty when its CIDR is not valid. */
    private static Optional<DhcpSubnet> subnet(DhcpNetwork.Subnet subnet, List<String> skipped) {
        Optional<Cidr> cidr = Cidr.tryParse(subnet.cidr()).filter(Cidr::isCanonical);
        if (cidr.isEmpty()) {
            skipped.add("subnet " + subnet.id() + ": not served, '" + subnet.cidr() + "' is not a valid CIDR");
            return Optional.empty();
        }
        int version = cidr.get().version();
        Optional<String> gateway = Optional.empty();
        if (subnet.gatewayIp() != null) {
            gateway = IpAddress.tryParse(subnet.gatewayIp()).filter(ip -> ip.version() == version).map(IpAddress::toString);
            if (gateway.isEmpty()) {
                skipped.add("subnet " + subnet.id() + ": gateway '" + subnet.gatewayIp() + "' not served, it is not a valid "
                        + "IPv" + version + " address");
            }
        }
        List<String> nameservers = new ArrayList<>();
        for (String ns : subnet.dnsNameservers() == null ? List.<String>of() : subnet.dnsNameservers()) {
            IpAddress.tryParse(ns).filter(ip -> ip.version() == version).map(IpAddress::toString)
                    .ifPresentOrElse(nameservers::add, () -> skipped.add("subnet " + subnet.id() + ": DNS server '" + ns
                            + "' not served, it is not a valid IPv" + version + " address"));
        }
        List<HostRoute> routes = new ArrayList<>();
        for (DhcpNetwork.HostRoute route : subnet.hostRoutes() == null ? List.<DhcpNetwork.HostRoute>of() : subnet.hostRoutes()) {
            Optional<Cidr> destination = Cidr.tryParse(route.destination()).filter(d -> d.version() == version && d.isCanonical());
            Optional<IpAddress> nexthop = IpAddress.tryParse(route.nexthop()).filter(ip -> ip.version() == version);
            if (destination.isPresent() && nexthop.isPresent()) {
                routes.add(new HostRoute(destination.get().toString(), nexthop.get().toString()));
            } else {
                skipped.add("subnet " + subnet.id() + ": host route " + route.destination() + " via " + route.nexthop()
                        + " not served, it is not a valid IPv" + version + " route");
            }
        }
        return Optional.of(new DhcpSubnet(subnet.id(), cidr.get().toString(), gateway, nameservers, routes,
                ipv6AddressMode(subnet)));
    }
}
