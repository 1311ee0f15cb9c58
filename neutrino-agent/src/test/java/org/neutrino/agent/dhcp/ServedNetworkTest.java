package org.neutrino.agent.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neutrino.linux.DhcpHost;
import org.neutrino.linux.DhcpOption;
import org.neutrino.linux.DhcpSubnet;
import org.neutrino.linux.HostRoute;
import org.neutrino.linux.IpVersion;
import org.neutrino.rpc.agent.DeviceDetails.FixedIp;
import org.neutrino.rpc.agent.DhcpNetwork;

class ServedNetworkTest {
    private static final DhcpNetwork.Subnet V4 = new DhcpNetwork.Subnet("s4", "10.1.0.0/22", 4, "10.1.0.1", true,
            List.of(), List.of(), null);
    private static final DhcpNetwork.Subnet NO_DHCP = new DhcpNetwork.Subnet("s-off", "10.2.0.0/24", 4, null, false,
            List.of(), List.of(), null);
    private static final DhcpNetwork.Port DHCP = new DhcpNetwork.Port("3c338602-d8aa-4bbb-8ccc-000000000002",
            "FA:16:3E:11:22:33", List.of(new FixedIp("s4", "10.1.0.2")), "network:dhcp", "dhcp");

    @Test
    void servesDhcpSubnetsOfThePortWithPrefixLengthsAndOneHostPerAddress() {
        DhcpNetwork.Port vm = new DhcpNetwork.Port("vm", "fa:16:3e:00:00:09",
                List.of(new FixedIp("s4", "10.1.2.9"), new FixedIp("s-off", "10.2.0.9")), "compute:nova", "vm");
        DhcpNetwork.Port elsewhere = new DhcpNetwork.Port("other", "fa:16:3e:00:00:0a",
                List.of(new FixedIp("s-off", "10.2.0.10")), "compute:nova", "vm2");
        ServedNetwork served = ServedNetwork.of(
                new DhcpNetwork("net", true, 9000, List.of(V4, NO_DHCP), List.of(DHCP, vm, elsewhere)), DHCP);

        assertThat(served.device().cidrs()).containsExactly("10.1.0.2/22");
        assertThat(served.device().mac()).isEqualTo("fa:16:3e:11:22:33");
        assertThat(served.device().mtu()).isEqualTo(9000);
        assertThat(served.config().subnets()).extracting(DhcpSubnet::id).containsExactly("s4");
        assertThat(served.config().hosts()).containsExactly(new DhcpHost("fa:16:3e:11:22:33", "10.1.0.2"),
                new DhcpHost("fa:16:3e:00:00:09", "10.1.2.9"));
        assertThat(served.ports()).isEqualTo(2);
    }

    @Test
    void anIsolatedIpv4SubnetGetsTheMetadataRouteViaTheDhcpPortAndTheProxyRuns() {
        Optional<DhcpAgentConfig.Metadata> isolated = Optional.of(new DhcpAgentConfig.Metadata(Path.of("/s"), false));
        DhcpNetwork network = new DhcpNetwork("net", true, 1500, List.of(V4), List.of(DHCP));

        ServedNetwork served = ServedNetwork.of(network, DHCP, isolated);

        assertThat(served.metadataProxy()).isTrue();
        assertThat(served.device().cidrs()).containsExactly("10.1.0.2/22", "169.254.169.254/32");
        assertThat(served.config().subnets().getFirst().hostRoutes())
                .containsExactly(new HostRoute("169.254.169.254/32", "10.1.0.2"));
        assertThat(ServedNetwork.of(network, DHCP).metadataProxy()).isFalse();
        assertThat(ServedNetwork.of(network, DHCP).device().cidrs()).containsExactly("10.1.0.2/22");
    }

