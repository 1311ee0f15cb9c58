package org.neutrino.agent.l3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.neutrino.lib.DeviceNames;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.lib.net.MacAddress;
import org.neutrino.linux.IptablesJump;
import org.neutrino.linux.IptablesTable;
import org.neutrino.rpc.agent.RouterInfo;

/**
 * What the kernel must show for one router, computed from the server's {@link RouterInfo}
 * (pure: no I/O): its namespace {@code qrouter-<id>}, one {@link RouterDevice} per port, the
 * routes through next hops (the default route via the gateway subnet's {@code gateway_ip}, the
 * extra routes), the floating addresses ({@code /32} on the {@code qg-} device, those of floating
 * IPs with port forwardings too) and the router's {@code nat} table: agent-owned chains
 * {@code neutrino-l3-PREROUTING}, {@code -OUTPUT} (DNAT floating → fixed, and per port forwarding
 * floating:external port → internal address:port of its protocol) and {@code -POSTROUTING}, jumped to from the built-in
 * chains. {@code neutrino-l3-POSTROUTING} is Neutron's SNAT in Neutron's order: traffic that
 * neither leaves by {@code qg-} nor was DNATed is accepted untranslated (east-west), a fixed
 * address with a floating IP is SNATed to it, each internal IPv4 subnet leaving by {@code qg-}
 * to the gateway address when {@code enable_snat}, and last DNATed traffic that did not enter
 * by {@code qg-} to the gateway address (hairpin NAT: an instance reaching a floating IP behind
 * its own router gets the answer back through the router). "Entered by {@code qg-}" is the
 * mark {@value #EXTERNAL_INGRESS_MARK} the {@code mangle} table's {@code neutrino-l3-PREROUTING}
 * sets, as Neutron's {@code external_ingress_mark}. Floating IPs and SNAT are IPv4 only, as in
 * Neutron. With a metadata proxy on port {@code P}, {@code neutrino-l3-PREROUTING} first
 * redirects TCP to {@code 169.254.169.254:80} arriving on a {@code qr-} device to {@code P}, and
 * a {@code filter} table chain {@code neutrino-l3-INPUT} (jumped to from {@code INPUT}) drops TCP
 * to {@code P} from any other device, so the proxy answers only the router's own subnets.
 *
 * @param floatingIps   floating IP id → floating address, of the floating IPs this router configures
 * @param mangle        the router's {@code mangle} table: the mark of packets entering by {@code qg-}
 * @param raSubnets     internal IPv6 subnets with an {@code ipv6_ra_mode}, for radvd
 * @param filter        the router's {@code filter} table, present with a metadata proxy
 * @param metadataPort  the port of the router's metadata proxy, empty without one
 *
 * @throws IllegalArgumentException (from {@link #of}) when an address, CIDR or MAC does not parse
 */
