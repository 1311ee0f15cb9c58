package org.neutrino.agent.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neutrino.agent.linux.DhcpHost;
import org.neutrino.agent.linux.DhcpSubnet;
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
