package org.neutrino.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neutrino.lib.net.Cidr;

/** The text of a network's dnsmasq hosts and opts files, and its command line (pure functions). */
final class DnsmasqFiles {
    private DnsmasqFiles() {
    }

    /** One {@code mac,hostname,ip} line per host; IPv6 addresses in brackets. */
    static String hosts(DhcpNetworkConfig config) {
        StringBuilder text = new StringBuilder();
        for (DhcpHost host : config.hosts()) {
            String ip = IpVersion.of(host.ipAddress()) == IpVersion.V6 ? "[" + host.ipAddress() + "]" : host.ipAddress();
            text.append(host.mac().toLowerCase(java.util.Locale.ROOT)).append(',')
                    .append(host.effectiveHostname()).append(',').append(ip).append('\n');
        }
        return text.toString();
    }

    /**
     * Options per subnet tag, as Neutron writes them: DNS servers; host routes as option 121
     * and Microsoft's 249, with the default route added since a client that gets option 121
     * ignores the router option; the router (empty when the subnet has no gateway, so that
     * dnsmasq sends none); the MTU (option 26).
     */
    static String opts(DhcpNetworkConfig config) {
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
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** The dnsmasq argv (run inside the {@code qdhcp-} namespace). */
    static List<String> commandLine(DhcpNetworkConfig config, DnsmasqSettings settings, Path directory) {
        List<String> argv = new ArrayList<>(List.of(
                "dnsmasq",
                "--no-hosts",
                "--no-resolv",
                "--pid-file=" + directory.resolve(Dnsmasq.PID_FILE),
                "--dhcp-hostsfile=" + directory.resolve(Dnsmasq.HOSTS_FILE),
                "--dhcp-optsfile=" + directory.resolve(Dnsmasq.OPTS_FILE),
                "--dhcp-leasefile=" + directory.resolve(Dnsmasq.LEASES_FILE),
                "--bind-interfaces",
                "--interface=" + config.interfaceName(),
                "--except-interface=lo"));
        for (DhcpSubnet subnet : config.subnets()) {
            if (!subnet.servedByDhcp()) {
                continue;
            }
            Cidr cidr = Cidr.parse(subnet.cidr());
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
