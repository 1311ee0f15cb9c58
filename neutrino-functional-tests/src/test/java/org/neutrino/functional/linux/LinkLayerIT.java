package org.neutrino.functional.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.BatchResult;
import org.neutrino.linux.BridgeFdb;
import org.neutrino.linux.FdbEntry;
import org.neutrino.linux.IpCommand;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.IpNetns;
import org.neutrino.linux.IpVersion;
import org.neutrino.linux.Link;
import org.neutrino.linux.LinkAddress;
import org.neutrino.linux.Neighbour;
import org.neutrino.linux.Route;
import org.neutrino.linux.Sysctl;
import org.neutrino.linux.VxlanInfo;

/** ip, bridge and sysctl wrappers against the real kernel, inside a throw-away host namespace. */
@Tag("root")
class LinkLayerIT {
    private static final String NETWORK = "3f2a9c1e-7b44-4f5c-8a9b-0c1d2e3f4a5b";
    private static final String BRIDGE = DeviceNames.bridge(NETWORK);
    private static final String VXLAN = DeviceNames.vxlan(41);

    private HostNamespaceFixture host;
    private IpLib ip;

    @BeforeEach
    void setUp() {
        host = HostNamespaceFixture.create();
        ip = new IpLib(host.executor);
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    /** An underlay device with the VTEP address, as {@code [vxlan] local_ip} would be. */
    private void underlay(String device, String peer, String cidr) {
        ip.apply(List.of(IpCommands.addVeth(device, peer), IpCommands.addAddress(device, cidr),
                IpCommands.setUp(device), IpCommands.setUp(peer))).throwIfFailed();
    }

    @Test
    void createsBridgeVxlanAndTapAndReadsThemBack() {
        underlay("mgmt0", "mgmt0p", "10.99.0.1/24");
        String tap = DeviceNames.tap("3c338602-d8e4-4b2f-9c3e-5a0e1f2d3c4b");
        long spawns = host.executor.spawnCount();

        ip.apply(List.of(
                IpCommands.addBridge(BRIDGE),
                IpCommands.addVxlan(VXLAN, 41, Optional.of("10.99.0.1"), Optional.of("mgmt0")),
                IpCommands.setMaster(VXLAN, BRIDGE),
                IpCommands.addVeth(tap, "vm-end", Optional.empty(), Optional.of("fa:16:3e:00:00:05"), OptionalInt.of(1450)),
                IpCommands.setMaster(tap, BRIDGE),
                IpCommands.setUp(tap), IpCommands.setUp(VXLAN), IpCommands.setUp(BRIDGE))).throwIfFailed();

        assertThat(host.executor.spawnCount() - spawns).isEqualTo(1);
        Map<String, Link> links = byName(ip.links());
        assertThat(links.get(BRIDGE).isKind("bridge")).isTrue();
        assertThat(links.get(BRIDGE).up()).isTrue();
        assertThat(links.get(VXLAN).vxlan()).contains(
                new VxlanInfo(41, Optional.of("10.99.0.1"), Optional.of("mgmt0"), 4789, false));
        assertThat(links.get(VXLAN).master()).contains(BRIDGE);
        assertThat(links.get(tap).master()).contains(BRIDGE);
        assertThat(links.get(tap).mtu()).isEqualTo(1450);
        assertThat(links.get(tap).linkName()).contains("vm-end");
        assertThat(links.get("vm-end").mac()).contains("fa:16:3e:00:00:05");

        ip.execute(IpCommands.setNoMaster(tap));
        ip.execute(IpCommands.setMtu(tap, 1400));
        ip.execute(IpCommands.setDown(tap));
        Link changed = ip.link(tap).orElseThrow();
        assertThat(changed.master()).isEmpty();
        assertThat(changed.mtu()).isEqualTo(1400);
        assertThat(changed.up()).isFalse();

        ip.execute(IpCommands.deleteLink(tap));
        assertThat(ip.link(tap)).isEmpty();
        assertThat(ip.link("vm-end")).as("a veth goes with its peer").isEmpty();
    }

    @Test
    void fiftyVethPairsInOneSpawn() {
        List<IpCommand> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(IpCommands.addVeth("tapbatch" + i, "peerbatch" + i));
            batch.add(IpCommands.setUp("tapbatch" + i));
        }
        long spawns = host.executor.spawnCount();
        BatchResult result = ip.apply(batch);
        assertThat(result.failures()).isEmpty();
        assertThat(host.executor.spawnCount() - spawns).isEqualTo(1);
        assertThat(ip.links()).filteredOn(l -> l.name().startsWith("tapbatch") && l.up()).hasSize(50);
    }

