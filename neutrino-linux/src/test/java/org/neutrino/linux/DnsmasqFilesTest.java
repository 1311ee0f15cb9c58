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
        return new DhcpNetworkConfig(NETWORK, "ns-3c338602-d8", List.of(v4, isolated, stateful, slaac),
                List.of(new DhcpHost("FA:16:3E:00:00:05", "10.0.0.5"),
                        new DhcpHost("fa:16:3e:00:00:06", "10.0.1.70", Optional.of("vm-six")),
                        new DhcpHost("fa:16:3e:00:00:05", "fd00:1::5")),
                1450);
    }

    @Test
    void hostsFileHasOneLinePerFixedAddress() {
        assertThat(DnsmasqFiles.hosts(sample())).isEqualTo(Golden.read("golden/dnsmasq/host"));
    }

    @Test
    void optsFileHasRouterDnsRoutesAndMtuPerSubnetTag() {
        assertThat(DnsmasqFiles.opts(sample())).isEqualTo(Golden.read("golden/dnsmasq/opts"));
    }

    @Test
    void commandLineHasOneStaticRangePerServedSubnet() {
        List<String> argv = DnsmasqFiles.commandLine(sample(), DnsmasqSettings.defaults(),
                Path.of("/var/lib/neutrino/dhcp", NETWORK));
        assertThat(String.join("\n", argv) + "\n").isEqualTo(Golden.read("golden/dnsmasq/cmdline"));
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