record RouterPlan(String routerId, String namespace, List<RouterDevice> devices, List<RouterRoute> routes,
                  Map<String, String> floatingIps, IptablesTable nat, IptablesTable mangle, List<RaSubnet> raSubnets,
                  Optional<IptablesTable> filter, OptionalInt metadataPort) {

    static final String PREROUTING = "neutrino-l3-PREROUTING";
    static final String OUTPUT = "neutrino-l3-OUTPUT";
    static final String POSTROUTING = "neutrino-l3-POSTROUTING";
    static final String INPUT = "neutrino-l3-INPUT";
    /** The mark (value/mask) of packets entering by {@code qg-}: Neutron's default {@code external_ingress_mark}. */
    static final String EXTERNAL_INGRESS_MARK = "0x2/0xffff";
    /** The protocols a port forwarding may have (Neutron's agent forwards these). */
    private static final Set<String> FORWARDED_PROTOCOLS = Set.of("tcp", "udp");
    /** The address instances ask for their metadata. */
    static final String METADATA_ADDRESS = "169.254.169.254/32";

    /** An internal IPv6 subnet radvd advertises on {@code device}: its prefix, {@code ipv6_ra_mode} and the MTU. */
    record RaSubnet(String device, String prefix, String raMode, int mtu) {
    }

    RouterPlan {
        devices = List.copyOf(devices);
        routes = List.copyOf(routes);
        floatingIps = Map.copyOf(floatingIps);
        raSubnets = List.copyOf(raSubnets);
    }

    /** The plan of a router without a metadata proxy. */
    static RouterPlan of(RouterInfo router) {
        return of(router, OptionalInt.empty());
    }

    /** The plan of a router whose metadata proxy listens on {@code metadataPort} (none when empty). */
    static RouterPlan of(RouterInfo router, OptionalInt metadataPort) {
        List<RouterDevice> devices = new ArrayList<>();
        List<RouterRoute> routes = new ArrayList<>();
        List<RaSubnet> raSubnets = new ArrayList<>();
        Set<String> snatSources = new LinkedHashSet<>();
        for (RouterInfo.Port port : nonNull(router.interfaces())) {
            RouterDevice device = device(port, DeviceNames.routerInternal(port.id()), false, List.of());
            devices.add(device);
            for (RouterInfo.Address address : nonNull(port.fixedIps())) {
                Cidr subnet = Cidr.parse(address.cidr());
                String prefix = subnet.network() + "/" + subnet.prefixLen();
                if (subnet.version() == 4) {
                    snatSources.add(prefix);
                } else if (address.ipv6RaMode() != null && !address.ipv6RaMode().isBlank()) {
                    raSubnets.add(new RaSubnet(device.name(), prefix, address.ipv6RaMode(), device.mtu()));
                }
            }
        }
        Map<String, String> floating = new LinkedHashMap<>();
        List<String> rules = new ArrayList<>();
        List<String> snatRules = new ArrayList<>();
        List<String> markRules = new ArrayList<>();
        metadataPort.ifPresent(port -> rules.add("-A " + PREROUTING + " -d " + METADATA_ADDRESS
                + " -i qr-+ -p tcp -m tcp --dport 80 -j REDIRECT --to-ports " + port));
        RouterInfo.Port gwPort = router.gwPort();
        if (gwPort != null) {
            String qg = DeviceNames.routerGateway(gwPort.id());
            snatRules.add("-A " + POSTROUTING + " ! -o " + qg + " -m conntrack ! --ctstate DNAT -j ACCEPT");
            List<String> floatingCidrs = new ArrayList<>();
            for (RouterInfo.FloatingIp fip : nonNull(router.floatingIps())) {
                IpAddress floatingAddress = IpAddress.parse(fip.floatingIpAddress());
                IpAddress fixed = IpAddress.parse(fip.fixedIpAddress());
                if (floatingAddress.version() != 4 || fixed.version() != 4) {
                    continue;
                }
                floating.put(fip.id(), floatingAddress.toString());
                floatingCidrs.add(floatingAddress + "/32");
                rules.add("-A " + PREROUTING + " -d " + floatingAddress + "/32 -j DNAT --to-destination " + fixed);
                rules.add("-A " + OUTPUT + " -d " + floatingAddress + "/32 -j DNAT --to-destination " + fixed);
                snatRules.add("-A " + POSTROUTING + " -s " + fixed + "/32 -j SNAT --to-source " + floatingAddress);
            }
            for (RouterInfo.PortForwarding forwarding : nonNull(router.portForwardings())) {
                IpAddress floatingAddress = IpAddress.parse(forwarding.floatingIpAddress());
                IpAddress internal = IpAddress.parse(forwarding.internalIpAddress());
                if (floatingAddress.version() != 4 || internal.version() != 4) {
                    continue;
                }
                if (floating.putIfAbsent(forwarding.floatingIpId(), floatingAddress.toString()) == null) {
                    floatingCidrs.add(floatingAddress + "/32");
                }
                String dnat = forwardingMatch(forwarding, floatingAddress) + " -j DNAT --to-destination " + internal + ":"
                        + port(forwarding.internalPort());
                rules.add("-A " + PREROUTING + dnat);
                rules.add("-A " + OUTPUT + dnat);
            }
            devices.add(device(gwPort, qg, true, floatingCidrs));
            Optional<String> gatewayAddress = Optional.empty();
            for (RouterInfo.Address address : nonNull(gwPort.fixedIps())) {
                IpAddress ip = IpAddress.parse(address.ipAddress());
                if (ip.version() == 4 && gatewayAddress.isEmpty()) {
                    gatewayAddress = Optional.of(ip.toString());
                }
                if (address.gatewayIp() != null && !address.gatewayIp().isBlank()) {
                    IpAddress next = IpAddress.parse(address.gatewayIp());
                    routes.add(new RouterRoute(next.version() == 4 ? "0.0.0.0/0" : "::/0", next.toString()));
                }
            }
            if (router.enableSnat() && gatewayAddress.isPresent()) {
                for (String source : snatSources) {
                    snatRules.add("-A " + POSTROUTING + " -s " + source + " -o " + qg + " -j SNAT --to-source "
                            + gatewayAddress.get());
                }
            }
            gatewayAddress.ifPresent(address -> {
                markRules.add("-A " + PREROUTING + " -i " + qg + " -j MARK --set-xmark " + EXTERNAL_INGRESS_MARK);
                snatRules.add("-A " + POSTROUTING + " -m mark ! --mark " + EXTERNAL_INGRESS_MARK
                        + " -m conntrack --ctstate DNAT -j SNAT --to-source " + address);
            });
        }
        for (RouterInfo.Route route : nonNull(router.routes())) {
            routes.add(new RouterRoute(kernelDestination(Cidr.parse(route.destination())),
                    IpAddress.parse(route.nexthop()).toString()));
        }
        rules.addAll(snatRules);
        IptablesTable nat = new IptablesTable("nat", List.of(PREROUTING, OUTPUT, POSTROUTING), rules,
                List.of(new IptablesJump("PREROUTING", PREROUTING), new IptablesJump("OUTPUT", OUTPUT),
                        new IptablesJump("POSTROUTING", POSTROUTING)));
        IptablesTable mangle = new IptablesTable("mangle", List.of(PREROUTING), markRules,
                List.of(new IptablesJump("PREROUTING", PREROUTING)));
        Optional<IptablesTable> filter = metadataPort.isEmpty() ? Optional.empty()
                : Optional.of(new IptablesTable("filter", List.of(INPUT),
                        List.of("-A " + INPUT + " ! -i qr-+ -p tcp -m tcp --dport " + metadataPort.getAsInt() + " -j DROP"),
                        List.of(new IptablesJump("INPUT", INPUT))));
        return new RouterPlan(router.id(), DeviceNames.routerNamespace(router.id()), devices, routes, floating, nat,
                mangle, raSubnets, filter, metadataPort);
    }

    /** The tables this router owns chains in: {@code nat}, {@code mangle}, and {@code filter} with a metadata proxy. */
    List<IptablesTable> tables() {
        List<IptablesTable> tables = new ArrayList<>(List.of(nat, mangle));
        filter.ifPresent(tables::add);
        return tables;
    }

    /** The {@code /32} addresses of the floating IPs, as they sit on the {@code qg-} device. */
    Set<String> floatingCidrs() {
        Set<String> cidrs = new LinkedHashSet<>();
        floatingIps.values().forEach(a -> cidrs.add(a + "/32"));
        return cidrs;
    }

    Optional<RouterDevice> gatewayDevice() {
        return devices.stream().filter(RouterDevice::gateway).findFirst();
    }

    private static RouterDevice device(RouterInfo.Port port, String name, boolean gateway, List<String> extraCidrs) {
        String mac = MacAddress.normalize(port.macAddress()).orElseThrow(
                () -> new IllegalArgumentException("port " + port.id() + ": bad MAC address " + port.macAddress()));
        List<String> cidrs = new ArrayList<>();
        for (RouterInfo.Address address : nonNull(port.fixedIps())) {
            Cidr subnet = Cidr.parse(address.cidr());
            IpAddress ip = IpAddress.parse(address.ipAddress());
            if (!subnet.contains(ip)) {
                throw new IllegalArgumentException("port " + port.id() + ": " + ip + " is outside " + subnet);
            }
            cidrs.add(ip + "/" + subnet.prefixLen());
        }
        cidrs.addAll(extraCidrs);
        return new RouterDevice(port.id(), name, DeviceNames.tap(port.id()), mac, Math.max(0, port.mtu()), cidrs,
                gateway);
    }

    /** {@code -d <floating>/32 -p <protocol> -m <protocol> --dport <external port>}, as iptables-save prints it. */
    private static String forwardingMatch(RouterInfo.PortForwarding forwarding, IpAddress floatingAddress) {
        String protocol = forwarding.protocol();
        if (!FORWARDED_PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("port forwarding " + forwarding.id() + ": protocol " + protocol + " is not forwarded");
        }
        return " -d " + floatingAddress + "/32 -p " + protocol + " -m " + protocol + " --dport " + port(forwarding.externalPort());
    }

    private static int port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port);
        }
        return port;
    }

    private static String kernelDestination(Cidr cidr) {
        String network = cidr.network().toString();
        if (cidr.prefixLen() == 0) {
            return cidr.version() == 4 ? "0.0.0.0/0" : "::/0";
        }
        return cidr.prefixLen() == cidr.network().bits() ? network : network + "/" + cidr.prefixLen();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
