package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VifPluggerTest {
    private static final String PORT = "3c338602-d8a1-4b7e-9f00-1234567890ab";
    private static final String TAP = "tap3c338602-d8";
    private static final String MAC = "fa:16:3e:12:34:56";

    private final FakeHost host = new FakeHost();
    private final VifPlugger plugger = new VifPlugger(host);

    private static VifSpec dhcp(String namespace) {
        return new VifSpec(PORT, namespace, "eth0", "FA:16:3E:12:34:56", OptionalInt.of(1450), List.of(), List.of());
    }

    @Test
    void plugCreatesTheNamespaceAndAVethWithThePortsMacAndMtuBothUp() {
        PlugResult result = plugger.plug(dhcp("vm1"));

        assertThat(result.namespaceCreated()).isTrue();
        assertThat(result.vethCreated()).isTrue();
        assertThat(result.changed()).isTrue();
        FakeHost.FakeLink tap = host.link(FakeHost.HOST, TAP).orElseThrow();
        FakeHost.FakeLink eth0 = host.link("vm1", "eth0").orElseThrow();
        assertThat(tap.kind).isEqualTo("veth");
        assertThat(tap.peerNamespace).isEqualTo("vm1");
        assertThat(tap.peerName).isEqualTo("eth0");
        assertThat(eth0.mac).isEqualTo(MAC);
        assertThat(tap.mtu).isEqualTo(1450);
        assertThat(eth0.mtu).isEqualTo(1450);
        assertThat(tap.up).isTrue();
        assertThat(eth0.up).isTrue();
        assertThat(host.link("vm1", "lo").orElseThrow().up).isTrue();
        assertThat(eth0.addresses).isEmpty();
        assertThat(host.routes.getOrDefault("vm1", List.of())).isEmpty();
    }

    @Test
    void plugTwiceChangesNothing() {
        plugger.plug(dhcp("vm1"));
        List<String> before = List.copyOf(host.mutations());

        PlugResult again = plugger.plug(dhcp("vm1"));

        assertThat(again.changed()).isFalse();
        assertThat(again.namespaceCreated()).isFalse();
        assertThat(again.vethCreated()).isFalse();
        assertThat(host.mutations()).isEqualTo(before);
    }

    @Test
    void plugIntoAnExistingNamespaceKeepsIt() {
        host.execute(org.neutrino.linux.Command.of("ip", "netns", "add", "vm1"));

        PlugResult result = plugger.plug(dhcp("vm1"));

        assertThat(result.namespaceCreated()).isFalse();
        assertThat(host.link("vm1", "eth0")).isPresent();
    }

    @Test
    void staticPlugConfiguresTheAddressesAndTheDefaultRouteOnce() {
        VifSpec spec = new VifSpec(PORT, "vm1", "eth0", MAC, OptionalInt.empty(),
                List.of("10.0.0.5/24", "fd00::5/64"), List.of("10.0.0.1", "fd00::1"));

        plugger.plug(spec);
        List<String> before = List.copyOf(host.mutations());
        PlugResult again = plugger.plug(spec);

        assertThat(host.link("vm1", "eth0").orElseThrow().addresses).containsExactly("10.0.0.5/24", "fd00::5/64");
        assertThat(host.routes.get("vm1")).containsExactly("0.0.0.0/0 10.0.0.1 eth0", "::/0 fd00::1 eth0");
        assertThat(again.changed()).isFalse();
        assertThat(host.mutations()).isEqualTo(before);
    }

    @Test
    void replugAppliesANewNetworkMtuToBothEnds() {
        plugger.plug(dhcp("vm1"));

        PlugResult result = plugger.plug(new VifSpec(PORT, "vm1", "eth0", MAC, OptionalInt.of(1400), List.of(),
                List.of()));

        assertThat(result.changed()).isTrue();
        assertThat(host.link(FakeHost.HOST, TAP).orElseThrow().mtu).isEqualTo(1400);
        assertThat(host.link("vm1", "eth0").orElseThrow().mtu).isEqualTo(1400);
    }

    @Test
    void aPortPluggedIntoAnotherNamespaceIsRefusedUntouched() {
        plugger.plug(dhcp("vm1"));
        List<String> before = List.copyOf(host.mutations());

        assertThatThrownBy(() -> plugger.plug(dhcp("vm2")))
                .isInstanceOf(CliException.class)
                .hasMessageContaining(TAP + " exists but namespace vm2 has no eth0");
        assertThat(host.mutations()).isEqualTo(before);
        assertThat(host.namespaces).doesNotContainKey("vm2");
        assertThat(host.link("vm1", "eth0")).isPresent();
    }

    @Test
    void aVmInterfaceNameAlreadyTakenIsRefused() {
        plugger.plug(dhcp("vm1"));
        String otherPort = "99999999-0000-0000-0000-000000000000";

        assertThatThrownBy(() -> plugger.plug(new VifSpec(otherPort, "vm1", "eth0", "fa:16:3e:00:00:01",
                OptionalInt.empty(), List.of(), List.of())))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("eth0 already exists in namespace vm1");
        assertThat(host.link(FakeHost.HOST, "tap99999999-00")).isEmpty();
    }

    @Test
    void aSecondNicTakesAnotherName() {
        plugger.plug(dhcp("vm1"));
        String otherPort = "99999999-0000-0000-0000-000000000000";

        plugger.plug(new VifSpec(otherPort, "vm1", "eth1", "fa:16:3e:00:00:01", OptionalInt.empty(), List.of(),
                List.of()));

        assertThat(host.link("vm1", "eth1").orElseThrow().mac).isEqualTo("fa:16:3e:00:00:01");
        assertThat(host.link(FakeHost.HOST, "tap99999999-00")).isPresent();
    }

    @Test
    void unplugDeletesTheVethPairAndKeepsTheNamespace() {
        plugger.plug(dhcp("vm1"));

        UnplugResult result = plugger.unplug(PORT, Optional.empty());

        assertThat(result.tapDeleted()).isTrue();
        assertThat(result.namespaceDeleted()).isFalse();
        assertThat(host.link(FakeHost.HOST, TAP)).isEmpty();
        assertThat(host.link("vm1", "eth0")).isEmpty();
        assertThat(host.namespaces).containsKey("vm1");
    }

    @Test
    void unplugWithTheNamespaceEndsItsProcessesAndDeletesIt() {
        plugger.plug(dhcp("vm1"));
        host.pids.put("vm1", new ArrayList<>(List.of(4242L, 4243L)));

        UnplugResult result = plugger.unplug(PORT, Optional.of("vm1"));

        assertThat(result.namespaceDeleted()).isTrue();
        assertThat(host.namespaces).doesNotContainKey("vm1");
        assertThat(host.commandLines).contains("kill -TERM 4242 4243");
        assertThat(host.commandLines).noneMatch(line -> line.startsWith("kill -KILL"));
    }

    @Test
    void unplugOfSomethingAbsentChangesNothing() {
        UnplugResult result = plugger.unplug(PORT, Optional.of("vm9"));

        assertThat(result.tapDeleted()).isFalse();
        assertThat(result.namespaceDeleted()).isFalse();
        assertThat(host.mutations()).isEmpty();
    }

    @Test
    void unplugLeavesATapItDidNotMakeAlone() {
        host.namespaces.get(FakeHost.HOST).put(TAP, new FakeHost.FakeLink(TAP, "tun", MAC, 77));

        assertThatThrownBy(() -> plugger.unplug(PORT, Optional.empty()))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("is not a veth (kind tun)");
        assertThat(host.link(FakeHost.HOST, TAP)).isPresent();
    }
}
