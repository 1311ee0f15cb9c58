package org.neutrino.functional.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.agent.l2.LinuxBridgeAgent;
import org.neutrino.agent.l2.LinuxBridgeSettings;
import org.neutrino.functional.linux.ObservedExecutor;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.linux.RootHelper;
import org.neutrino.linux.RunningProcess;
import org.neutrino.rpc.agent.DeviceDetails;
import org.neutrino.rpc.inprocess.InProcessBus;
import org.neutrino.testlib.Closeables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two Linux bridge agents, one per simulated host, against the real kernel: VMs plugged by the
 * test (as Nova would) get wired, ping each other across VXLAN with l2population FDB entries,
 * are cut off and restored by their port's admin state, keep pinging while an agent restarts,
 * and leave no bridge behind when unplugged.
 */
@Tag("root")
class LinuxBridgeAgentIT {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxBridgeAgentIT.class);
    private static final String NET = "5b0e2c1a-3d4f-4e5a-9b8c-7d6e5f4a3b2c";
    private static final int VNI = 1041;
    private static final String VXLAN = DeviceNames.vxlan(VNI);
    private static final String BRQ = DeviceNames.bridge(NET);
    private static final String[] PORTS = {"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"};
    private static final String[] TAPS = {DeviceNames.tap(PORTS[0]), DeviceNames.tap(PORTS[1])};
    private static final String[] MACS = {"fa:16:3e:00:01:01", "fa:16:3e:00:01:02"};
    private static final String[] IPS = {"10.0.0.11", "10.0.0.12"};
    private static final int MTU = 1450;

    private TwoHostsFixture hosts;
    private InProcessBus bus;
    private FakeL2Server server;
    private final LinuxBridgeAgent[] agents = new LinuxBridgeAgent[2];
    private final ObservedExecutor[] executors = new ObservedExecutor[2];
    private final String[] vms = new String[2];

    @BeforeEach
    void setUp() {
        hosts = TwoHostsFixture.create();
        bus = new InProcessBus();
        server = new FakeL2Server(bus);
        for (int i = 0; i < 2; i++) {
            server.bindVxlanPort(hosts.hosts.get(i), TAPS[i], PORTS[i], NET, MACS[i], IPS[i], VNI, MTU);
            startAgent(i);
        }
        for (int i = 0; i < 2; i++) {
            LinuxBridgeAgent agent = agents[i];
            await().atMost(Duration.ofSeconds(20)).until(() -> agent.completedPasses() >= 1);
            vms[i] = hosts.vm("vm" + (i + 1));
        }
    }

    @AfterEach
    void tearDown() {
        Closeables.closeAll(agents[0], agents[1], server, bus, hosts);
    }

    private void startAgent(int i) {
        LinuxBridgeSettings settings = new LinuxBridgeSettings(hosts.hosts.get(i),
                Map.of("provider", TwoHostsFixture.PROVIDER_INTERFACE), Map.of(), true,
                Optional.of(TwoHostsFixture.VTEPS[i]), Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        if (executors[i] == null) {
            executors[i] = new ObservedExecutor(new ProcessExecutor(RootHelper.parse(hosts.rootHelper(i))));
        }
        agents[i] = new LinuxBridgeAgent(settings, bus, executors[i]).start();
    }

    /**
     * Plugs both VMs and waits until both ports are ACTIVE; returns, per tap, the milliseconds
     * from its creation to {@code update_device_list(up)}.
     */
    private long[] plugBothAndAwaitActive() {
        long[] created = new long[2];
        for (int i = 0; i < 2; i++) {
            created[i] = System.nanoTime();
            hosts.plug(i, TAPS[i], vms[i], MACS[i], IPS[i] + "/24", MTU);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> server.isActive(TAPS[0]) && server.isActive(TAPS[1]));
        long[] millis = new long[2];
        for (int i = 0; i < 2; i++) {
            millis[i] = TimeUnit.NANOSECONDS.toMillis(server.activeSince(TAPS[i]) - created[i]);
            LOG.info("tap {} created -> update_device_list(up) in {} ms", TAPS[i], millis[i]);
        }
        return millis;
    }

    @Test
    void vmsOnTwoHostsPingAcrossVxlanAndTheAdminStateCutsAndRestoresThem() {
        long spawns = executors[0].spawnCount() + executors[1].spawnCount();
        long[] latencies = plugBothAndAwaitActive();
        assertThat(java.util.Arrays.stream(latencies).max().orElseThrow())
                .as("wired on the link event, not the 2 s scan").isLessThan(1900);

        await().atMost(Duration.ofSeconds(10)).until(() -> hosts.ping(vms[0], IPS[1]));
        LOG.info("wiring 2 ports and their FDB took {} agent process spawns",
                executors[0].spawnCount() + executors[1].spawnCount() - spawns);
        assertThat(hosts.hasLink(0, BRQ)).isTrue();
        assertThat(hosts.hasLink(1, VXLAN)).isTrue();

        server.setAdminStateUp(TAPS[1], false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.isActive(TAPS[1]));
        assertThat(hosts.ping(vms[0], IPS[1])).as("admin down cuts the port off").isFalse();

        server.setAdminStateUp(TAPS[1], true);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.isActive(TAPS[1]));
        await().atMost(Duration.ofSeconds(10)).until(() -> hosts.ping(vms[0], IPS[1]));

        hosts.unplug(1, TAPS[1]);
        await().atMost(Duration.ofSeconds(10)).until(() -> !hosts.hasLink(1, BRQ) && !hosts.hasLink(1, VXLAN));
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.isActive(TAPS[1]));
        assertThat(hosts.hasLink(0, BRQ)).as("the other host keeps its bridge").isTrue();
    }

    @Test
    void restartingAnAgentKeepsTrafficFlowingAndChangesNothingInTheKernel() throws Exception {
        plugBothAndAwaitActive();
        await().atMost(Duration.ofSeconds(10)).until(() -> hosts.ping(vms[0], IPS[1]));

        RunningProcess ping = hosts.machine.start(hosts.pingCommand(vms[0], IPS[1], 40, "0.1"));
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(ping.stdout()));
        try {
            Thread.sleep(800);
            int mark = executors[1].size();
            long spawns = executors[1].spawnCount();
            agents[1].close();
            startAgent(1);
            LinuxBridgeAgent restarted = agents[1];
            await().atMost(Duration.ofSeconds(15)).until(() -> restarted.completedPasses() >= 1);
            LOG.info("restart resync of host 2: {} process spawns, mutating commands: {}",
                    executors[1].spawnCount() - spawns, executors[1].mutatingSince(mark));
            assertThat(executors[1].mutatingSince(mark)).as("a resync of a host that is right changes nothing")
                    .isEmpty();

            String text = output.get(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("(\\d+) packets transmitted, (\\d+) packets received").matcher(text);
            assertThat(m.find()).as("ping statistics in: " + text).isTrue();
            int lost = Integer.parseInt(m.group(1)) - Integer.parseInt(m.group(2));
            LOG.info("ping across the restart: {} sent, {} lost", m.group(1), lost);
            assertThat(lost).isLessThanOrEqualTo(2);
        } finally {
            ping.close();
        }
    }

    @Test
    void aBurstOfThirtyTapsIsWiredWithFarFewerSpawnsThanPorts() {
        int count = 30;
        List<String> taps = new java.util.ArrayList<>();
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String port = String.format("%08x-1111-4111-8111-111111111111", i + 1);
            String tap = DeviceNames.tap(port);
            taps.add(tap);
            server.bindVxlanPort(hosts.hosts.get(0), tap, port, NET, String.format("fa:16:3e:00:02:%02x", i),
                    "10.0.1." + (i + 10), VNI, MTU);
            batch.append("link add ").append(tap).append(" type veth peer name vmend").append(i).append('\n');
        }
        long spawns = executors[0].spawnCount();
        long started = System.nanoTime();
        hosts.machine.check(org.neutrino.linux.Command.of("ip", "-n", hosts.hosts.get(0), "-batch", "-")
                .withStdin(batch.toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> taps.stream().allMatch(server::isActive));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long used = executors[0].spawnCount() - spawns;
        LOG.info("burst of {} taps wired and ACTIVE in {} ms with {} spawns ({} per port)", count, millis, used,
                String.format("%.2f", (double) used / count));
        assertThat(used).as("spawns for %d ports", count).isLessThanOrEqualTo(count / 2);
        assertThat(hosts.hasLink(0, BRQ)).isTrue();
    }

    @Test
    void flatNetworkBridgesTheMappedInterfaceAndReleasesItWhenEmpty() {
        String flatNet = "7d2e4f3c-5a6b-4c7d-9e8f-9a8b7c6d5e4f";
        String flatBridge = DeviceNames.bridge(flatNet);
        for (int i = 0; i < 2; i++) {
            server.bind(hosts.hosts.get(i), new DeviceDetails(TAPS[i], PORTS[i], flatNet, MACS[i], true, "flat",
                    "provider", null, 1500, List.of(new DeviceDetails.FixedIp("subnet-2", IPS[i])), "compute:nova"));
            hosts.plug(i, TAPS[i], vms[i], MACS[i], IPS[i] + "/24", 1500);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> server.isActive(TAPS[0]) && server.isActive(TAPS[1]));
        await().atMost(Duration.ofSeconds(10)).until(() -> hosts.ping(vms[0], IPS[1]));
        assertThat(hosts.machine.check("ip", "-n", hosts.hosts.get(0), "-o", "link", "show", "master", flatBridge)
                .stdout()).contains(TwoHostsFixture.PROVIDER_INTERFACE + "@", TAPS[0] + "@");

        hosts.unplug(0, TAPS[0]);
        await().atMost(Duration.ofSeconds(10)).until(() -> !hosts.hasLink(0, flatBridge));
        assertThat(hosts.hasLink(0, TwoHostsFixture.PROVIDER_INTERFACE)).as("the physical interface is only released")
                .isTrue();
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
