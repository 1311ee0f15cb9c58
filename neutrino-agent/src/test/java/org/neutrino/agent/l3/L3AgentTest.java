package org.neutrino.agent.l3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.RecordingExecutor;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.RouterInfo;
import org.neutrino.rpc.inprocess.InProcessBus;
import org.neutrino.testlib.Closeables;

class L3AgentTest {
    static final String HOST = "network1";
    static final String NS = Routers.NAMESPACE;
    static final String LINKS = """
            [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"operstate":"UNKNOWN",\
            "link_type":"loopback","address":"00:00:00:00:00:00"},
            {"ifindex":2,"link_index":5,"ifname":"qr-1a1a1a1a-00","flags":["BROADCAST","UP","LOWER_UP"],"mtu":1450,\
            "operstate":"UP","link_type":"ether","address":"fa:16:3e:00:01:01","link_netnsid":0,\
            "linkinfo":{"info_kind":"veth"}},
            {"ifindex":3,"link_index":6,"ifname":"qg-2b2b2b2b-00","flags":["BROADCAST","UP","LOWER_UP"],"mtu":1500,\
            "operstate":"UP","link_type":"ether","address":"fa:16:3e:00:02:02","link_netnsid":0,\
            "linkinfo":{"info_kind":"veth"}}]""";
    static final String ROUTES_V4 = """
            [{"dst":"default","gateway":"203.0.113.1","dev":"qg-2b2b2b2b-00","flags":[]},
            {"dst":"172.16.1.0/24","dev":"qr-1a1a1a1a-00","protocol":"kernel","scope":"link","prefsrc":"172.16.1.1"}]""";

    @TempDir
    Path statePath;

    private final InProcessBus bus = new InProcessBus();
    private final RecordingExecutor executor = new RecordingExecutor();
    private FakeL3Server server;
    private L3Agent agent;

    @BeforeEach
    void setUp() {
        server = new FakeL3Server(bus);
    }

    @AfterEach
    void tearDown() {
        Closeables.closeAll(agent, server, bus);
    }

    private L3Agent startAgent() {
        L3AgentConfig config = new L3AgentConfig(HOST, statePath, Duration.ofSeconds(60), Duration.ofMillis(200),
                Duration.ofMillis(200), Duration.ofSeconds(5));
        agent = new L3Agent(config, bus, executor).start();
        return agent;
    }

    private void routersUpdated(String... ids) {
        var args = AgentJson.object();
        args.set("router_ids", AgentJson.tree(List.of(ids)));
        bus.cast(Target.server(AgentTopics.L3_AGENT, HOST), new Message(AgentTopics.ROUTERS_UPDATED, args));
    }

