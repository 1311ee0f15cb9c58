package org.neutrino.agent.l3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.agent.RouterInfo;

class RouterPlanTest {

    @Test
    void devicesAddressesRoutesAndNatFollowTheRouter() {
        RouterPlan plan = RouterPlan.of(Routers.router(true,
                List.of(Routers.floatingIp(Routers.FIP1, "203.0.113.10", "172.16.1.5")),
                List.of(new RouterInfo.Route("10.20.0.0/16", "172.16.1.254"),
                        new RouterInfo.Route("10.30.0.7/32", "172.16.1.253"))));

        assertThat(plan.namespace()).isEqualTo(Routers.NAMESPACE);
        assertThat(plan.devices()).extracting(RouterDevice::name).containsExactly(Routers.QR, Routers.QG);
        RouterDevice qr = plan.devices().get(0);
        assertThat(qr.tap()).isEqualTo("tap1a1a1a1a-00");
        assertThat(qr.cidrs()).containsExactly("172.16.1.1/24");
        assertThat(qr.mtu()).isEqualTo(1450);
        RouterDevice qg = plan.gatewayDevice().orElseThrow();
        assertThat(qg.cidrs()).containsExactly("203.0.113.2/24", "203.0.113.10/32");
        assertThat(plan.routes()).containsExactly(new RouterRoute("0.0.0.0/0", "203.0.113.1"),
                new RouterRoute("10.20.0.0/16", "172.16.1.254"), new RouterRoute("10.30.0.7", "172.16.1.253"));
        assertThat(plan.floatingIps()).containsEntry(Routers.FIP1, "203.0.113.10");
        assertThat(plan.nat().rules()).containsExactly(
                "-A neutrino-l3-PREROUTING -d 203.0.113.10/32 -j DNAT --to-destination 172.16.1.5",
                "-A neutrino-l3-OUTPUT -d 203.0.113.10/32 -j DNAT --to-destination 172.16.1.5",
                "-A neutrino-l3-POSTROUTING ! -o qg-2b2b2b2b-00 -m conntrack ! --ctstate DNAT -j ACCEPT",
                "-A neutrino-l3-POSTROUTING -s 172.16.1.5/32 -j SNAT --to-source 203.0.113.10",
                "-A neutrino-l3-POSTROUTING -s 172.16.1.0/24 -o qg-2b2b2b2b-00 -j SNAT --to-source 203.0.113.2",
                "-A neutrino-l3-POSTROUTING -m mark ! --mark 0x2/0xffff -m conntrack --ctstate DNAT -j SNAT --to-source 203.0.113.2");
        assertThat(plan.mangle().rules()).containsExactly(
                "-A neutrino-l3-PREROUTING -i qg-2b2b2b2b-00 -j MARK --set-xmark 0x2/0xffff");
    }

