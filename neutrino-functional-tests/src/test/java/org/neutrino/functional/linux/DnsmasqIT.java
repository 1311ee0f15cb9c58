package org.neutrino.functional.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.DhcpHost;
import org.neutrino.linux.DhcpNetworkConfig;
import org.neutrino.linux.DhcpSubnet;
import org.neutrino.linux.Dnsmasq;
import org.neutrino.linux.DnsmasqSettings;
import org.neutrino.linux.HostRoute;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.IpNetns;
import org.neutrino.linux.IpVersion;
import org.neutrino.linux.LinkAddress;
import org.neutrino.linux.Route;

/**
 * dnsmasq in a {@code qdhcp-} namespace of a throw-away host hands fixed addresses and options
 * to BusyBox udhcpc running in "VM" namespaces plugged into the network's bridge.
 */
@Tag("root")
class DnsmasqIT {
    private static final String DHCP_PORT = "5d1c0f2e-91aa-4c3b-8e7f-6a5b4c3d2e1f";
    private static final String UDHCPC_SCRIPT = """
            #!/bin/sh
            # Applies a lease in the namespace it runs in, and records the options for the test.
            case "$1" in
              bound|renew)
                ip address flush dev "$interface"
                ip address add "$ip/$mask" dev "$interface"
                [ -n "$mtu" ] && ip link set dev "$interface" mtu "$mtu"
                [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
                echo "ip=$ip mask=$mask router=$router dns=$dns mtu=$mtu staticroutes=$staticroutes" > "$LEASE_FILE"
                ;;
            esac
            exit 0
            """;

    private HostNamespaceFixture host;
    private IpLib ip;
    private String networkId;
    private Path stateRoot;
    private Path script;
    private Dnsmasq dnsmasq;