    static String golden(String resource) {
        try (InputStream in = L3AgentTest.class.getResourceAsStream("/golden/l3/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String stdinOf(String commandLine) {
        return executor.commands().stream().filter(c -> c.commandLine().equals(commandLine)).findFirst()
                .flatMap(Command::stdin).orElseThrow(() -> new AssertionError("no " + commandLine + " in "
                        + executor.commandLines()));
    }

    /** The commands that may change the host: everything but reads. */
    private List<String> writes() {
        return executor.commandLines().stream()
                .filter(l -> !l.contains(" -j ") && !l.endsWith("netns list") && !l.contains("sysctl -n")
                        && !l.contains("iptables-save"))
                .toList();
    }

    /** Scripts the reads of an existing namespace of the router: links, addresses, routes, forwarding, iptables. */
    private void existingNamespace(String addressesJson, String savedNat) throws IOException {
        Files.createDirectories(statePath.resolve("l3").resolve(Routers.ROUTER));
        executor.answer("ip netns list", CommandResult.ok(NS + " (id: 3)\n"));
        executor.answer("ip -n " + NS + " -j -d address show", CommandResult.ok(withAddresses(addressesJson)));
        executor.answer("ip -n " + NS + " -j -4 route show", CommandResult.ok(ROUTES_V4));
        executor.answer("ip -n " + NS + " -j -6 route show", CommandResult.ok("[]"));
        executor.answer("ip netns exec " + NS + " sysctl -n net.ipv4.ip_forward net.ipv4.conf.default.arp_notify",
                CommandResult.ok("1\n1\n"));
        executor.answer("ip netns exec " + NS + " iptables-save", CommandResult.ok(savedNat));
    }

    /** {@code ip -d -j address show}: the links of {@link #LINKS} with the addr_info of {@code addressesJson}. */
    private static String withAddresses(String addressesJson) {
        var links = AgentJson.mapper().createArrayNode();
        try {
            var byName = new java.util.HashMap<String, com.fasterxml.jackson.databind.JsonNode>();
            AgentJson.mapper().readTree(addressesJson).forEach(n -> byName.put(n.path("ifname").asText(), n.path("addr_info")));
            AgentJson.mapper().readTree(LINKS).forEach(link -> {
                var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) link).deepCopy();
                copy.set("addr_info", byName.getOrDefault(link.path("ifname").asText(), AgentJson.mapper().createArrayNode()));
                links.add(copy);
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return links.toString();
    }

    private static String addresses(String... qgAddresses) {
        StringBuilder qg = new StringBuilder();
        for (String a : qgAddresses) {
            String[] parts = a.split("/");
            qg.append(qg.isEmpty() ? "" : ",").append("{\"family\":\"inet\",\"local\":\"").append(parts[0])
                    .append("\",\"prefixlen\":").append(parts[1]).append(",\"scope\":\"global\"}");
        }
        return "[{\"ifname\":\"lo\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"127.0.0.1\",\"prefixlen\":8,"
                + "\"scope\":\"host\"}]},{\"ifname\":\"qr-1a1a1a1a-00\",\"addr_info\":[{\"family\":\"inet\","
                + "\"local\":\"172.16.1.1\",\"prefixlen\":24,\"scope\":\"global\"},{\"family\":\"inet6\","
                + "\"local\":\"fe80::f816:3eff:fe00:101\",\"prefixlen\":64,\"scope\":\"link\"}]},"
                + "{\"ifname\":\"qg-2b2b2b2b-00\",\"addr_info\":[" + qg + "]}]";
    }

    @Test
    void aNewRouterIsMadeWithTwoIpBatchesOneSysctlAndOneIptablesRestoreAndTheKernelAnnouncesItsAddresses() {
        server.put(Routers.withFloatingIp());
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.routers().contains(Routers.ROUTER));

        assertThat(executor.commandLines()).containsExactly(
                "ip netns list",
                "ip netns add " + NS,
                "ip netns exec " + NS + " sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1"
                        + " net.ipv4.conf.default.arp_notify=1",
                "ip -force -batch -",
                "ip -n " + NS + " -force -batch -",
                "ip netns exec " + NS + " iptables-restore --noflush");
        assertThat(stdinOf("ip -force -batch -")).isEqualTo(golden("new-router-host.batch"));
        assertThat(stdinOf("ip -n " + NS + " -force -batch -")).isEqualTo(golden("new-router-namespace.batch"));
        assertThat(stdinOf("ip netns exec " + NS + " iptables-restore --noflush"))
                .isEqualTo(golden("new-router-nat.restore") + golden("new-router-mangle.restore"));
        assertThat(Files.isDirectory(statePath.resolve("l3").resolve(Routers.ROUTER))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.floatingIpStatuses().isEmpty());
        assertThat(server.floatingIpStatuses()).containsExactly(java.util.Map.entry(Routers.FIP1, "ACTIVE"));

        AgentState first = server.reports().getFirst();
        assertThat(first.agentType()).isEqualTo("L3 agent");
        assertThat(first.topic()).isEqualTo("l3_agent");
        assertThat(first.binary()).isEqualTo("neutron-l3-agent");
        assertThat(first.host()).isEqualTo(HOST);
        assertThat(first.startFlag()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.reports().getLast().configurations()
                .get("routers").equals(1));
        assertThat(server.reports().getLast().configurations()).containsEntry("floating_ips", 1)
                .containsEntry("ex_gw_ports", 1).containsEntry("interfaces", 1).containsEntry("agent_mode", "legacy");
    }

    @Test
    void aRestartFindingTheRouterRightChangesNothing() throws IOException {
        existingNamespace(addresses("203.0.113.2/24", "203.0.113.10/32"), golden("existing-iptables.save"));
        server.put(Routers.withFloatingIp());
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.routers().contains(Routers.ROUTER));

        assertThat(writes()).as("reads only").isEmpty();
        assertThat(executor.commandLines()).as("netns list and five reads").hasSize(6);
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.floatingIpStatuses().isEmpty());
        assertThat(server.floatingIpStatuses()).containsEntry(Routers.FIP1, "ACTIVE");
    }