    @Test
    void portForwardingsDnatTheirProtocolAndPortAndPutTheFloatingAddressOnTheGateway() {
        RouterPlan plan = RouterPlan.of(Routers.withPortForwardings(Routers.forwarding("tcp", 2222, 22),
                Routers.forwarding("udp", 5353, 53)));

        assertThat(plan.gatewayDevice().orElseThrow().cidrs()).containsExactly("203.0.113.2/24", "203.0.113.10/32", "203.0.113.20/32");
        assertThat(plan.floatingIps()).containsEntry(Routers.FIP2, "203.0.113.20");
        assertThat(plan.nat().rules()).containsSubsequence(
                "-A neutrino-l3-PREROUTING -d 203.0.113.20/32 -p tcp -m tcp --dport 2222 -j DNAT --to-destination 172.16.1.5:22",
                "-A neutrino-l3-OUTPUT -d 203.0.113.20/32 -p tcp -m tcp --dport 2222 -j DNAT --to-destination 172.16.1.5:22",
                "-A neutrino-l3-PREROUTING -d 203.0.113.20/32 -p udp -m udp --dport 5353 -j DNAT --to-destination 172.16.1.5:53",
                "-A neutrino-l3-OUTPUT -d 203.0.113.20/32 -p udp -m udp --dport 5353 -j DNAT --to-destination 172.16.1.5:53");
        assertThat(plan.nat().rules()).as("no SNAT to a forwarded floating address: replies are un-DNATed by conntrack")
                .noneMatch(rule -> rule.contains("--to-source 203.0.113.20"));
        assertThatThrownBy(() -> RouterPlan.of(Routers.withPortForwardings(Routers.forwarding("icmp", 1, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("icmp");
        assertThatThrownBy(() -> RouterPlan.of(Routers.withPortForwardings(Routers.forwarding("tcp", 0, 22))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMetadataProxyRedirectsTheMetadataAddressFromInternalDevicesAndDropsItsPortFromOthers() {
        RouterPlan plan = RouterPlan.of(Routers.router(true, List.of(), List.of()), OptionalInt.of(9697));
        assertThat(plan.nat().rules()).first().isEqualTo(
                "-A neutrino-l3-PREROUTING -d 169.254.169.254/32 -i qr-+ -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 9697");
        assertThat(plan.filter().orElseThrow().rules()).containsExactly(
                "-A neutrino-l3-INPUT ! -i qr-+ -p tcp -m tcp --dport 9697 -j DROP");
        assertThat(plan.tables()).extracting(t -> t.name()).containsExactly("nat", "mangle", "filter");
        RouterPlan without = RouterPlan.of(Routers.router(true, List.of(), List.of()));
        assertThat(without.tables()).extracting(t -> t.name()).containsExactly("nat", "mangle");
        assertThat(without.nat().rules()).noneMatch(rule -> rule.contains("169.254.169.254"));
    }

    @Test
    void withoutSnatOnlyFloatingIpsAndHairpinTrafficAreTranslatedAndWithoutGatewayNothing() {
        RouterPlan noSnat = RouterPlan.of(Routers.router(false, List.of(), List.of()));
        assertThat(noSnat.nat().rules()).as("as Neutron, hairpin SNAT does not depend on enable_snat").containsExactly(
                "-A neutrino-l3-POSTROUTING ! -o qg-2b2b2b2b-00 -m conntrack ! --ctstate DNAT -j ACCEPT",
                "-A neutrino-l3-POSTROUTING -m mark ! --mark 0x2/0xffff -m conntrack --ctstate DNAT -j SNAT --to-source 203.0.113.2");
        assertThat(noSnat.nat().jumps()).hasSize(3);

        RouterInfo internalOnly = new RouterInfo(Routers.ROUTER, "r", true, true, null,
                List.of(Routers.internalPort()), List.of(Routers.floatingIp(Routers.FIP1, "203.0.113.10", "172.16.1.5")),
                List.of());
        RouterPlan plan = RouterPlan.of(internalOnly);
        assertThat(plan.devices()).extracting(RouterDevice::name).containsExactly(Routers.QR);
        assertThat(plan.routes()).isEmpty();
        assertThat(plan.nat().rules()).isEmpty();
        assertThat(plan.mangle().rules()).isEmpty();
        assertThat(plan.mangle().jumps()).as("the chain stays, so that a removed gateway's mark goes").hasSize(1);
        assertThat(plan.floatingIps()).isEmpty();
    }

    @Test
    void ipv6SubnetsWithAnRaModeAreAdvertised() {
        RouterInfo.Port dual = new RouterInfo.Port(Routers.INTERNAL_PORT, "net", "fa:16:3e:00:01:01", 1500, List.of(
                new RouterInfo.Address("v4", "172.16.1.1", "172.16.1.0/24", "172.16.1.1", 4, null),
                new RouterInfo.Address("v6", "2001:db8:1::1", "2001:db8:1::/64", "2001:db8:1::1", 6, "slaac"),
                new RouterInfo.Address("v6b", "2001:db8:2::1", "2001:db8:2::/64", "2001:db8:2::1", 6, null)));
        RouterPlan plan = RouterPlan.of(new RouterInfo(Routers.ROUTER, "r", true, true, null, List.of(dual), List.of(),
                List.of()));
        assertThat(plan.devices().getFirst().cidrs()).containsExactly("172.16.1.1/24", "2001:db8:1::1/64",
                "2001:db8:2::1/64");
        assertThat(plan.raSubnets()).containsExactly(new RouterPlan.RaSubnet(Routers.QR, "2001:db8:1::/64", "slaac", 1500));
    }

    @Test
    void aBadAddressOrMacIsRefusedBeforeAnythingRuns() {
        RouterInfo.Port badMac = new RouterInfo.Port(Routers.INTERNAL_PORT, "n", "fa:16:3e:zz:01:01", 1500, List.of());
        assertThatThrownBy(() -> RouterPlan.of(new RouterInfo(Routers.ROUTER, "r", true, true, null, List.of(badMac),
                List.of(), List.of()))).hasMessageContaining("bad MAC");
        assertThatThrownBy(() -> RouterPlan.of(Routers.router(true,
                List.of(Routers.floatingIp(Routers.FIP1, "203.0.113.10 -j ACCEPT", "172.16.1.5")), List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        RouterInfo.Port outside = new RouterInfo.Port(Routers.INTERNAL_PORT, "n", "fa:16:3e:00:01:01", 1500,
                List.of(new RouterInfo.Address("s", "10.9.9.9", "172.16.1.0/24", null, 4, null)));
        assertThatThrownBy(() -> RouterPlan.of(new RouterInfo(Routers.ROUTER, "r", true, true, null, List.of(outside),
                List.of(), List.of()))).hasMessageContaining("outside");
    }
}
