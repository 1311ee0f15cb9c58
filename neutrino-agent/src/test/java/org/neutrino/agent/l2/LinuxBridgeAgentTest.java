package org.neutrino.agent.l2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.RecordingExecutor;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DeviceDetails;
import org.neutrino.rpc.agent.NetworkFdb;
import org.neutrino.rpc.inprocess.InProcessBus;
import org.neutrino.testlib.Closeables;

/**
 * The agent's passes against a scripted host ({@link RecordingExecutor}) and a fake server on an
 * in-process bus: which commands it runs, in how many spawns, and what it reports.
 */
class LinuxBridgeAgentTest {
    private static final String NET = "3f2a9c1e-7b44-4f5c-8a9b-0c1d2e3f4a5b";
    private static final String PORT = "3c338602-d8e4-4b2f-9c3e-5a0e1f2d3c4b";
    private static final String TAP = DeviceNames.tap(PORT);
    private static final String BRQ = DeviceNames.bridge(NET);
    private static final String MAC = "fa:16:3e:00:00:05";
    private static final String REMOTE_MAC = "fa:16:3e:00:00:07";
    private static final String LINKS = "ip -j -d link show";
    private static final String FDB_SHOW = "bridge -j fdb show dev vxlan-41";
    private static final String ADDRESSES = "[{\"ifindex\":2,\"ifname\":\"mgmt0\",\"addr_info\":[{\"family\":\"inet\","
            + "\"local\":\"10.99.0.1\",\"prefixlen\":24,\"scope\":\"global\"}]}]";

    private final RecordingExecutor executor = new RecordingExecutor();
    private final InProcessBus bus = new InProcessBus();
    private final FakeL2Plugin plugin = new FakeL2Plugin(bus);
    private LinuxBridgeAgent agent;

    @BeforeEach
    void scriptHost() {
        executor.answer("ip -j address show", CommandResult.ok(ADDRESSES));
        plugin.fdb.put(NET, new NetworkFdb("vxlan", 41, Map.of(
                "10.99.0.2", List.of(new NetworkFdb.Entry(REMOTE_MAC, "10.0.0.7")),
                "10.99.0.1", List.of(new NetworkFdb.Entry(MAC, "10.0.0.5")))));
    }

    @AfterEach
    void tearDown() {
        Closeables.closeAll(agent, plugin, bus);
    }

    private static LinuxBridgeSettings settings() {
        return new LinuxBridgeSettings("compute1", Map.of(), Map.of(), true, Optional.of("10.99.0.1"),
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(5));
    }

    private static DeviceDetails vxlanPort(boolean adminUp) {
        return new DeviceDetails(TAP, PORT, NET, MAC, adminUp, "vxlan", null, 41, 1450,
                List.of(new DeviceDetails.FixedIp("subnet-1", "10.0.0.5")), "compute:nova");
    }

    /** lo, mgmt0 and, when {@code wired}, the network's bridge and VXLAN device with the tap in it. */
    private static HostLinks host(boolean wired, boolean tapUp) {
        HostLinks links = new HostLinks().device("mgmt0", 1500, true);
        if (wired) {
            links.bridge(BRQ, 1450, true).vxlan("vxlan-41", 41, "10.99.0.1", "mgmt0", 1450, true, BRQ)
                    .port(TAP, 1450, tapUp, BRQ);
        }
        return links;
    }

    private static final String PROGRAMMED_FDB = "[{\"mac\":\"00:00:00:00:00:00\",\"ifname\":\"vxlan-41\","
            + "\"dst\":\"10.99.0.2\",\"flags\":[\"self\"],\"state\":\"permanent\"},"
            + "{\"mac\":\"fa:16:3e:00:00:07\",\"ifname\":\"vxlan-41\",\"dst\":\"10.99.0.2\",\"flags\":[\"self\"],"
            + "\"state\":\"permanent\"},{\"mac\":\"fa:16:3e:00:00:05\",\"ifname\":\"vxlan-41\",\"master\":\"" + BRQ
            + "\",\"state\":\"\"}]";

