package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SysctlAndNetnsTest {
    private final RecordingExecutor executor = new RecordingExecutor();

    @Test
    void sysctlSetsManyValuesInsideTheNamespaceInOneSpawn() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("net.ipv4.ip_forward", "1");
        values.put("net.ipv6.conf.all.forwarding", "1");
        new Sysctl(executor).inNamespace("qrouter-1").set(values);
        assertThat(executor.commandLines()).containsExactly(
                "ip netns exec qrouter-1 sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1");
    }

    @Test
    void sysctlReadsManyValuesInOneSpawnInTheOrderAsked() {
        executor.answer("ip netns exec qrouter-1 sysctl -n net.ipv4.ip_forward net.ipv4.conf.default.arp_notify",
                CommandResult.ok("1\n0\n"));
        Map<String, String> values = new Sysctl(executor).inNamespace("qrouter-1")
                .get(List.of("net.ipv4.ip_forward", "net.ipv4.conf.default.arp_notify"));
        assertThat(values).containsExactly(Map.entry("net.ipv4.ip_forward", "1"),
                Map.entry("net.ipv4.conf.default.arp_notify", "0"));
        assertThat(executor.commandLines()).hasSize(1);
    }

    @Test
    void sysctlRefusesAnAnswerWithoutOneValuePerKey() {
        executor.answer("sysctl -n a.b c.d", CommandResult.ok("1\n"));
        assertThatThrownBy(() -> new Sysctl(executor).get(List.of("a.b", "c.d"))).hasMessageContaining("1 values");
    }

    @Test
    void namespaceManagementRunsOutsideTheHostNamespace() {
        executor.answer("ip netns list", CommandResult.ok("qdhcp-1 (id: 3)\nhost1\n"));
        IpNetns netns = new IpNetns(executor);
        assertThat(netns.list()).containsExactly("qdhcp-1", "host1");
        assertThat(netns.ensure("qdhcp-1")).isFalse();
        assertThat(netns.ensure("qdhcp-2")).isTrue();
        assertThat(executor.commands()).allSatisfy(c -> assertThat(c.skipsHostNamespace()).isTrue());
        assertThat(executor.commandLines()).contains("ip netns add qdhcp-2").doesNotContain("ip netns add qdhcp-1");
    }
}
