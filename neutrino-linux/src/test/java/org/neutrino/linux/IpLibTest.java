package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class IpLibTest {
    private final RecordingExecutor executor = new RecordingExecutor();
    private final IpLib host = new IpLib(executor);

    @Test
    void batchRunsEveryCommandInOneSpawnWithForce() {
        String ns = "qdhcp-3f2a9c1e-7b44-4f5c-8a9b-0c1d2e3f4a5b";
        List<IpCommand> plugDhcpPort = List.of(
                IpCommands.addBridge("brq3f2a9c1e-7b"),
                IpCommands.addVxlan("vxlan-41", 41, Optional.of("10.1.0.1"), Optional.of("eth1")),
                IpCommands.setMaster("vxlan-41", "brq3f2a9c1e-7b"),
                IpCommands.addVeth("tap3c338602-d8", "ns-3c338602-d8", Optional.of(ns),
                        Optional.of("fa:16:3e:11:22:33"), OptionalInt.of(1450)),
                IpCommands.setMaster("tap3c338602-d8", "brq3f2a9c1e-7b"),
                IpCommands.setUp("tap3c338602-d8"),
                IpCommands.setUp("vxlan-41"),
                IpCommands.setUp("brq3f2a9c1e-7b"));

        BatchResult result = host.apply(plugDhcpPort);

        assertThat(result.succeeded()).isTrue();
        assertThat(executor.commands()).hasSize(1);
        Command batch = executor.commands().getFirst();
        assertThat(batch.argv()).containsExactly("ip", "-force", "-batch", "-");
        assertThat(batch.stdin()).contains(Golden.read("golden/ip/plug-dhcp-port.batch"));
    }

    @Test
    void namespacedLibUsesDashN() {
        IpLib router = host.inNamespace("qrouter-1");
        router.execute(IpCommands.addAddress("qr-3c338602-d8", "10.0.0.1/24"));
        router.execute(IpCommands.addAddress("qr-3c338602-d8", "fd00::1/64"));
        router.execute(IpCommands.replaceDefaultRoute("203.0.113.1", Optional.of("qg-1")));
        router.execute(IpCommands.replaceDefaultRoute("2001:db8::1", Optional.empty()));
        router.execute(IpCommands.replaceNeighbour("qr-1", "10.0.0.5", "fa:16:3e:00:00:05"));
        router.execute(IpCommands.flushAddresses("qr-1"));
        router.execute(IpCommands.addVlan("eth2.101", "eth2", 101));
        assertThat(executor.commandLines()).containsExactly(
                "ip -n qrouter-1 address add 10.0.0.1/24 brd + dev qr-3c338602-d8",
                "ip -n qrouter-1 address add fd00::1/64 dev qr-3c338602-d8",
                "ip -n qrouter-1 route replace 0.0.0.0/0 via 203.0.113.1 dev qg-1",
                "ip -n qrouter-1 route replace ::/0 via 2001:db8::1",
                "ip -n qrouter-1 neigh replace 10.0.0.5 lladdr fa:16:3e:00:00:05 dev qr-1 nud permanent",
                "ip -n qrouter-1 address flush dev qr-1 scope global",
                "ip -n qrouter-1 link add link eth2 name eth2.101 type vlan id 101");
    }

    @Test
    void batchFailuresAreReportedPerLine() {
        executor.answer("ip -force -batch", new CommandResult(1, "",
                "RTNETLINK answers: File exists\nCommand failed -:1\nCannot find device \"nope\"\nCommand failed -:3\n"));
        BatchResult result = host.apply(List.of(IpCommands.addBridge("br1"), IpCommands.addBridge("br2"),
                IpCommands.setUp("nope")));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failures()).containsExactly(
                new BatchFailure(1, "link add br1 type bridge", "RTNETLINK answers: File exists"),
                new BatchFailure(3, "link set dev nope up", "Cannot find device \"nope\""));
        assertThatThrownBy(result::throwIfFailed).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("line 3 'link set dev nope up'");
    }

    @Test
    void emptyBatchSpawnsNothing() {
        assertThat(host.apply(List.of()).succeeded()).isTrue();
        assertThat(executor.commands()).isEmpty();
    }

    @Test
    void readsLinksWithKindMasterPeerAndVxlanDetails() {
        executor.answer("ip -j -d link show", CommandResult.ok(Golden.read("ip/links.json")));
        List<Link> links = host.links();
        assertThat(executor.commandLines()).containsExactly("ip -j -d link show");
        assertThat(links).extracting(Link::name)
                .containsExactly("lo", "lo2", "lo1", "brq3f2a9c1e-7b", "vxlan-41", "tap3c338602-d8");

        Link tap = links.get(5);
        assertThat(tap.isKind("veth")).isTrue();
        assertThat(tap.master()).contains("brq3f2a9c1e-7b");
        assertThat(tap.up()).isTrue();
        assertThat(tap.linkIndex()).isPresent();
        assertThat(tap.linkNetnsId()).isPresent();
        assertThat(tap.mac()).get().asString().matches("[0-9a-f:]{17}");

        Link vxlan = links.get(4);
        assertThat(vxlan.vxlan()).contains(new VxlanInfo(41, Optional.of("10.1.0.1"), Optional.of("lo1"), 4789, false));
        assertThat(vxlan.mtu()).isEqualTo(1450);
        assertThat(links.get(3).isKind("bridge")).isTrue();
        assertThat(links.get(1).linkName()).contains("lo1");
        assertThat(links.get(0).mac()).isEmpty();
    }

    @Test
    void missingLinkIsEmptyButAMissingNamespaceIsAnError() {
        executor.answer("ip -j -d link show dev tapx", new CommandResult(1, "", "Device \"tapx\" does not exist.\n"));
        assertThat(host.link("tapx")).isEmpty();
        executor.answer("ip -n gone -j -d link show dev tapx",
                new CommandResult(1, "", "Cannot open network namespace \"gone\": No such file or directory\n"));
        assertThatThrownBy(() -> host.inNamespace("gone").link("tapx")).isInstanceOf(CommandFailedException.class);
    }

    @Test
    void readsAddressesOfBothFamilies() {
        executor.answer("ip -j address show", CommandResult.ok(Golden.read("ip/addresses.json")));
        assertThat(host.addresses()).filteredOn(a -> a.device().equals("lo1")).extracting(LinkAddress::cidr)
                .contains("10.1.0.1/24", "2001:db8::1/64");
        assertThat(host.addresses()).filteredOn(a -> a.cidr().equals("2001:db8::1/64"))
                .singleElement().satisfies(a -> {
                    assertThat(a.version()).isEqualTo(IpVersion.V6);
                    assertThat(a.address()).isEqualTo("2001:db8::1");
                });
    }

    @Test
    void readsRoutesWithTheDefaultAsACidr() {
        executor.answer("ip -j -4 route show", CommandResult.ok(Golden.read("ip/routes-v4.json")));
        assertThat(host.routes(IpVersion.V4)).containsExactly(
                new Route("0.0.0.0/0", Optional.of("10.1.0.254"), Optional.of("lo1"), OptionalInt.empty(), Optional.empty()),
                new Route("10.1.0.0/24", Optional.empty(), Optional.of("lo1"), OptionalInt.empty(), Optional.of("link")));
    }

    @Test
    void readsNeighbours() {
        executor.answer("ip -j neigh show dev lo1", CommandResult.ok(Golden.read("ip/neighbours-lo1.json")));
        assertThat(host.neighbours("lo1")).containsExactly(
                new Neighbour("10.1.0.9", Optional.of("fa:16:3e:00:00:09"), "lo1", List.of("PERMANENT")));
    }

    @Test
    void commandsRejectArgumentsThatWouldBreakABatchLine() {
        assertThatThrownBy(() -> IpCommands.setUp("tap x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpCommands.replaceRoute("10.0.0.0/8", Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
