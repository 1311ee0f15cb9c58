package org.neutrino.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceNamesTest {
    private static final String PORT = "3c338602-d8e4-4b2f-9c3e-5a0e1f2d3c4b";
    private static final String NETWORK = "3f2a9c1e-7b44-4f5c-8a9b-0c1d2e3f4a5b";

    @Test
    void portDevicesTakeElevenCharactersOfThePortId() {
        assertThat(DeviceNames.tap(PORT)).isEqualTo("tap3c338602-d8");
        assertThat(DeviceNames.routerInternal(PORT)).isEqualTo("qr-3c338602-d8");
        assertThat(DeviceNames.routerGateway(PORT)).isEqualTo("qg-3c338602-d8");
        assertThat(DeviceNames.dhcpInterface(PORT)).isEqualTo("ns-3c338602-d8");
    }

    @Test
    void networkBridgeTakesElevenCharactersOfTheNetworkId() {
        assertThat(DeviceNames.bridge(NETWORK)).isEqualTo("brq3f2a9c1e-7b");
    }

    @Test
    void namespacesCarryTheFullId() {
        assertThat(DeviceNames.dhcpNamespace(NETWORK)).isEqualTo("qdhcp-" + NETWORK);
        assertThat(DeviceNames.routerNamespace(NETWORK)).isEqualTo("qrouter-" + NETWORK);
        assertThat(DeviceNames.networkIdOfDhcpNamespace("qdhcp-" + NETWORK)).contains(NETWORK);
        assertThat(DeviceNames.routerIdOfRouterNamespace("qrouter-" + NETWORK)).contains(NETWORK);
        assertThat(DeviceNames.networkIdOfDhcpNamespace("qrouter-" + NETWORK)).isEmpty();
    }

    @Test
    void vxlanDeviceIsNamedByVniWithinRange() {
        assertThat(DeviceNames.vxlan(41)).isEqualTo("vxlan-41");
        assertThat(DeviceNames.vxlan(16777215)).isEqualTo("vxlan-16777215");
        assertThatThrownBy(() -> DeviceNames.vxlan(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceNames.vxlan(1 << 24)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vlanSubinterfaceIsShortenedWithAHashWhenTooLong() {
        assertThat(DeviceNames.vlanSubinterface("eth1", 101)).isEqualTo("eth1.101");
        String a = DeviceNames.vlanSubinterface("enp0s31f6-uplink-a", 4000);
        String b = DeviceNames.vlanSubinterface("enp0s31f6-uplink-b", 4000);
        assertThat(a).hasSize(15).startsWith("enp0").endsWith(".4000");
        assertThat(a).isNotEqualTo(b);
        assertThat(DeviceNames.vlanSubinterface("enp0s31f6-uplink-a", 4000)).isEqualTo(a);
    }

    @Test
    void tapNamesParseBackToThePortIdPrefix() {
        assertThat(DeviceNames.portIdPrefixOfTap(DeviceNames.tap(PORT))).contains("3c338602-d8");
        assertThat(DeviceNames.portIdPrefixOfTap("tapshort")).isEmpty();
        assertThat(DeviceNames.portIdPrefixOfTap("brq3f2a9c1e-7b")).isEmpty();
        assertThat(DeviceNames.portIdPrefixOfTap(null)).isEmpty();
    }

    @Test
    void everyDeviceNameFitsTheKernelLimit() {
        String longId = "x".repeat(64);
        assertThat(DeviceNames.tap(longId)).hasSizeLessThanOrEqualTo(DeviceNames.MAX_DEVICE_NAME_LENGTH);
        assertThat(DeviceNames.bridge(longId)).hasSizeLessThanOrEqualTo(DeviceNames.MAX_DEVICE_NAME_LENGTH);
        assertThat(DeviceNames.vlanSubinterface(longId, 4094)).hasSize(DeviceNames.MAX_DEVICE_NAME_LENGTH);
    }

    @Test
    void blankIdsAreRejected() {
        assertThatThrownBy(() -> DeviceNames.tap(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceNames.dhcpNamespace("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceNames.vlanSubinterface("eth1", 4095)).isInstanceOf(IllegalArgumentException.class);
    }
}
