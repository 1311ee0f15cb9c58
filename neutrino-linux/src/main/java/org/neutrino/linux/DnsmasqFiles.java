package org.neutrino.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neutrino.lib.net.Cidr;

/** The text of a network's dnsmasq hosts and opts files, and its command line (pure functions). */
final class DnsmasqFiles {
    private DnsmasqFiles() {
    }

    /**
     * One line per host, as Neutron writes them: {@code mac,[tag:dhcpv6,][id:<client id>,]hostname,ip[,set:<tag>]}
     * ({@code tag:dhcpv6} on IPv6 lines, so that a DHCPv4 request never matches an IPv6 line of the
     * same MAC; IPv6 addresses in brackets), or {@code mac,tag:dhcpv6,set:<tag>} for a line without
     * address.
     */
    static String hosts(DhcpNetworkConfig config) {
        StringBuilder text = new StringBuilder();
        for (DhcpHost host : config.hosts()) {
            text.append(host.mac().toLowerCase(Locale.ROOT));
            if (host.isDhcpv6()) {
                text.append(",tag:dhcpv6");
            }
            if (host.ipAddress().isPresent()) {
                String ip = host.ipAddress().get();
                host.clientId().ifPresent(id -> text.append(",id:").append(id));
                text.append(',').append(host.effectiveHostname().orElseThrow()).append(',')
                        .append(IpVersion.of(ip) == IpVersion.V6 ? "[" + ip + "]" : ip);
            }
            host.optionsTag().ifPresent(tag -> text.append(",set:").append(tag));
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * Options per subnet tag, as Neutron writes them: DNS servers; host routes as option 121
     * and Microsoft's 249, with the default route added since a client that gets option 121
     * ignores the router option; the router (empty when the subnet has no gateway, so that
     * dnsmasq sends none); the MTU (option 26). For an IPv6 subnet (not SLAAC), its DNS servers
     * and the DNS domain as domain search list; the router comes from router advertisements.
     * Then the ports' own options ({@link DhcpOption#line()}).
     */
    static String opts(DhcpNetworkConfig config, DnsmasqSettings settings) {
        List<String> lines = new ArrayList<>();
        for (DhcpSubnet subnet : config.subnets()) {
            if (!subnet.servedByDhcp()) {
                continue;
            }
            String tag = "tag:" + subnet.tag() + ",";
            if (subnet.version() == IpVersion.V6) {
                if (!subnet.dnsNameservers().isEmpty()) {
                    lines.add(tag + "option6:dns-server," + String.join(",",
                            subnet.dnsNameservers().stream().map(s -> "[" + s + "]").toList()));
                }
                lines.add(tag + "option6:domain-search," + settings.domain());
                continue;
            }
            if (!subnet.dnsNameservers().isEmpty()) {
                lines.add(tag + "option:dns-server," + String.join(",", subnet.dnsNameservers()));
            }
            if (!subnet.hostRoutes().isEmpty()) {
                List<String> routes = new ArrayList<>();
                for (HostRoute route : subnet.hostRoutes()) {
                    routes.add(route.destination() + "," + route.nexthop());
                }
                subnet.gatewayIp().ifPresent(gw -> routes.add("0.0.0.0/0," + gw));
                String joined = String.join(",", routes);
                lines.add(tag + "option:classless-static-route," + joined);
                lines.add(tag + "249," + joined);
            }
            lines.add(tag + "option:router" + subnet.gatewayIp().map(gw -> "," + gw).orElse(""));
            if (config.mtu() > 0) {
                lines.add(tag + "option:mtu," + config.mtu());
            }
        }
        config.portOptions().forEach(option -> lines.add(option.line()));
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /**
     * The dnsmasq argv (run inside the {@code qdhcp-} namespace): one static range per subnet
     * served (DHCPv6-stateless too: dnsmasq answers its information requests; an IPv6 subnet
     * shorter than /64 gets none, as in Neutron). As Neutron's, it tags iPXE
     * clients ({@code ipxe} for DHCPv4 option 175, {@code ipxe6} for the DHCPv6 user class
     * {@code iPXE}), so that port options may be given as {@code tag:!ipxe,bootfile-name}.
     */
    static List<String> commandLine(DhcpNetworkConfig config, DnsmasqSettings settings, Path directory) {
        List<String> argv = new ArrayList<>(List.of(
                "dnsmasq",
                "--no-hosts",
                "--no-resolv",
                "--pid-file=" + directory.resolve(Dnsmasq.PID_FILE),
                "--dhcp-hostsfile=" + directory.resolve(Dnsmasq.HOSTS_FILE),
                "--dhcp-optsfile=" + directory.resolve(Dnsmasq.OPTS_FILE),
                "--dhcp-leasefile=" + directory.resolve(Dnsmasq.LEASES_FILE),
                "--dhcp-match=set:ipxe,175",
                "--dhcp-userclass=set:ipxe6,iPXE",
                "--bind-interfaces",
                "--interface=" + config.interfaceName(),
                "--except-interface=lo"));
        for (DhcpSubnet subnet : config.subnets()) {
            if (!subnet.servedByDhcp()) {
                continue;
            }
            Cidr cidr = Cidr.parse(subnet.cidr());
            if (subnet.version() == IpVersion.V6 && cidr.prefixLen() < 64) {
                continue;
            }
            String mask = subnet.version() == IpVersion.V4 ? cidr.netmask() : Integer.toString(cidr.prefixLen());
            argv.add("--dhcp-range=set:" + subnet.tag() + "," + cidr.network() + ",static," + mask + ","
                    + settings.leaseTime());
        }
        argv.addAll(List.of(
                "--dhcp-lease-max=" + settings.leaseMax(),
                "--conf-file=/dev/null",
                "--domain=" + settings.domain(),
                "--user=root"));
        return argv;
    }
}
