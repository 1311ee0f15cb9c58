package org.neutrino.agent.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.IpCommand;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.Link;
import org.neutrino.linux.RecordingExecutor;
import org.neutrino.rpc.agent.DeviceDetails;

/**
 * The commands planned for each segment type. VLAN is covered here only: the test machines'
 * kernel has no 802.1q, so no functional test can create {@code eth2.<vid>}.
 */
class LinuxBridgeManagerTest {
    private static final String NET = "3f2a9c1e-7b44-4f5c-8a9b-0c1d2e3f4a5b";
    private static final String TAP = DeviceNames.tap("3c338602-d8e4-4b2f-9c3e-5a0e1f2d3c4b");
    private static final String TAP2 = DeviceNames.tap("4d449713-e9f5-4c30-8d4f-6b1f2e3d4c5d");

    private final LinuxBridgeManager manager = new LinuxBridgeManager(Map.of("provider", "eth2"),
            Map.of("external", "br-ex"), Optional.of("10.99.0.1"), Optional.of("mgmt0"));

    private static DeviceDetails details(String tap, String type, String physnet, Integer segmentationId) {
        return new DeviceDetails(tap, "port-" + tap, NET, "fa:16:3e:00:00:05", true, type, physnet, segmentationId,
                1500, List.of(), "compute:nova");
    }

    /** The links as {@link IpLib#links()} reads them from this JSON. */
    private static List<Link> parse(String json) {
        return new IpLib(new RecordingExecutor().answer("ip -j -d link show", CommandResult.ok(json))).links();
    }

    private static String lines(WiringPlan plan) {
        return String.join("\n", plan.commands().stream().map(IpCommand::toBatchLine).toList()) + "\n";
    }

    @Test
    void vlanSegmentGetsASubInterfaceOfTheMappedInterface() {
        WiringPlan plan = new WiringPlan(parse(new HostLinks().device("eth2", 1500, true)
                .device(TAP, 1500, false).device(TAP2, 1500, false).json()));

        manager.plug(plan, TAP, details(TAP, "vlan", "provider", 100));
        manager.plug(plan, TAP2, details(TAP2, "vlan", "provider", 100));

        assertThat(lines(plan)).isEqualTo("""
                link add brq3f2a9c1e-7b type bridge
                link set dev brq3f2a9c1e-7b mtu 1500
                link add link eth2 name eth2.100 type vlan id 100
                link set dev eth2.100 master brq3f2a9c1e-7b
                link set dev eth2.100 up
                link set dev brq3f2a9c1e-7b up
                link set dev tap3c338602-d8 master brq3f2a9c1e-7b
                link set dev tap3c338602-d8 up
                link set dev tap4d449713-e9 master brq3f2a9c1e-7b
                link set dev tap4d449713-e9 up
                """);
    }

    @Test
    void removingAVlanNetworkDeletesItsSubInterfaceAndBridgeOnly() {
        WiringPlan plan = new WiringPlan(parse(new HostLinks().device("eth2", 1500, true)
                .bridge(DeviceNames.bridge(NET), 1500, true).port("eth2.100", 1500, true, DeviceNames.bridge(NET)).json()));

        manager.unplugNetwork(plan, NetworkSegment.of(details(TAP, "vlan", "provider", 100)));

        assertThat(lines(plan)).isEqualTo("""
                link delete dev eth2.100
                link delete dev brq3f2a9c1e-7b
                """);
    }

    @Test
    void flatSegmentEnslavesTheMappedInterface() {
        WiringPlan plan = new WiringPlan(parse(new HostLinks().device("eth2", 1500, true)
                .device(TAP, 1500, true).json()));

        manager.plug(plan, TAP, details(TAP, "flat", "provider", null));

        assertThat(lines(plan)).isEqualTo("""
                link add brq3f2a9c1e-7b type bridge
                link set dev brq3f2a9c1e-7b mtu 1500
                link set dev eth2 master brq3f2a9c1e-7b
                link set dev brq3f2a9c1e-7b up
                link set dev tap3c338602-d8 master brq3f2a9c1e-7b
                """);
    }

    @Test
    void flatSegmentOfABridgeMappingUsesThatBridgeAndNeverRemovesIt() {
        WiringPlan plan = new WiringPlan(parse(new HostLinks().bridge("br-ex", 1500, true)
                .device(TAP, 1500, false).json()));

        manager.plug(plan, TAP, details(TAP, "flat", "external", null));
        manager.unplugNetwork(plan, NetworkSegment.of(details(TAP, "flat", "external", null)));

        assertThat(lines(plan)).isEqualTo("""
                link set dev tap3c338602-d8 master br-ex
                link set dev tap3c338602-d8 up
                """);
    }

    @Test
    void localSegmentIsABridgeAlone() {
        WiringPlan plan = new WiringPlan(parse(new HostLinks().device(TAP, 1450, true).json()));

        manager.plug(plan, TAP, details(TAP, "local", null, null));

        assertThat(lines(plan)).isEqualTo("""
                link add brq3f2a9c1e-7b type bridge
                link set dev brq3f2a9c1e-7b mtu 1500
                link set dev brq3f2a9c1e-7b up
                link set dev tap3c338602-d8 mtu 1500
                link set dev tap3c338602-d8 master brq3f2a9c1e-7b
                """);
    }

    @Test
    void aVxlanDeviceWithAnotherVtepIsReplaced() {
        WiringPlan plan = new WiringPlan(parse(new HostLinks().device("mgmt0", 1500, true)
                .bridge(DeviceNames.bridge(NET), 1500, true)
                .vxlan("vxlan-41", 41, "10.99.0.9", "mgmt0", 1500, true, DeviceNames.bridge(NET))
                .port(TAP, 1500, true, DeviceNames.bridge(NET)).json()));

        manager.plug(plan, TAP, details(TAP, "vxlan", null, 41));

        assertThat(lines(plan)).isEqualTo("""
                link delete dev vxlan-41
                link add vxlan-41 type vxlan id 41 local 10.99.0.1 dev mgmt0 dstport 4789 nolearning
                link set dev vxlan-41 mtu 1500
                link set dev vxlan-41 master brq3f2a9c1e-7b
                link set dev vxlan-41 up
                """);
        assertThat(plan.isCreated("vxlan-41")).isTrue();
    }

    @Test
    void devicesThisHostCannotWireAreRefusedBeforeAnyCommand() {
        WiringPlan plan = new WiringPlan(parse(new HostLinks().device(TAP, 1500, false).json()));

        assertThatThrownBy(() -> manager.plug(plan, TAP, details(TAP, "gre", null, 5)))
                .isInstanceOf(UnwirableDeviceException.class).hasMessageContaining("'gre' is not supported");
        assertThatThrownBy(() -> manager.plug(plan, TAP, details(TAP, "vlan", "elsewhere", 7)))
                .isInstanceOf(UnwirableDeviceException.class).hasMessageContaining("physical_interface_mappings");
        assertThatThrownBy(() -> manager.plug(plan, TAP, details(TAP, "flat", "provider", null)))
                .isInstanceOf(UnwirableDeviceException.class).hasMessageContaining("eth2 does not exist");
        assertThat(plan.commands()).isEmpty();
    }
}
