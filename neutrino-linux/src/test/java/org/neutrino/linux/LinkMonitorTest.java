package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LinkMonitorTest {
    private static final String LO = "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\"],\"mtu\":65536}";
    private static final String BRIDGE = "{\"ifindex\":4,\"ifname\":\"brq1\",\"flags\":[],\"mtu\":1500}";

    private final RecordingExecutor executor = new RecordingExecutor();
    private final List<LinkEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void parsesMonitorLines() {
        assertThat(LinkMonitor.parse("13: tapmon@pmon: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop"))
                .contains(new LinkMonitor.MonitorLine(false, 13, "tapmon"));
        assertThat(LinkMonitor.parse("Deleted 12: pmon@NONE: <BROADCAST,MULTICAST> mtu 1500"))
                .contains(new LinkMonitor.MonitorLine(true, 12, "pmon"));
        assertThat(LinkMonitor.parse("4: brq1: <BROADCAST,MULTICAST> mtu 1500"))
                .contains(new LinkMonitor.MonitorLine(false, 4, "brq1"));
        assertThat(LinkMonitor.parse("    link/ether 7e:cd:3a:49:bf:cf")).isEmpty();
    }

    @Test
    void reportsNewAndRemovedLinksButNotChangesOrExistingOnes() {
        executor.answer("ip -n host1 -j -d link show", CommandResult.ok(LO + "," + BRIDGE + "]"));
        try (LinkMonitor monitor = new LinkMonitor(executor, new IpLib(executor).inNamespace("host1"), events::add)) {
            monitor.start();
            assertThat(executor.commandLines()).first().isEqualTo("ip -n host1 -o monitor link");
            RecordingExecutor.ScriptedProcess ip = executor.started().getFirst();
            ip.print("4: brq1: <BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state UP");
            ip.print("9: tapabc@if8: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN");
            ip.print("9: tapabc@if8: <BROADCAST,MULTICAST,UP> mtu 1500 qdisc noop state UP");
            ip.print("Deleted 9: tapabc@if8: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN");
            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
            assertThat(events).containsExactly(
                    new LinkEvent(LinkEvent.Type.ADDED, "tapabc", 9),
                    new LinkEvent(LinkEvent.Type.REMOVED, "tapabc", 9));
        }
    }

    @Test
    void restartsADeadMonitorAndReportsWhatChangedMeanwhile() {
        executor.answer("ip -j -d link show", CommandResult.ok(LO + "," + BRIDGE + "]"));
        try (LinkMonitor monitor = new LinkMonitor(executor, new IpLib(executor), events::add)) {
            monitor.start();
            executor.answer("ip -j -d link show", CommandResult.ok(LO
                    + ",{\"ifindex\":10,\"ifname\":\"tapnew\",\"flags\":[],\"mtu\":1500}]"));
            executor.started().getFirst().die();
            await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
            assertThat(events).containsExactlyInAnyOrder(
                    new LinkEvent(LinkEvent.Type.REMOVED, "brq1", 4),
                    new LinkEvent(LinkEvent.Type.ADDED, "tapnew", 10));
            assertThat(executor.started()).hasSize(2);
            assertThat(monitor.pid()).isEqualTo(executor.started().get(1).pid());
        }
        assertThat(executor.started()).allSatisfy(p -> assertThat(p.isAlive()).isFalse());
    }
}