    @Test
    void aSubnetWhoseGatewayIsARouterInterfaceGetsMetadataFromTheRouterUnlessForced() {
        DhcpNetwork.Port router = new DhcpNetwork.Port("r", "fa:16:3e:00:00:01", List.of(new FixedIp("s4", "10.1.0.1")),
                "network:router_interface", "router");
        DhcpNetwork.Port notTheGateway = new DhcpNetwork.Port("r2", "fa:16:3e:00:00:03",
                List.of(new FixedIp("s4", "10.1.0.3")), "network:router_interface", "router2");
        DhcpNetwork routed = new DhcpNetwork("net", true, 1500, List.of(V4), List.of(DHCP, router));

        ServedNetwork served = ServedNetwork.of(routed, DHCP,
                Optional.of(new DhcpAgentConfig.Metadata(Path.of("/s"), false)));
        assertThat(served.metadataProxy()).isFalse();
        assertThat(served.config().subnets().getFirst().hostRoutes()).isEmpty();
        assertThat(ServedNetwork.of(new DhcpNetwork("net", true, 1500, List.of(V4), List.of(DHCP, notTheGateway)), DHCP,
                Optional.of(new DhcpAgentConfig.Metadata(Path.of("/s"), false))).metadataProxy()).isTrue();
        assertThat(ServedNetwork.of(routed, DHCP, Optional.of(new DhcpAgentConfig.Metadata(Path.of("/s"), true)))
                .metadataProxy()).isTrue();
    }

    @Test
    void extraDhcpOptsGoUnderThePortsTagWithTheClientIdAsIdentifier() {
        DhcpNetwork.Port pxe = new DhcpNetwork.Port("7a7a7a7a-0001", "fa:16:3e:00:00:09",
                List.of(new FixedIp("s4", "10.1.2.9")), "compute:nova", "vm", List.of(
                        new DhcpNetwork.ExtraDhcpOpt("tag:!ipxe,bootfile-name", "pxelinux.0", 4),
                        new DhcpNetwork.ExtraDhcpOpt("42", "10.1.0.123", 4),
                        new DhcpNetwork.ExtraDhcpOpt("client-id", "01:fa:16:3e:00:00:09", 4),
                        new DhcpNetwork.ExtraDhcpOpt("dns-server", "[2001:db8::53]", 6)));
        DhcpNetwork.Port onlyClientId = new DhcpNetwork.Port("7a7a7a7a-0002", "fa:16:3e:00:00:0a",
                List.of(new FixedIp("s4", "10.1.2.10")), "compute:nova", "vm",
                List.of(new DhcpNetwork.ExtraDhcpOpt("61", "ff:00:00:00:0a", 4)));

        ServedNetwork served = ServedNetwork.of(new DhcpNetwork("net", true, 1500, List.of(V4),
                List.of(DHCP, pxe, onlyClientId)), DHCP);

        assertThat(served.config().hosts()).containsExactly(new DhcpHost("fa:16:3e:11:22:33", "10.1.0.2"),
                new DhcpHost("fa:16:3e:00:00:09", "10.1.2.9").withOptions(Optional.of("01:fa:16:3e:00:00:09"),
                        Optional.of("port-7a7a7a7a-0001")),
                new DhcpHost("fa:16:3e:00:00:0a", "10.1.2.10").withOptions(Optional.of("ff:00:00:00:0a"), Optional.empty()));
        assertThat(served.config().portOptions()).containsExactly(
                new DhcpOption("port-7a7a7a7a-0001", IpVersion.V4, "tag:!ipxe,bootfile-name", "pxelinux.0"),
                new DhcpOption("port-7a7a7a7a-0001", IpVersion.V4, "42", "10.1.0.123"));
        assertThat(served.skipped()).containsExactly(
                "port 7a7a7a7a-0001: DHCP option dns-server not served, the port has no IPv6 address");
    }