    @Test
    void aFloatingIpRemovedWhileTheAgentWasDownIsRemovedWithItsFlowsAndOnlyThat() throws IOException {
        String savedWithSecond = golden("existing-iptables.save").replace("""
                -A neutrino-l3-PREROUTING -d 203.0.113.10/32 -j DNAT --to-destination 172.16.1.5
                """, """
                -A neutrino-l3-PREROUTING -d 203.0.113.10/32 -j DNAT --to-destination 172.16.1.5
                -A neutrino-l3-PREROUTING -d 203.0.113.11/32 -j DNAT --to-destination 172.16.1.6
                """);
        existingNamespace(addresses("203.0.113.2/24", "203.0.113.10/32", "203.0.113.11/32"), savedWithSecond);
        server.put(Routers.withFloatingIp());
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.routers().contains(Routers.ROUTER));

        assertThat(writes()).containsExactly(
                "ip -n " + NS + " -force -batch -",
                "ip netns exec " + NS + " iptables-restore --noflush",
                "ip netns exec " + NS + " conntrack -D -f ipv4 --orig-dst 203.0.113.11",
                "ip netns exec " + NS + " conntrack -D -f ipv4 --reply-dst 203.0.113.11");
        assertThat(stdinOf("ip -n " + NS + " -force -batch -")).isEqualTo(
                "address delete 203.0.113.11/32 dev qg-2b2b2b2b-00\n");
        assertThat(stdinOf("ip netns exec " + NS + " iptables-restore --noflush"))
                .isEqualTo(golden("new-router-nat.restore").replaceAll("-I [A-Z]+ 1 -j neutrino-l3-[A-Z]+\n", ""));
    }

    @Test
    void aRouterNoLongerReturnedIsRemovedAndItsFloatingIpsGoDown() {
        server.put(Routers.withFloatingIp());
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.floatingIpStatuses().containsKey(Routers.FIP1));
        int before = executor.commandLines().size();

        server.remove(Routers.ROUTER);
        routersUpdated(Routers.ROUTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.routers().isEmpty()
                && "DOWN".equals(server.floatingIpStatuses().get(Routers.FIP1)));

        assertThat(executor.commandLines().subList(before, executor.commandLines().size()))
                .containsExactly("ip netns delete " + NS);
        assertThat(Files.exists(statePath.resolve("l3").resolve(Routers.ROUTER))).isFalse();
    }

    @Test
    void aNotificationOfAnUnchangedRouterSpawnsNothingAndAChangeOnlyItsDiff() {
        server.put(Routers.withFloatingIp());
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.floatingIpStatuses().containsKey(Routers.FIP1));
        int before = executor.commandLines().size();

        routersUpdated(Routers.ROUTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls(AgentTopics.SYNC_ROUTERS).size() == 2);
        assertThat(executor.commandLines()).hasSize(before);

        executor.answer("ip netns list", CommandResult.ok(NS + "\n"));
        executor.answer("ip -n " + NS + " -j -d address show",
                CommandResult.ok(withAddresses(addresses("203.0.113.2/24", "203.0.113.10/32"))));
        executor.answer("ip -n " + NS + " -j -4 route show", CommandResult.ok(ROUTES_V4));
        executor.answer("ip netns exec " + NS + " sysctl -n net.ipv4.ip_forward net.ipv4.conf.default.arp_notify",
                CommandResult.ok("1\n1\n"));
        executor.answer("ip netns exec " + NS + " iptables-save", CommandResult.ok(golden("existing-iptables.save")));
        server.put(Routers.router(true, List.of(Routers.floatingIp(Routers.FIP1, "203.0.113.10", "172.16.1.5")),
                List.of(new RouterInfo.Route("10.20.0.0/16", "172.16.1.254"))));
        routersUpdated(Routers.ROUTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls(AgentTopics.SYNC_ROUTERS).size() == 3
                && agent.routers().contains(Routers.ROUTER));
        List<String> after = executor.commandLines().subList(before, executor.commandLines().size());
        assertThat(after.stream().filter(l -> l.contains("batch")).toList())
                .containsExactly("ip -n " + NS + " -force -batch -");
        assertThat(after).noneMatch(l -> l.contains("iptables-restore") || l.contains("arping"));
        assertThat(executor.commands().getLast().stdin()).hasValue("route replace 10.20.0.0/16 via 172.16.1.254\n");
    }

    private static final String FORWARDING_DNAT = "-d 203.0.113.20/32 -p tcp -m tcp --dport 2222 -j DNAT --to-destination 172.16.1.5:22";

    @Test
    void aPortForwardingIsAddedAsItsAddressAndTwoRulesInOneIptablesRestore() throws IOException {
        existingNamespace(addresses("203.0.113.2/24", "203.0.113.10/32"), golden("existing-iptables.save"));
        server.put(Routers.withPortForwardings(Routers.forwarding("tcp", 2222, 22)));
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.routers().contains(Routers.ROUTER));

        String dnat = FORWARDING_DNAT;
        assertThat(writes().stream().filter(l -> !l.startsWith("ip netns exec " + NS + " arping")).toList()).containsExactly(
                "ip -n " + NS + " -force -batch -",
                "ip netns exec " + NS + " iptables-restore --noflush");
        assertThat(stdinOf("ip -n " + NS + " -force -batch -")).isEqualTo("address add 203.0.113.20/32 brd + dev qg-2b2b2b2b-00\n");
        assertThat(stdinOf("ip netns exec " + NS + " iptables-restore --noflush")).contains("-A neutrino-l3-PREROUTING " + dnat,
                "-A neutrino-l3-OUTPUT " + dnat);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.floatingIpStatuses().containsKey(Routers.FIP2));
        assertThat(server.floatingIpStatuses()).containsEntry(Routers.FIP2, "ACTIVE");
    }

    @Test
    void aRestartFindingAPortForwardingRightWritesNothing() throws IOException {
        String dnat = FORWARDING_DNAT;
        String saved = golden("existing-iptables.save").replace("""
                -A neutrino-l3-OUTPUT -d 203.0.113.10/32 -j DNAT --to-destination 172.16.1.5
                """, """
                -A neutrino-l3-OUTPUT -d 203.0.113.10/32 -j DNAT --to-destination 172.16.1.5
                -A neutrino-l3-OUTPUT %s
                """.formatted(dnat)).replace("""
                -A neutrino-l3-PREROUTING -d 203.0.113.10/32 -j DNAT --to-destination 172.16.1.5
                """, """
                -A neutrino-l3-PREROUTING -d 203.0.113.10/32 -j DNAT --to-destination 172.16.1.5
                -A neutrino-l3-PREROUTING %s
                """.formatted(dnat));
        existingNamespace(addresses("203.0.113.2/24", "203.0.113.10/32", "203.0.113.20/32"), saved);
        server.put(Routers.withPortForwardings(Routers.forwarding("tcp", 2222, 22)));
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.routers().contains(Routers.ROUTER));
        assertThat(writes()).as("reads only").isEmpty();
    }

    @Test
    void aFailedSyncRoutersIsRetried() {
        server.put(Routers.withFloatingIp());
        server.failNext(AgentTopics.SYNC_ROUTERS, 1);
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.routers().contains(Routers.ROUTER));
        assertThat(server.calls(AgentTopics.SYNC_ROUTERS)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aRemovedGatewayTakesItsDeviceRoutesAndNatRulesWithIt() throws IOException {
        existingNamespace(addresses("203.0.113.2/24", "203.0.113.10/32"), golden("existing-iptables.save"));
        server.put(new RouterInfo(Routers.ROUTER, "r1", true, true, null, List.of(Routers.internalPort()), List.of(),
                List.of()));
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.routers().contains(Routers.ROUTER));

        assertThat(writes()).containsExactly(
                "ip -n " + NS + " -force -batch -",
                "ip netns exec " + NS + " iptables-restore --noflush",
                "ip netns exec " + NS + " conntrack -D -f ipv4 --orig-dst 203.0.113.10",
                "ip netns exec " + NS + " conntrack -D -f ipv4 --reply-dst 203.0.113.10");
        assertThat(stdinOf("ip -n " + NS + " -force -batch -")).isEqualTo("""
                link delete dev qg-2b2b2b2b-00
                """);
        assertThat(stdinOf("ip netns exec " + NS + " iptables-restore --noflush")).isEqualTo("""
                *nat
                :neutrino-l3-PREROUTING - [0:0]
                :neutrino-l3-OUTPUT - [0:0]
                :neutrino-l3-POSTROUTING - [0:0]
                COMMIT
                *mangle
                :neutrino-l3-PREROUTING - [0:0]
                COMMIT
                """);
    }

    /** {@code existing-iptables.save} without the rules of the floating IP 203.0.113.10. */
    private static String savedWithoutFloatingIp() {
        return golden("existing-iptables.save").replaceAll("-A neutrino-l3-(PREROUTING|OUTPUT) -d .*\n", "")
                .replace("-A neutrino-l3-POSTROUTING -s 172.16.1.5/32 -j SNAT --to-source 203.0.113.10\n", "");
    }

    @Test
    void aFloatingIpAddedToAGatewayAlreadyUpIsAnnouncedByArpingAndAnOlderNamespaceGetsArpNotify() throws IOException {
        existingNamespace(addresses("203.0.113.2/24"), savedWithoutFloatingIp());
        executor.answer("ip netns exec " + NS + " sysctl -n net.ipv4.ip_forward net.ipv4.conf.default.arp_notify",
                CommandResult.ok("1\n0\n"));
        server.put(Routers.withFloatingIp());
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.routers().contains(Routers.ROUTER));

        assertThat(writes()).containsExactly(
                "ip netns exec " + NS + " sysctl -q -w net.ipv4.conf.default.arp_notify=1",
                "ip -n " + NS + " -force -batch -",
                "ip netns exec " + NS + " iptables-restore --noflush",
                "ip netns exec " + NS + " arping -U -I qg-2b2b2b2b-00 -c 1 203.0.113.10");
        assertThat(stdinOf("ip -n " + NS + " -force -batch -")).isEqualTo("address add 203.0.113.10/32 brd + dev qg-2b2b2b2b-00\n");
    }

    @Test
    void aRemovedInterfaceIsDeletedWithItsTapAndNothingElseChanges() throws IOException {
        existingNamespace(addresses("203.0.113.2/24"), savedWithoutFloatingIp());
        String stale = """
                {"ifindex":4,"link_index":7,"ifname":"qr-3c3c3c3c-00","flags":["BROADCAST","UP","LOWER_UP"],\
                "mtu":1450,"operstate":"UP","link_type":"ether","address":"fa:16:3e:00:03:03","link_netnsid":0,\
                "linkinfo":{"info_kind":"veth"},"addr_info":[{"family":"inet","local":"172.16.2.1","prefixlen":24,\
                "scope":"global"}]}""";
        executor.answer("ip -n " + NS + " -j -d address show", CommandResult.ok(
                withAddresses(addresses("203.0.113.2/24")).replaceFirst("]$", "," + stale + "]")));
        server.put(Routers.router(true, List.of(), List.of()));
        startAgent();
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.routers().contains(Routers.ROUTER));

        assertThat(writes()).containsExactly("ip -n " + NS + " -force -batch -");
        assertThat(stdinOf("ip -n " + NS + " -force -batch -")).isEqualTo("link delete dev qr-3c3c3c3c-00\n");
    }
}
