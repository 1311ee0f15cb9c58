package org.neutrino.fullstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neutrino.lib.DeviceNames;

/**
 * A flat provider network on {@code physnet1}: each of two compute hosts has an interface
 * {@code eth-phys} wired to one shared "physical switch" bridge, mapped by
 * {@code physical_interface_mappings = physnet1:eth-phys}; the server and the two L2 agents run
 * as separate processes over RabbitMQ. Two VMs on the two hosts, with static addresses, ping
 * each other through the physical interfaces, without VXLAN.
 */
@Tag("root")
class FlatProviderNetworkIT {
    @RegisterExtension
    static final FullstackLab LAB = new FullstackLab(Prerequisites.RABBITMQ);

    private static final String PHYSICAL_INTERFACE = "eth-phys";
    private static final Duration WIRING = Duration.ofSeconds(30);

    private static NeutrinoApi api;
    private static SimulatedHost compute1;
    private static SimulatedHost compute2;

    @BeforeAll
    static void deploy() {
        String rabbit = Prerequisites.rabbitUrl();
        LAB.open();
        compute1 = LAB.addHost("cmp1");
        compute2 = LAB.addHost("cmp2");
        NeutrinoDeployment deployment = new NeutrinoDeployment(LAB, rabbit);
        api = deployment.startServer(deployment.serverConfig()
                .set("ml2_type_flat", "flat_networks", "physnet1"));
        for (SimulatedHost host : List.of(compute1, compute2)) {
            LAB.connectToPhysicalSwitch(host, PHYSICAL_INTERFACE);
            deployment.startLinuxBridgeAgent(host, config -> config
                    .set("linux_bridge", "physical_interface_mappings", "physnet1:" + PHYSICAL_INTERFACE));
        }
        deployment.awaitAliveLinuxBridgeAgents(List.of(compute1, compute2));
    }

    @Test
    void vmsOnTwoHostsPingEachOtherThroughThePhysicalInterfaces() {
        String network = api.createNetwork(Map.of("name", "provider-flat", "provider:network_type", "flat",
                "provider:physical_network", "physnet1", "shared", true));
        JsonNode shown = api.get("/v2.0/networks/" + network).path("network");
        assertThat(shown.path("provider:network_type").asText()).isEqualTo("flat");
        assertThat(shown.path("provider:physical_network").asText()).isEqualTo("physnet1");
        api.createSubnet(network, "10.200.0.0/24", false);

        NovaCompute nova = new NovaCompute(LAB, api);
        VirtualMachine vm1 = nova.plug("vm1", compute1, api.createPort(network, "vm1"), true);
        VirtualMachine vm2 = nova.plug("vm2", compute2, api.createPort(network, "vm2"), true);
        for (VirtualMachine vm : List.of(vm1, vm2)) {
            await(vm.namespace() + "'s port ACTIVE").atMost(WIRING).pollInterval(Duration.ofMillis(100))
                    .until(() -> api.portStatus(vm.portId()).equals("ACTIVE"));
            SimulatedHost host = vm.host();
            assertThat(LAB.masterOf(host.namespace(), vm.tap())).contains(DeviceNames.bridge(network));
            assertThat(LAB.masterOf(host.namespace(), PHYSICAL_INTERFACE)).as("the uplink of physnet1")
                    .contains(DeviceNames.bridge(network));
            assertThat(LAB.links(host.namespace())).noneMatch(link -> link.startsWith("vxlan-"));
        }

        assertThat(LAB.reaches(vm1.namespace(), vm2.fixedIp())).as("vm1 pings vm2 across the physical switch").isTrue();
        assertThat(LAB.reaches(vm2.namespace(), vm1.fixedIp())).as("vm2 pings vm1").isTrue();

        LAB.setPhysicalCable(compute2, false);
        assertThat(LAB.ping(vm1.namespace(), vm2.fixedIp())).as("the only path is the physical switch").isFalse();
        LAB.setPhysicalCable(compute2, true);
        assertThat(LAB.reaches(vm1.namespace(), vm2.fixedIp())).as("cable plugged back").isTrue();
    }
}
