package org.neutrino.functional.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Command;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.MessageBuses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent as its own process ({@code LinuxBridgeAgentMain} with two {@code --config-file}s),
 * talking to a fake server over RabbitMQ: it registers, wires a plugged VM's tap, and on
 * SIGTERM exits with its {@code ip monitor} child gone. Needs root and
 * {@code NEUTRINO_TEST_RABBIT_URL} (see {@code scripts/lib/rabbitmq.sh}).
 */
@Tag("root")
@Tag("rabbitmq")
class LinuxBridgeAgentProcessIT {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxBridgeAgentProcessIT.class);
    private static final String URL = System.getenv("NEUTRINO_TEST_RABBIT_URL");
    private static final String NET = "6c1f3d2b-4e5a-4f6b-8c9d-8e7f6a5b4c3d";
    private static final String PORT = "c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f";
    private static final String TAP = DeviceNames.tap(PORT);

    private TwoHostsFixture hosts;
    private MessageBus bus;
    private FakeL2Server server;
    private Process agent;
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(URL != null && !URL.isBlank(), "NEUTRINO_TEST_RABBIT_URL is not set: start a test "
                + "broker with eval \"$(scripts/lib/rabbitmq.sh start DIR)\" to run this test");
        hosts = TwoHostsFixture.create();
        dir = Files.createTempDirectory(hosts.prefix);
        bus = MessageBuses.fromTransportUrl(URL);
        server = new FakeL2Server(bus);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (agent != null && agent.isAlive()) {
            agent.descendants().forEach(ProcessHandle::destroyForcibly);
            agent.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
        if (bus != null) {
            bus.close();
        }
        if (hosts != null) {
            hosts.close();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void runsAsItsOwnProcessOverRabbitMqAndStopsCleanlyOnSigterm() throws Exception {
        String host = hosts.hosts.get(0);
        Path common = Files.writeString(dir.resolve("neutrino.conf"), "[DEFAULT]\nhost = " + host
                + "\ntransport_url = " + URL + "\nrpc_response_timeout = 10\n");
        Path ini = Files.writeString(dir.resolve("linuxbridge_agent.ini"), "[AGENT]\nroot_helper = "
                + hosts.rootHelper(0) + "\npolling_interval = 2\n[vxlan]\nlocal_ip = " + TwoHostsFixture.VTEPS[0]
                + "\n[securitygroup]\nfirewall_driver = noop\n");
        Path log = dir.resolve("agent.log");
        agent = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.neutrino.agent.l2.LinuxBridgeAgentMain",
                "--config-file", common.toString(), "--config-file", ini.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> server.calls.contains("report_state from " + host)
                    || !agent.isAlive());
            assertThat(agent.isAlive()).as("agent process alive; its log:%n%s", tail(log)).isTrue();

            server.bindVxlanPort(host, TAP, PORT, NET, "fa:16:3e:00:03:01", "10.0.3.11", 2041, 1450);
            String vm = hosts.vm("vm1");
            long created = System.nanoTime();
            hosts.plug(0, TAP, vm, "fa:16:3e:00:03:01", "10.0.3.11/24", 1450);
            await().atMost(Duration.ofSeconds(20)).until(() -> server.isActive(TAP));
            LOG.info("separate agent process: tap created -> ACTIVE in {} ms over RabbitMQ",
                    TimeUnit.NANOSECONDS.toMillis(server.activeSince(TAP) - created));
            assertThat(hosts.hasLink(0, DeviceNames.bridge(NET))).isTrue();
            assertThat(hosts.hasLink(0, DeviceNames.vxlan(2041))).isTrue();
            assertThat(pidsIn(host)).as("the link monitor runs in the host namespace").isNotEmpty();

            agent.destroy();
            assertThat(agent.waitFor(20, TimeUnit.SECONDS)).as("exits on SIGTERM; log:%n%s", tail(log)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> pidsIn(host).isBlank());
            assertThat(hosts.hasLink(0, DeviceNames.bridge(NET))).as("stopping the agent leaves the data plane").isTrue();
        } finally {
            LOG.info("agent process log:\n{}", tail(log));
        }
    }

    private String pidsIn(String namespace) {
        return hosts.machine.execute(Command.of("ip", "netns", "pids", namespace)).stdout().strip();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(File.separator.equals("/") ? "\n" : System.lineSeparator(),
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
