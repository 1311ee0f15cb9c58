package org.neutrino.fullstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neutrino.lib.DeviceNames;

/**
 * The default shape: one JVM ({@code AllInOneMain}) runs the server, the Linux bridge agent and
 * the DHCP agent of one host on the in-process bus, no broker. One network, two VMs on that
 * host: both get their addresses by DHCP and ping each other.
 */
@Tag("root")
class AllInOneIT {
    @RegisterExtension
    static final FullstackLab LAB = new FullstackLab(Prerequisites.ALL_IN_ONE,
            Prerequisites.programs("dnsmasq", "udhcpc"));

    private static final Duration WIRING = Duration.ofSeconds(30);

    private static NeutrinoApi api;
    private static SimulatedHost host;

    @BeforeAll
    static void deploy() {
        LAB.open();
        host = LAB.addHost("aio");
        api = NeutrinoDeployment.inProcess(LAB).startAllInOne(host, config -> { });
    }

    @Test
    void twoVmsOnOneHostGetDhcpAndPingEachOther() {
        String network = api.createNetwork(Map.of("name", "aio-net"));
        LAB.track(DeviceNames.dhcpNamespace(network));
        api.createSubnet(network, "10.100.7.0/24", true);
        NovaCompute nova = new NovaCompute(LAB, api);
        VirtualMachine vm1 = nova.plug("vm1", host, api.createPort(network, "vm1"), false);
        VirtualMachine vm2 = nova.plug("vm2", host, api.createPort(network, "vm2"), false);
        for (VirtualMachine vm : List.of(vm1, vm2)) {
            await(vm.namespace() + "'s port ACTIVE").atMost(WIRING).pollInterval(Duration.ofMillis(100))
                    .until(() -> api.portStatus(vm.portId()).equals("ACTIVE"));
        }
        await("the DHCP port ACTIVE").atMost(WIRING).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/v2.0/ports?device_owner=network:dhcp&status=ACTIVE").path("ports").size() == 1);

        DhcpClient dhcp = new DhcpClient(LAB);
        Timings leases = new Timings("all-in-one DHCP lease");
        for (VirtualMachine vm : List.of(vm1, vm2)) {
            leases.add(dhcp.lease(vm));
            assertThat(LAB.inNamespace(vm.namespace(), "ip", "-o", "-4", "address", "show", "dev", "eth0").stdout())
                    .contains(" " + vm.fixedIp() + "/24 ");
        }
        leases.report();

        assertThat(LAB.reaches(vm1.namespace(), vm2.fixedIp())).as("vm1 pings vm2").isTrue();
        assertThat(LAB.reaches(vm2.namespace(), vm1.fixedIp())).as("vm2 pings vm1").isTrue();
    }
}