    @Test
    void forcedBatchRunsEveryLineAndReportsTheFailingOnes() {
        BatchResult result = ip.apply(List.of(
                IpCommands.addBridge("brqa"),
                IpCommands.setUp("nosuchdev"),
                IpCommands.addBridge("brqa"),
                IpCommands.addBridge("brqb")));
        assertThat(result.failures()).extracting(f -> f.lineNumber()).containsExactly(2, 3);
        assertThat(result.failures().get(1).message()).contains("File exists");
        assertThat(ip.link("brqb")).isPresent();
    }

    @Test
    void vxlanFdbEntriesForFloodingAndUnicast() {
        underlay("mgmt0", "mgmt0p", "10.99.0.1/24");
        ip.apply(List.of(IpCommands.addVxlan(VXLAN, 41, Optional.of("10.99.0.1"), Optional.of("mgmt0")))).throwIfFailed();
        BridgeFdb fdb = new BridgeFdb(host.executor);

        fdb.add(List.of(FdbEntry.flooding(VXLAN, "10.99.0.2"), FdbEntry.flooding(VXLAN, "10.99.0.3"),
                FdbEntry.unicast("fa:16:3e:00:00:07", VXLAN, "10.99.0.2"))).throwIfFailed();
        fdb.add(List.of(FdbEntry.unicast("fa:16:3e:00:00:07", VXLAN, "10.99.0.3"))).throwIfFailed();

        assertThat(fdb.entries(VXLAN)).containsExactlyInAnyOrder(
                FdbEntry.flooding(VXLAN, "10.99.0.2"), FdbEntry.flooding(VXLAN, "10.99.0.3"),
                FdbEntry.unicast("fa:16:3e:00:00:07", VXLAN, "10.99.0.3"));

        fdb.remove(List.of(FdbEntry.flooding(VXLAN, "10.99.0.2"))).throwIfFailed();
        assertThat(fdb.entries(VXLAN)).containsExactlyInAnyOrder(
                FdbEntry.flooding(VXLAN, "10.99.0.3"), FdbEntry.unicast("fa:16:3e:00:00:07", VXLAN, "10.99.0.3"));
    }

    @Test
    void twoVmNamespacesPingOverABridge() {
        String vm1 = host.namespace("vm1");
        String vm2 = host.namespace("vm2");
        ip.apply(List.of(
                IpCommands.addBridge(BRIDGE), IpCommands.setUp(BRIDGE),
                IpCommands.addVeth("tapvm1", "eth0", Optional.of(vm1), Optional.of("fa:16:3e:00:00:01"), OptionalInt.empty()),
                IpCommands.addVeth("tapvm2", "eth0", Optional.of(vm2), Optional.of("fa:16:3e:00:00:02"), OptionalInt.empty()),
                IpCommands.setMaster("tapvm1", BRIDGE), IpCommands.setMaster("tapvm2", BRIDGE),
                IpCommands.setUp("tapvm1"), IpCommands.setUp("tapvm2"))).throwIfFailed();
        for (String[] vm : new String[][] {{vm1, "10.0.0.11/24"}, {vm2, "10.0.0.12/24"}}) {
            IpLib inVm = ip.inNamespace(vm[0]);
            inVm.apply(List.of(IpCommands.addAddress("eth0", vm[1]), IpCommands.setUp("eth0"))).throwIfFailed();
        }

        assertThat(host.ping(vm1, "10.0.0.12")).isTrue();
        assertThat(ip.inNamespace(vm2).neighbours("eth0")).extracting(Neighbour::mac)
                .contains(Optional.of("fa:16:3e:00:00:01"));
    }

