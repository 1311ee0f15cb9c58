package org.neutrino.functional.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.IpLib;
import org.neutrino.linux.LinkEvent;
import org.neutrino.linux.LinkMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** LinkMonitor following {@code ip monitor link} inside a throw-away host namespace. */
@Tag("root")
class LinkMonitorIT {
    private static final Logger LOG = LoggerFactory.getLogger(LinkMonitorIT.class);

    private HostNamespaceFixture host;

    @BeforeEach
    void setUp() {
        host = HostNamespaceFixture.create();
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void noticesANewTapQuicklyAndItsRemoval() {
        IpLib ip = new IpLib(host.executor);
        List<LinkEvent> events = new CopyOnWriteArrayList<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        String tap = DeviceNames.tap("3c338602-d8e4-4b2f-9c3e-5a0e1f2d3c4b");
        long pid;
        try (LinkMonitor monitor = new LinkMonitor(host.executor, ip, e -> {
            seenAt.putIfAbsent(e.type() + e.name(), System.nanoTime());
            events.add(e);
        })) {
            monitor.start();
            pid = monitor.pid();
            assertThat(ProcessHandle.of(pid)).isPresent();

            long before = System.nanoTime();
            ip.execute(IpCommands.addVeth(tap, "vm-end"));
            long created = System.nanoTime();
            await().atMost(Duration.ofSeconds(2)).until(() -> seenAt.containsKey("ADDED" + tap));
            Duration latency = Duration.ofNanos(seenAt.get("ADDED" + tap) - created);
            LOG.info("new tap noticed {} ms after ip returned ({} ms after it started)", latency.toMillis(),
                    Duration.ofNanos(seenAt.get("ADDED" + tap) - before).toMillis());
            assertThat(latency).isLessThan(Duration.ofMillis(500));

            ip.execute(IpCommands.setUp(tap));
            ip.execute(IpCommands.deleteLink(tap));
            await().atMost(Duration.ofSeconds(2)).until(() -> seenAt.containsKey("REMOVED" + tap));
            assertThat(events).filteredOn(e -> e.name().equals(tap)).extracting(LinkEvent::type)
                    .containsExactly(LinkEvent.Type.ADDED, LinkEvent.Type.REMOVED);
            assertThat(events).extracting(LinkEvent::name).contains("vm-end").doesNotContain("lo");
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("close() killed the monitor process").isFalse();
    }

    @Test
    void restartsAKilledMonitorAndReportsTheLinksMadeMeanwhile() {
        IpLib ip = new IpLib(host.executor);
        List<LinkEvent> events = new CopyOnWriteArrayList<>();
        try (LinkMonitor monitor = new LinkMonitor(host.executor, ip, events::add)) {
            monitor.start();
            long first = monitor.pid();
            ProcessHandle.of(first).orElseThrow().destroy();
            ip.execute(IpCommands.addBridge("brqwhiledead"));
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(
                    e -> e.type() == LinkEvent.Type.ADDED && e.name().equals("brqwhiledead")));
            assertThat(monitor.pid()).isNotEqualTo(first);

            ip.execute(IpCommands.addBridge("brqafter"));
            await().atMost(Duration.ofSeconds(2)).until(() -> events.stream().anyMatch(
                    e -> e.type() == LinkEvent.Type.ADDED && e.name().equals("brqafter")));
        }
    }
}