    private void startAndAwaitPasses(int passes) {
        agent = new LinuxBridgeAgent(settings(), bus, executor).start();
        awaitPasses(passes);
    }

    private void awaitPasses(long passes) {
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.completedPasses() >= passes);
    }

    private List<Command> batches() {
        return executor.commands().stream().filter(c -> c.argv().contains("-batch")).toList();
    }

    private static String stdin(Command command) {
        return command.stdin().orElseThrow();
    }

    @Test
    void newVxlanTapIsWiredWithOneBatchAndReportedUp() {
        executor.answer(LINKS, CommandResult.ok(new HostLinks().device("mgmt0", 1500, true).device(TAP, 1500, false).json()));
        plugin.ports.put(TAP, vxlanPort(true));

        startAndAwaitPasses(1);

        assertThat(batches()).hasSize(2);
        assertThat(batches().get(0).commandLine()).isEqualTo("ip -force -batch -");
        assertThat(stdin(batches().get(0))).isEqualTo("""
                link add brq3f2a9c1e-7b type bridge
                link set dev brq3f2a9c1e-7b mtu 1450
                link add vxlan-41 type vxlan id 41 local 10.99.0.1 dev mgmt0 dstport 4789 nolearning
                link set dev vxlan-41 mtu 1450
                link set dev vxlan-41 master brq3f2a9c1e-7b
                link set dev vxlan-41 up
                link set dev brq3f2a9c1e-7b up
                link set dev tap3c338602-d8 mtu 1450
                link set dev tap3c338602-d8 master brq3f2a9c1e-7b
                link set dev tap3c338602-d8 up
                """);
        assertThat(batches().get(1).commandLine()).isEqualTo("bridge -force -batch -");
        assertThat(stdin(batches().get(1))).as("flooding and unicast entries of the remote VTEP only").isEqualTo("""
                fdb append 00:00:00:00:00:00 dev vxlan-41 dst 10.99.0.2
                fdb replace fa:16:3e:00:00:07 dev vxlan-41 dst 10.99.0.2
                """);
        assertThat(executor.commandLines()).as("start-up reads, then one pass of three spawns (the FDB of a new "
                + "VXLAN device is known to be empty)").containsExactly(
                "ip -j address show", "ip -o monitor link", LINKS,
                LINKS, "ip -force -batch -", "bridge -force -batch -");
        assertThat(plugin.detailsAsked).containsExactly(List.of(TAP));
        assertThat(plugin.updates).containsExactly(new FakeL2Plugin.Update(List.of(TAP), List.of()));
        assertThat(plugin.fdbAsked).containsExactly(List.of(NET));
        assertThat(agent.deviceCount()).isEqualTo(1);
        assertThat(plugin.states).first().satisfies(state -> {
            assertThat(state.startFlag()).isTrue();
            assertThat(state.agentType()).isEqualTo(AgentTopics.LINUXBRIDGE_AGENT_TYPE);
            assertThat(state.configurations()).containsEntry("tunnel_types", List.of("vxlan"))
                    .containsEntry("tunneling_ip", "10.99.0.1").containsEntry("l2_population", true)
                    .containsEntry("firewall_driver", "noop");
        });
    }

    @Test
    void adminStateDownCutsTheTapOffAndAPortUpdateBringsItBack() {
        executor.answer(LINKS, CommandResult.ok(host(true, true).json()));
        executor.answer(FDB_SHOW, CommandResult.ok(PROGRAMMED_FDB));
        plugin.ports.put(TAP, vxlanPort(false));

        startAndAwaitPasses(1);

        assertThat(batches()).singleElement().satisfies(b -> assertThat(stdin(b)).isEqualTo("""
                link set dev tap3c338602-d8 down
                """));
        assertThat(plugin.updates).containsExactly(new FakeL2Plugin.Update(List.of(), List.of(TAP)));

        executor.answer(LINKS, CommandResult.ok(host(true, false).json()));
        plugin.ports.put(TAP, vxlanPort(true));
        bus.fanoutCast(AgentTopics.PORT_UPDATE, portMessage(AgentTopics.PORT_UPDATE_METHOD));
        awaitPasses(2);

        assertThat(batches()).hasSize(2);
        assertThat(stdin(batches().get(1))).isEqualTo("""
                link set dev tap3c338602-d8 up
                """);
        assertThat(plugin.updates).last().isEqualTo(new FakeL2Plugin.Update(List.of(TAP), List.of()));
        assertThat(plugin.detailsAsked).containsExactly(List.of(TAP), List.of(TAP));
    }

    @Test
    void removedTapIsReportedDownAndTheEmptyBridgeRemovedWithItsVxlanDevice() {
        executor.answer(LINKS, CommandResult.ok(host(true, true).json()));
        executor.answer(FDB_SHOW, CommandResult.ok(PROGRAMMED_FDB));
        plugin.ports.put(TAP, vxlanPort(true));
        startAndAwaitPasses(1);

        executor.answer(LINKS, CommandResult.ok(new HostLinks().device("mgmt0", 1500, true)
                .bridge(BRQ, 1450, true).vxlan("vxlan-41", 41, "10.99.0.1", "mgmt0", 1450, true, BRQ).json()));
        // lo 1, mgmt0 2, bridge 3, vxlan 4, tap 5 (HostLinks numbers them in order)
        executor.started().getFirst().print("Deleted 5: " + TAP + "@if6: <BROADCAST,MULTICAST> mtu 1450 state DOWN");
        awaitPasses(2);

        assertThat(batches()).singleElement().satisfies(b -> assertThat(stdin(b)).isEqualTo("""
                link delete dev vxlan-41
                link delete dev brq3f2a9c1e-7b
                """));
        assertThat(plugin.updates).last().isEqualTo(new FakeL2Plugin.Update(List.of(), List.of(TAP)));
        assertThat(agent.deviceCount()).isZero();
    }

    @Test
    void resyncOfAHostThatIsRightChangesNothingAcrossARestart() {
        executor.answer(LINKS, CommandResult.ok(host(true, true).json()));
        executor.answer(FDB_SHOW, CommandResult.ok(PROGRAMMED_FDB));
        plugin.ports.put(TAP, vxlanPort(true));

        startAndAwaitPasses(1);
        agent.close();
        int before = executor.commands().size();
        startAndAwaitPasses(1);

        assertThat(batches()).as("no mutating command at all").isEmpty();
        assertThat(executor.commandLines().subList(before, executor.commands().size())).containsExactly(
                "ip -j address show", "ip -o monitor link", LINKS, LINKS, FDB_SHOW);
        assertThat(plugin.updates).as("each resync reports the port up again").containsExactly(
                new FakeL2Plugin.Update(List.of(TAP), List.of()), new FakeL2Plugin.Update(List.of(TAP), List.of()));
    }

    @Test
    void resyncOfFiveHundredUnchangedPortsIsAHandfulOfReads() {
        HostLinks links = new HostLinks().device("mgmt0", 1500, true);
        for (int n = 0; n < 5; n++) {
            String net = String.format("%08x-0000-4000-8000-000000000000", n + 1);
            int vni = 100 + n;
            links.bridge(DeviceNames.bridge(net), 1450, true)
                    .vxlan("vxlan-" + vni, vni, "10.99.0.1", "mgmt0", 1450, true, DeviceNames.bridge(net));
            plugin.fdb.put(net, new NetworkFdb("vxlan", vni, Map.of()));
            for (int p = 0; p < 100; p++) {
                String port = String.format("%08x-1111-4111-8111-111111111111", n * 100 + p + 1);
                String tap = DeviceNames.tap(port);
                links.port(tap, 1450, true, DeviceNames.bridge(net));
                plugin.ports.put(tap, new DeviceDetails(tap, port, net, "fa:16:3e:00:00:01", true, "vxlan", null, vni,
                        1450, List.of(), "compute:nova"));
            }
        }
        executor.answer(LINKS, CommandResult.ok(links.json()));

        startAndAwaitPasses(1);

        assertThat(batches()).isEmpty();
        assertThat(executor.commandLines()).containsExactly("ip -j address show", "ip -o monitor link", LINKS, LINKS,
                "bridge -j fdb show dev vxlan-100", "bridge -j fdb show dev vxlan-101", "bridge -j fdb show dev vxlan-102",
                "bridge -j fdb show dev vxlan-103", "bridge -j fdb show dev vxlan-104");
        assertThat(plugin.detailsAsked).extracting(List::size).containsExactly(200, 200, 100);
        assertThat(plugin.updates).singleElement().satisfies(u -> assertThat(u.up()).hasSize(500));
        assertThat(plugin.fdbAsked).singleElement().satisfies(nets -> assertThat(nets).hasSize(5));
    }

    @Test
    void aTapReCreatedUnderTheSameNameIsAskedAboutAgainAndRewired() {
        executor.answer(LINKS, CommandResult.ok(host(true, true).json()));
        executor.answer(FDB_SHOW, CommandResult.ok(PROGRAMMED_FDB));
        plugin.ports.put(TAP, vxlanPort(true));
        startAndAwaitPasses(1);

        // the same name, a new ifindex (7 instead of 5), not in the bridge yet: unplugged and plugged again
        executor.answer(LINKS, CommandResult.ok(new HostLinks().device("mgmt0", 1500, true)
                .bridge(BRQ, 1450, true).vxlan("vxlan-41", 41, "10.99.0.1", "mgmt0", 1450, true, BRQ)
                .device("other", 1500, false).device("other2", 1500, false).device(TAP, 1500, false).json()));
        executor.started().getFirst().print("7: " + TAP + "@if8: <BROADCAST,MULTICAST> mtu 1500 state DOWN");
        awaitPasses(2);

        assertThat(plugin.detailsAsked).containsExactly(List.of(TAP), List.of(TAP));
        assertThat(batches()).singleElement().satisfies(b -> assertThat(stdin(b)).isEqualTo("""
                link set dev tap3c338602-d8 mtu 1450
                link set dev tap3c338602-d8 master brq3f2a9c1e-7b
                link set dev tap3c338602-d8 up
                """));
    }

    @Test
    void refusesToStartWhenNoInterfaceCarriesTheLocalIp() {
        executor.answer("ip -j address show", CommandResult.ok("[]"));
        LinuxBridgeAgent unstarted = new LinuxBridgeAgent(settings(), bus, executor);

        assertThatThrownBy(unstarted::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("local_ip 10.99.0.1 is not the address of any interface");
        assertThat(executor.started()).as("no link monitor left running").isEmpty();
        assertThat(plugin.states).isEmpty();
    }

    @Test
    void aTapTheServerDoesNotKnowIsLeftAlone() {
        executor.answer(LINKS, CommandResult.ok(host(false, false).device(TAP, 1500, true).json()));

        startAndAwaitPasses(1);

        assertThat(plugin.detailsAsked).containsExactly(List.of(TAP));
        assertThat(batches()).isEmpty();
        assertThat(plugin.updates).isEmpty();
    }

    @Test
    void fdbChangedReprogramsTheDifferenceOnly() {
        executor.answer(LINKS, CommandResult.ok(host(true, true).json()));
        executor.answer(FDB_SHOW, CommandResult.ok(PROGRAMMED_FDB));
        plugin.ports.put(TAP, vxlanPort(true));
        startAndAwaitPasses(1);
        assertThat(batches()).isEmpty();

        plugin.fdb.put(NET, new NetworkFdb("vxlan", 41, Map.of(
                "10.99.0.3", List.of(new NetworkFdb.Entry(REMOTE_MAC, "10.0.0.7")))));
        int before = executor.commands().size();
        ObjectNode args = AgentJson.object();
        args.putArray("network_ids").add(NET).add("another-network-not-here");
        bus.fanoutCast(AgentTopics.L2POPULATION, new Message(AgentTopics.FDB_CHANGED, args));
        awaitPasses(2);

        assertThat(plugin.fdbAsked).last().isEqualTo(List.of(NET));
        assertThat(executor.commandLines().subList(before, executor.commands().size()))
                .as("an FDB change alone does not read the links").containsExactly(
                        FDB_SHOW, "bridge -force -batch -", "bridge -force -batch -");
        assertThat(batches()).extracting(LinuxBridgeAgentTest::stdin).containsExactly("""
                fdb append 00:00:00:00:00:00 dev vxlan-41 dst 10.99.0.3
                fdb replace fa:16:3e:00:00:07 dev vxlan-41 dst 10.99.0.3
                """, """
                fdb delete 00:00:00:00:00:00 dev vxlan-41 dst 10.99.0.2
                """);
    }

    @Test
    void anFdbEntryWithABadMacIsSkippedReportedAndTheOthersProgrammed() {
        plugin.fdb.put(NET, new NetworkFdb("vxlan", 41, Map.of(
                "10.99.0.2", List.of(new NetworkFdb.Entry("fa:16:3e:\u0661\u0661:00:09", "10.0.0.9"),
                        new NetworkFdb.Entry(REMOTE_MAC, "10.0.0.7")))));
        executor.answer(LINKS, CommandResult.ok(new HostLinks().device("mgmt0", 1500, true).device(TAP, 1500, false).json()));
        plugin.ports.put(TAP, vxlanPort(true));

        startAndAwaitPasses(1);

        assertThat(stdin(batches().get(1))).isEqualTo("""
                fdb append 00:00:00:00:00:00 dev vxlan-41 dst 10.99.0.2
                fdb replace fa:16:3e:00:00:07 dev vxlan-41 dst 10.99.0.2
                """);
        assertThat(plugin.updates).containsExactly(new FakeL2Plugin.Update(List.of(TAP), List.of()));
        assertThat(agent.configurations()).containsEntry("skipped_records", 1).containsEntry("devices", 1);
    }

    @Test
    void anFdbChangeThatChangesNothingHereCostsNoProcess() {
        executor.answer(LINKS, CommandResult.ok(host(true, true).json()));
        executor.answer(FDB_SHOW, CommandResult.ok(PROGRAMMED_FDB));
        plugin.ports.put(TAP, vxlanPort(true));
        startAndAwaitPasses(1);
        int before = executor.commands().size();

        ObjectNode args = AgentJson.object();
        args.putArray("network_ids").add(NET);
        bus.fanoutCast(AgentTopics.L2POPULATION, new Message(AgentTopics.FDB_CHANGED, args));
        awaitPasses(2);

        assertThat(plugin.fdbAsked).hasSize(2);
        assertThat(executor.commands()).hasSize(before);
    }

    @Test
    void networkDeleteRemovesItsBridge() {
        executor.answer(LINKS, CommandResult.ok(host(true, true).json()));
        executor.answer(FDB_SHOW, CommandResult.ok(PROGRAMMED_FDB));
        plugin.ports.put(TAP, vxlanPort(true));
        startAndAwaitPasses(1);

        plugin.ports.remove(TAP);
        ObjectNode args = AgentJson.object();
        args.put("network_id", NET);
        bus.fanoutCast(AgentTopics.NETWORK_DELETE, new Message(AgentTopics.NETWORK_DELETE_METHOD, args));
        awaitPasses(2);

        assertThat(batches()).singleElement().satisfies(b -> assertThat(stdin(b)).isEqualTo("""
                link delete dev vxlan-41
                link delete dev brq3f2a9c1e-7b
                """));
    }

    private static Message portMessage(String method) {
        ObjectNode args = AgentJson.object();
        args.put("port_id", PORT);
        args.put("network_id", NET);
        return new Message(method, args);
    }
}