    @Test
    void vmsOnTwoHostsPingOverVxlanWithUnicastFdb() {
        HostNamespaceFixture other = HostNamespaceFixture.create();
        try {
            IpLib ip2 = new IpLib(other.executor);
            ip.execute(IpCommands.addVeth("mgmt0", "mgmt0", Optional.of(other.hostNamespace), Optional.empty(),
                    OptionalInt.empty()));
            String vm1 = host.namespace("vm1");
            String vm2 = other.namespace("vm2");
            Object[][] sides = {{ip, "10.99.0.1/24", "10.99.0.2", vm1, "10.0.0.11/24", "fa:16:3e:00:00:01"},
                                {ip2, "10.99.0.2/24", "10.99.0.1", vm2, "10.0.0.12/24", "fa:16:3e:00:00:02"}};
            for (Object[] side : sides) {
                IpLib hostIp = (IpLib) side[0];
                String localIp = ((String) side[1]).split("/")[0];
                hostIp.apply(List.of(
                        IpCommands.addAddress("mgmt0", (String) side[1]), IpCommands.setUp("mgmt0"),
                        IpCommands.addBridge(BRIDGE),
                        IpCommands.addVxlan(VXLAN, 41, Optional.of(localIp), Optional.of("mgmt0")),
                        IpCommands.setMaster(VXLAN, BRIDGE),
                        IpCommands.addVeth("tapvm", "eth0", Optional.of((String) side[3]), Optional.of((String) side[5]),
                                OptionalInt.of(1450)),
                        IpCommands.setMaster("tapvm", BRIDGE),
                        IpCommands.setUp("tapvm"), IpCommands.setUp(VXLAN), IpCommands.setUp(BRIDGE))).throwIfFailed();
                hostIp.inNamespace((String) side[3]).apply(List.of(
                        IpCommands.addAddress("eth0", (String) side[4]), IpCommands.setUp("eth0"))).throwIfFailed();
            }
            new BridgeFdb(host.executor).add(List.of(FdbEntry.flooding(VXLAN, "10.99.0.2"),
                    FdbEntry.unicast("fa:16:3e:00:00:02", VXLAN, "10.99.0.2"))).throwIfFailed();
            new BridgeFdb(other.executor).add(List.of(FdbEntry.flooding(VXLAN, "10.99.0.1"),
                    FdbEntry.unicast("fa:16:3e:00:00:01", VXLAN, "10.99.0.1"))).throwIfFailed();

            assertThat(host.ping(vm1, "10.0.0.12")).isTrue();
        } finally {
            other.close();
        }
    }

    @Test
    void addressesRoutesNeighboursAndSysctlInsideANamespace() {
        String router = "qrouter-" + host.prefix;
        new IpNetns(host.executor).add(router);
        host.track(router);
        assertThat(new IpNetns(host.executor).exists(router)).isTrue();

        ip.execute(IpCommands.addVeth("qr-test", "qr-peer", Optional.of(router), Optional.empty(), OptionalInt.empty()));
        IpLib inRouter = ip.inNamespace(router);
        inRouter.apply(List.of(
                IpCommands.setUp("qr-peer"),
                IpCommands.addAddress("qr-peer", "10.0.0.1/24"),
                IpCommands.addAddress("qr-peer", "fd00::1/64"),
                IpCommands.replaceDefaultRoute("10.0.0.254", Optional.of("qr-peer")),
                IpCommands.replaceRoute("172.16.5.0/24", Optional.of("10.0.0.253"), Optional.empty()),
                IpCommands.replaceNeighbour("qr-peer", "10.0.0.9", "fa:16:3e:00:00:09"))).throwIfFailed();

        assertThat(inRouter.addresses("qr-peer")).extracting(LinkAddress::cidr).contains("10.0.0.1/24", "fd00::1/64");
        assertThat(inRouter.routes(IpVersion.V4)).extracting(Route::destination, Route::gateway)
                .contains(org.assertj.core.groups.Tuple.tuple("0.0.0.0/0", Optional.of("10.0.0.254")),
                        org.assertj.core.groups.Tuple.tuple("172.16.5.0/24", Optional.of("10.0.0.253")));
        assertThat(inRouter.neighbours("qr-peer")).singleElement().satisfies(n -> {
            assertThat(n.mac()).contains("fa:16:3e:00:00:09");
            assertThat(n.states()).contains("PERMANENT");
        });

        inRouter.execute(IpCommands.deleteRoute("172.16.5.0/24", Optional.of("10.0.0.253"), Optional.empty()));
        inRouter.execute(IpCommands.flushAddresses("qr-peer"));
        assertThat(inRouter.addresses("qr-peer")).extracting(LinkAddress::scope).doesNotContain("global");
        assertThat(inRouter.routes(IpVersion.V4)).extracting(Route::destination).doesNotContain("172.16.5.0/24");

        Sysctl sysctl = new Sysctl(host.executor).inNamespace(router);
        sysctl.set(Map.of("net.ipv4.ip_forward", "1"));
        assertThat(sysctl.get("net.ipv4.ip_forward")).isEqualTo("1");
        assertThat(new Sysctl(host.executor).get("net.ipv4.ip_forward")).as("the host namespace is untouched").isEqualTo("0");

        new IpNetns(host.executor).delete(router);
        assertThat(new IpNetns(host.executor).exists(router)).isFalse();
    }

    private static Map<String, Link> byName(List<Link> links) {
        Map<String, Link> map = new java.util.HashMap<>();
        links.forEach(l -> map.put(l.name(), l));
        return map;
    }
}