    @BeforeEach
    void setUp() throws IOException {
        host = HostNamespaceFixture.create();
        host.assumePrograms("dnsmasq", "udhcpc");
        ip = new IpLib(host.executor);
        networkId = host.prefix + "-7b44-4f5c-8a9b-0c1d2e3f4a5b";
        stateRoot = host.directory("dhcp");
        script = stateRoot.resolve("udhcpc.sh");
        Files.writeString(script, UDHCPC_SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() {
        try {
            if (dnsmasq != null) {
                dnsmasq.stop();
            }
        } finally {
            if (host != null) {
                host.close();
            }
        }
    }

    @Test
    void servesFixedAddressesAndOptionsReloadsOnHupAndRestartsWhenSubnetsChange() throws IOException {
        String bridge = DeviceNames.bridge(networkId);
        String namespace = DeviceNames.dhcpNamespace(networkId);
        String nsInterface = DeviceNames.dhcpInterface(DHCP_PORT);
        new IpNetns(host.executor).add(namespace);
        host.track(namespace);
        ip.apply(List.of(
                IpCommands.addBridge(bridge), IpCommands.setUp(bridge),
                IpCommands.addVeth(DeviceNames.tap(DHCP_PORT), nsInterface, Optional.of(namespace),
                        Optional.of("fa:16:3e:00:00:02"), OptionalInt.of(1450)),
                IpCommands.setMaster(DeviceNames.tap(DHCP_PORT), bridge),
                IpCommands.setUp(DeviceNames.tap(DHCP_PORT)))).throwIfFailed();
        ip.inNamespace(namespace).apply(List.of(IpCommands.setUp("lo"), IpCommands.setUp(nsInterface),
                IpCommands.addAddress(nsInterface, "10.0.0.2/24"))).throwIfFailed();
        String vm1 = plugVm("vm1", "fa:16:3e:00:00:05", bridge);
        String vm2 = plugVm("vm2", "fa:16:3e:00:00:06", bridge);

        DhcpSubnet subnet = new DhcpSubnet("sub-a", "10.0.0.0/24", Optional.of("10.0.0.1"), List.of("198.51.100.53"),
                List.of(new HostRoute("172.16.0.0/16", "10.0.0.254")), Optional.empty());
        dnsmasq = new Dnsmasq(host.executor, stateRoot, DnsmasqSettings.defaults(), networkId);
        dnsmasq.enable(new DhcpNetworkConfig(networkId, nsInterface, List.of(subnet),
                List.of(new DhcpHost("fa:16:3e:00:00:05", "10.0.0.5")), 1450));

        assertThat(dnsmasq.isRunning()).isTrue();
        long pid = dnsmasq.runningPid().orElseThrow();
        assertThat(host.machine.check("ip", "netns", "identify", Long.toString(pid)).stdout().strip())
                .isEqualTo(namespace);

        assertThat(lease(vm1).exitCode()).isZero();
        assertThat(ip.inNamespace(vm1).addresses("eth0")).extracting(LinkAddress::cidr).contains("10.0.0.5/24");
        assertThat(ip.inNamespace(vm1).routes(IpVersion.V4)).extracting(Route::destination, Route::gateway)
                .contains(org.assertj.core.groups.Tuple.tuple("0.0.0.0/0", Optional.of("10.0.0.1")));
        assertThat(ip.inNamespace(vm1).link("eth0").orElseThrow().mtu()).isEqualTo(1450);
        assertThat(Files.readString(leaseFile(vm1))).contains("dns=198.51.100.53")
                .contains("staticroutes=172.16.0.0/16 10.0.0.254 0.0.0.0/0 10.0.0.1");

        assertThat(lease(vm2).exitCode()).as("vm2 has no fixed address yet").isNotZero();
        dnsmasq.enable(new DhcpNetworkConfig(networkId, nsInterface, List.of(subnet),
                List.of(new DhcpHost("fa:16:3e:00:00:05", "10.0.0.5"), new DhcpHost("fa:16:3e:00:00:06", "10.0.0.6")),
                1450));
        assertThat(dnsmasq.runningPid()).as("new hosts are a SIGHUP, not a restart").hasValue(pid);
        assertThat(lease(vm2).exitCode()).isZero();
        assertThat(ip.inNamespace(vm2).addresses("eth0")).extracting(LinkAddress::cidr).contains("10.0.0.6/24");

        DhcpSubnet second = DhcpSubnet.ipv4("sub-b", "10.0.1.0/24", "10.0.1.1");
        dnsmasq.enable(new DhcpNetworkConfig(networkId, nsInterface, List.of(subnet, second),
                List.of(new DhcpHost("fa:16:3e:00:00:05", "10.0.0.5")), 1450));
        assertThat(dnsmasq.runningPid().orElseThrow()).as("a new subnet changes the command line: restart")
                .isNotEqualTo(pid);

        long last = dnsmasq.runningPid().orElseThrow();
        dnsmasq.stop();
        assertThat(dnsmasq.isRunning()).isFalse();
        assertThat(Pids.runs(last)).as("pid %d is gone or a zombie", last).isFalse();
    }

    private String plugVm(String suffix, String mac, String bridge) throws IOException {
        String vm = host.namespace(suffix);
        String tap = "tap" + suffix;
        ip.apply(List.of(
                IpCommands.addVeth(tap, "eth0", Optional.of(vm), Optional.of(mac), OptionalInt.empty()),
                IpCommands.setMaster(tap, bridge), IpCommands.setUp(tap))).throwIfFailed();
        ip.inNamespace(vm).execute(IpCommands.setUp("eth0"));
        host.isolateResolvConf(vm);
        return vm;
    }

    private Path leaseFile(String vm) {
        return stateRoot.resolve("lease-" + vm);
    }

    private CommandResult lease(String vm) {
        return host.inNamespace(vm, "env", "LEASE_FILE=" + leaseFile(vm), "udhcpc", "-q", "-n", "-f", "-i", "eth0",
                "-t", "3", "-T", "1", "-O", "mtu", "-O", "staticroutes", "-s", script.toString());
    }
}