    @Test
    void ipv6ModesDecideWhatAPortsLinesSay() {
        DhcpNetwork.Subnet stateful = new DhcpNetwork.Subnet("s-full", "fd00:1::/64", 6, "fd00:1::1", true, List.of(), List.of(),
                "dhcpv6-stateful", "dhcpv6-stateful");
        DhcpNetwork.Subnet stateless = new DhcpNetwork.Subnet("s-less", "fd00:2::/64", 6, "fd00:2::1", true, List.of(), List.of(),
                "dhcpv6-stateless", "dhcpv6-stateless");
        DhcpNetwork.Subnet slaac = new DhcpNetwork.Subnet("s-slaac", "fd00:3::/64", 6, "fd00:3::1", true, List.of(), List.of(),
                "slaac", "slaac");
        DhcpNetwork.Subnet raOnly = new DhcpNetwork.Subnet("s-ra", "fd00:4::/64", 6, "fd00:4::1", true, List.of(), List.of(),
                null, "slaac");
        DhcpNetwork.Port dhcp = new DhcpNetwork.Port("dhcp", "fa:16:3e:11:22:33", List.of(new FixedIp("s4", "10.1.0.2"),
                new FixedIp("s-full", "fd00:1::2"), new FixedIp("s-less", "fd00:2::f816:3eff:fe11:2233"),
                new FixedIp("s-slaac", "fd00:3::f816:3eff:fe11:2233"), new FixedIp("s-ra", "fd00:4::2")), "network:dhcp", "dhcp");
        DhcpNetwork.Port vm = new DhcpNetwork.Port("7a7a7a7a-0009", "fa:16:3e:00:00:09", List.of(new FixedIp("s4", "10.1.2.9"),
                new FixedIp("s-full", "fd00:1::9"), new FixedIp("s-less", "fd00:2::f816:3eff:fe00:9"),
                new FixedIp("s-slaac", "fd00:3::f816:3eff:fe00:9")), "compute:nova", "vm",
                List.of(new DhcpNetwork.ExtraDhcpOpt("ntp-server", "[fd00:1::123]", 6)));

        ServedNetwork served = ServedNetwork.of(new DhcpNetwork("net", true, 1500, List.of(V4, stateful, stateless, slaac, raOnly),
                List.of(dhcp, vm)), dhcp);

        assertThat(served.device().cidrs()).as("every DHCP subnet's address is on the port device")
                .containsExactly("10.1.0.2/22", "fd00:1::2/64", "fd00:2::f816:3eff:fe11:2233/64", "fd00:3::f816:3eff:fe11:2233/64",
                        "fd00:4::2/64");
        assertThat(served.config().subnets()).extracting(DhcpSubnet::ipv6AddressMode).containsExactly(Optional.empty(),
                Optional.of("dhcpv6-stateful"), Optional.of("dhcpv6-stateless"), Optional.of("slaac"), Optional.of("slaac"));
        Optional<String> tag = Optional.of("port-7a7a7a7a-0009");
        assertThat(served.config().hosts()).containsExactly(new DhcpHost("fa:16:3e:11:22:33", "10.1.0.2"),
                new DhcpHost("fa:16:3e:11:22:33", "fd00:1::2"),
                DhcpHost.optionsOnly("fa:16:3e:00:00:09", tag.get()),
                new DhcpHost("fa:16:3e:00:00:09", "10.1.2.9").withOptions(Optional.empty(), tag),
                new DhcpHost("fa:16:3e:00:00:09", "fd00:1::9").withOptions(Optional.empty(), tag));
        assertThat(served.config().portOptions()).containsExactly(new DhcpOption(tag.get(), IpVersion.V6, "ntp-server",
                "[fd00:1::123]"));
    }

