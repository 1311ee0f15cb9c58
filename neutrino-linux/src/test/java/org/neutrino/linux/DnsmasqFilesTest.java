package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DnsmasqFilesTest {
    static final String NETWORK = "3f2a9c1e-7b44-4f5c-8a9b-0c1d2e3f4a5b";

    static DhcpNetworkConfig sample() {
        DhcpSubnet v4 = new DhcpSubnet("1111", "10.0.0.0/24", Optional.of("10.0.0.1"),
                List.of("198.51.100.53", "198.51.100.54"),
                List.of(new HostRoute("172.16.0.0/16", "10.0.0.254")), Optional.empty());
        DhcpSubnet isolated = new DhcpSubnet("2222", "10.0.1.77/26", Optional.empty(), List.of(), List.of(),
                Optional.empty());
        DhcpSubnet stateful = new DhcpSubnet("3333", "fd00:1::/64", Optional.of("fd00:1::1"),
                List.of("2001:db8::53"), List.of(), Optional.of("dhcpv6-stateful"));
        DhcpSubnet slaac = new DhcpSubnet("4444", "fd00:2::/64", Optional.of("fd00:2::1"), List.of(), List.of(),
                Optional.of("slaac"));
        DhcpSubnet stateless = new DhcpSubnet("5555", "fd00:3::/64", Optional.empty(), List.of("2001:db8::53"), List.of(),
                Optional.of("dhcpv6-stateless"));
        DhcpSubnet wide = new DhcpSubnet("6666", "fd00:4::/56", Optional.empty(), List.of(), List.of(), Optional.empty());
        return new DhcpNetworkConfig(NETWORK, "ns-3c338602-d8", List.of(v4, isolated, stateful, slaac, stateless, wide),
                List.of(new DhcpHost("FA:16:3E:00:00:05", "10.0.0.5").withOptions(Optional.empty(), Optional.of("port-5555")),
                        new DhcpHost("fa:16:3e:00:00:06", "10.0.1.70", Optional.of("vm-six"))
                                .withOptions(Optional.of("01:fa:16:3e:00:00:06"), Optional.of("port-6666")),
                        new DhcpHost("fa:16:3e:00:00:05", "fd00:1::5").withOptions(Optional.empty(), Optional.of("port-5555")),
                        new DhcpHost("fa:16:3e:00:00:08", "10.0.0.8"),
                        DhcpHost.optionsOnly("fa:16:3e:00:00:07", "port-7777")),
                1450,
                List.of(new DhcpOption("port-5555", IpVersion.V4, "ntp-server", "10.0.0.123"),
                        new DhcpOption("port-5555", IpVersion.V4, "tag:!ipxe,bootfile-name", "pxelinux.0"),
                        new DhcpOption("port-5555", IpVersion.V4, "150", "192.0.2.9"),
                        new DhcpOption("port-5555", IpVersion.V6, "dns-server", "[2001:db8::99]"),
                        new DhcpOption("port-6666", IpVersion.V4, "router", ""),
                        new DhcpOption("port-7777", IpVersion.V6, "23", "[2001:db8::53]")));
    }

    @Test
    void hostsFileHasOneLinePerFixedAddress() {
        assertThat(DnsmasqFiles.hosts(sample())).isEqualTo(Golden.read("golden/dnsmasq/host"));
    }

    @Test
    void aPortOptionKeepsOnlyTheFirstLineOfItsNameAndValue() {
        assertThat(new DhcpOption("port-1", IpVersion.V4, "domain-name\nignored", "example.org\nx").line())
                .isEqualTo("tag:port-1,option:domain-name,example.org");
        assertThat(new DhcpOption("port-1", IpVersion.V6, "tag:ipxe6,bootfile-url", "http://[2001:db8::1]/boot").line())
                .isEqualTo("tag:port-1,tag:ipxe6,option6:bootfile-url,http://[2001:db8::1]/boot");
    }

    @Test
    void aHostLineWithoutAddressOnlySetsATag() {
        assertThatThrownBy(() -> new DhcpHost("fa:16:3e:00:00:07", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DhcpHost("fa:16:3e:00:00:07", "10.0.0.7").withOptions(Optional.of("a,b"),
                Optional.of("port-7"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optsFileHasRouterDnsRoutesAndMtuPerSubnetTag() {
        assertThat(DnsmasqFiles.opts(sample(), DnsmasqSettings.defaults())).isEqualTo(Golden.read("golden/dnsmasq/opts"));
    }

    @Test
    void theMetadataRouteOfAnIsolatedSubnetComesWithTheDefaultRoute() {
        DhcpSubnet isolated = new DhcpSubnet("7777", "10.0.7.0/24", Optional.of("10.0.7.1"), List.of(),
                List.of(new HostRoute("169.254.169.254/32", "10.0.7.2")), Optional.empty());
        String opts = DnsmasqFiles.opts(new DhcpNetworkConfig(NETWORK, "ns-3c338602-d8", List.of(isolated), List.of(), 0,
                List.of()), DnsmasqSettings.defaults());
        assertThat(opts.lines()).contains(
                "tag:subnet-7777,option:classless-static-route,169.254.169.254/32,10.0.7.2,0.0.0.0/0,10.0.7.1",
                "tag:subnet-7777,249,169.254.169.254/32,10.0.7.2,0.0.0.0/0,10.0.7.1",
                "tag:subnet-7777,option:router,10.0.7.1");
    }

    @Test
    void commandLineHasOneStaticRangePerServedSubnet() {
        List<String> argv = DnsmasqFiles.commandLine(sample(), DnsmasqSettings.defaults(),
                Path.of("/var/lib/neutrino/dhcp", NETWORK));
        assertThat(String.join("\n", argv) + "\n").isEqualTo(Golden.read("golden/dnsmasq/cmdline"));
    }

    @Test
    void subnetModesSayWhetherDnsmasqHandsOutAddresses() {
        List<DhcpSubnet> subnets = sample().subnets();
        assertThat(subnets).extracting(DhcpSubnet::handsOutAddresses).containsExactly(true, true, true, false, false, true);
        assertThat(subnets).extracting(DhcpSubnet::servedByDhcp).containsExactly(true, true, true, false, true, true);
    }

    @Test
    void anIpv6AddressIsAddedWithoutDuplicateAddressDetection() {
        assertThat(IpCommands.addAddressWithoutDad("ns-1", "fd00::2/64").args())
                .containsExactly("address", "add", "fd00::2/64", "nodad", "dev", "ns-1");
        assertThat(IpCommands.addAddressWithoutDad("ns-1", "10.0.0.2/24")).isEqualTo(IpCommands.addAddress("ns-1", "10.0.0.2/24"));
    }

    @Test
    void infiniteLeaseWhenDurationIsNegative() {
        assertThat(new DnsmasqSettings(Duration.ofSeconds(-1), "example.org", 10).leaseTime()).isEqualTo("infinite");
    }

    @Test
    void subnetsAreValidated() {
        assertThatThrownBy(() -> DhcpSubnet.ipv4("s", "10.0.0.0", "10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DhcpSubnet.ipv4("s", "10.0.0.0/33", "10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DhcpSubnet("s", "fd00::/64", Optional.empty(), List.of(), List.of(),
                Optional.of("dhcpv7"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DhcpHost("fa:16:3e:00:00", "10.0.0.5")).isInstanceOf(IllegalArgumentException.class);
    }
}