    @Test
    void aRecordThatDoesNotParseIsSkippedAndTheRestIsServedCanonical() {
        DhcpNetwork.Subnet v4 = new DhcpNetwork.Subnet("s4", "10.1.0.0/22", 4, "10.1.0.1", true,
                List.of("198.51.100.53", "198.51.100.\u0665\u0663", "2001:db8::53"),
                List.of(new DhcpNetwork.HostRoute("172.16.0.0/16", "10.1.0.254"),
                        new DhcpNetwork.HostRoute("172.17.0.0/\uff11\uff16", "10.1.0.254")), null);
        DhcpNetwork.Subnet broken = new DhcpNetwork.Subnet("s-bad", "10.3.0.0/\uff12\uff14", 4, "10.3.0.1", true,
                List.of(), List.of(), null);
        DhcpNetwork.Subnet v6 = new DhcpNetwork.Subnet("s6", "2001:db8::/64", 6, "2001:db8::\u0661", true,
                List.of(), List.of(), "dhcpv6-stateful");
        DhcpNetwork.Port dhcp = new DhcpNetwork.Port("dhcp", "fa:16:3e:11:22:33", List.of(new FixedIp("s4", "10.1.0.2"),
                new FixedIp("s-bad", "10.3.0.2"), new FixedIp("s6", "2001:DB8::2")), "network:dhcp", "dhcp");
        DhcpNetwork.Port badMac = new DhcpNetwork.Port("bad-mac", "fa:16:3e:\u0661\u0661:22:33",
                List.of(new FixedIp("s4", "10.1.0.7")), "compute:nova", "vm");
        DhcpNetwork.Port badIp = new DhcpNetwork.Port("bad-ip", "fa:16:3e:00:00:08",
                List.of(new FixedIp("s4", "10.1.0.\uff18"), new FixedIp("s6", "2001:db8::8")), "compute:nova", "vm");
        DhcpNetwork.Port outside = new DhcpNetwork.Port("outside", "fa:16:3e:00:00:0b",
                List.of(new FixedIp("s4", "10.9.0.11")), "compute:nova", "vm");
        DhcpNetwork.Port good = new DhcpNetwork.Port("good", "FA:16:3E:00:00:09",
                List.of(new FixedIp("s4", "10.1.2.9"), new FixedIp("s6", "2001:DB8:0::9")), "compute:nova", "vm");

        ServedNetwork served = ServedNetwork.of(new DhcpNetwork("net", true, 1500, List.of(v4, broken, v6),
                List.of(dhcp, badMac, badIp, outside, good)), dhcp);

        assertThat(served.config().subnets()).extracting(DhcpSubnet::id).containsExactly("s4", "s6");
        assertThat(served.device().cidrs()).containsExactly("10.1.0.2/22", "2001:db8::2/64");
        DhcpSubnet s4 = served.config().subnets().get(0);
        assertThat(s4.dnsNameservers()).containsExactly("198.51.100.53");
        assertThat(s4.hostRoutes()).containsExactly(new HostRoute("172.16.0.0/16", "10.1.0.254"));
        assertThat(served.config().subnets().get(1).gatewayIp()).isEmpty();
        assertThat(served.config().hosts()).containsExactly(new DhcpHost("fa:16:3e:11:22:33", "10.1.0.2"),
                new DhcpHost("fa:16:3e:11:22:33", "2001:db8::2"), new DhcpHost("fa:16:3e:00:00:08", "2001:db8::8"),
                new DhcpHost("fa:16:3e:00:00:09", "10.1.2.9"), new DhcpHost("fa:16:3e:00:00:09", "2001:db8::9"));
        assertThat(served.ports()).isEqualTo(3);
        assertThat(served.skipped()).hasSize(8).anySatisfy(s -> assertThat(s).startsWith("port bad-mac: not served"))
                .anySatisfy(s -> assertThat(s).startsWith("port bad-ip: address '10.1.0.\uff18' not served"))
                .anySatisfy(s -> assertThat(s).startsWith("port outside: address '10.9.0.11' not served"))
                .anySatisfy(s -> assertThat(s).startsWith("subnet s-bad: not served"))
                .anySatisfy(s -> assertThat(s).startsWith("subnet s6: gateway"));
    }

    @Test
    void aDhcpPortWithABadMacCannotServe() {
        DhcpNetwork.Port bad = new DhcpNetwork.Port("p", "fa:16:3e:\u0661\u0661:22:33", List.of(new FixedIp("s4", "10.1.0.2")),
                "network:dhcp", "dhcp");
        assertThatThrownBy(() -> ServedNetwork.of(new DhcpNetwork("net", true, 1500, List.of(V4), List.of(bad)), bad))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("invalid MAC");
    }

    @Test
    void anUnknownMtuIsLeftOut() {
        ServedNetwork served = ServedNetwork.of(new DhcpNetwork("net", true, 0, List.of(V4), List.of(DHCP)), DHCP);
        assertThat(served.device().mtu()).isZero();
        assertThat(served.config().mtu()).isZero();
    }

    @Test
    void aDhcpPortWithoutAddressOnADhcpSubnetCannotServe() {
        DhcpNetwork.Port bare = new DhcpNetwork.Port("p", "fa:16:3e:11:22:33", List.of(), "network:dhcp", "dhcp");
        assertThatThrownBy(() -> ServedNetwork.of(new DhcpNetwork("net", true, 1500, List.of(V4), List.of()), bare))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no address");
    }

    @Test
    void dhcpIsWantedOnlyWhenUpWithADhcpSubnet() {
        assertThat(ServedNetwork.wantsDhcp(new DhcpNetwork("n", true, 1500, List.of(V4), List.of()))).isTrue();
        assertThat(ServedNetwork.wantsDhcp(new DhcpNetwork("n", false, 1500, List.of(V4), List.of()))).isFalse();
        assertThat(ServedNetwork.wantsDhcp(new DhcpNetwork("n", true, 1500, List.of(NO_DHCP), List.of()))).isFalse();
    }
}
