package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.Subscription;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;

/**
 * {@code neutrino trace port} against a real server, whose L2 agent on the port's host is a fake
 * on the in-process bus answering {@code trace_port} with a healthy or a broken bridge.
 */
class TraceCommandTest {
    private static final String HOST = "trace-cli-host";
    private static final AtomicBoolean BRIDGE_UP = new AtomicBoolean(true);
    private static RealServer server;
    private static Subscription agent;
    private static ServerCli cli;

    @BeforeAll
    static void start() throws Exception {
        server = RealServer.start(Map.of("ml2.tenant_network_types", "vxlan", "ml2_type_vxlan.vni_ranges", "4000:4009"));
        cli = new ServerCli(server, false);
        ObjectNode state = AgentJson.object();
        state.put("host", HOST);
        state.set("agent_state", AgentJson.tree(new AgentState("neutrino-linuxbridge-agent", HOST, "N/A",
                AgentTopics.LINUXBRIDGE_AGENT_TYPE, Map.of("firewall_driver", "noop"), true)));
        server.bus().call(Target.topic(AgentTopics.PLUGIN), new Message(AgentTopics.REPORT_STATE, state), Duration.ofSeconds(10));
        agent = server.bus().subscribe(Target.server(AgentTopics.L2_AGENT, HOST), message -> {
            String tap = DeviceNames.tap(message.args().path("port_id").asText());
            String bridge = DeviceNames.bridge(message.args().path("network_id").asText());
            String vxlan = DeviceNames.vxlan(message.args().path("segmentation_id").asInt());
            return AgentJson.tree(new PortTrace(HOST, AgentTopics.LINUXBRIDGE_AGENT_TYPE, List.of(
                    new PortTrace.Device(tap, null, "veth", true, bridge, null, List.of(), null, null, List.of()),
                    new PortTrace.Device(bridge, null, "bridge", BRIDGE_UP.get(), null, null, List.of(), null, null, List.of()),
                    new PortTrace.Device(vxlan, null, "vxlan", true, bridge, null, List.of(), 4000, null, List.of())),
                    List.of(), List.of(), List.of(), List.of()));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
        server.close();
    }

    static String boundPort(String name) {
        String net = name + "-net";
        assertThat(cli.run("net-create", net).status()).isZero();
        ServerCli.Run port = cli.run("port-create", net, "--name", name, "--binding:host_id", HOST, "-f", "value", "-c", "id");
        assertThat(port.status()).as(port.err()).isZero();
        String id = port.out().strip();
        ObjectNode up = AgentJson.object();
        up.putArray("devices_up").add(DeviceNames.tap(id));
        up.putArray("devices_down");
        up.put("agent_id", "lb-" + HOST);
        up.put("host", HOST);
        server.bus().call(Target.topic(AgentTopics.PLUGIN), new Message(AgentTopics.UPDATE_DEVICE_LIST, up), Duration.ofSeconds(10));
        return id;
    }

    @Test
    void aHealthyPathPrintsEveryHopOkAndExitsZero() throws Exception {
        String id = boundPort("trace-ok");
        BRIDGE_UP.set(true);

        ServerCli.Run table = cli.run("trace", "port", "trace-ok");

        assertThat(table.status()).as(table.out() + table.err()).isZero();
        assertThat(table.out()).startsWith("Trace of port " + id + " on host " + HOST)
                .contains("| 2 | l2_agent ", "| " + DeviceNames.tap(id) + " ", "Every hop is as the model says.")
                .doesNotContain("BROKEN");

        ServerCli.Run json = cli.run("trace", "port", id, "-f", "json");
        JsonNode trace = json.json();
        assertThat(trace.path("broken").asBoolean()).isFalse();
        assertThat(trace.path("hops").get(2).path("kind").asText()).isEqualTo("tap");
        assertThat(trace.path("hops").get(2).path("verdict").asText()).isEqualTo("ok");
    }

    @Test
    void aBrokenHopIsNamedAndTheExitStatusSaysSo() {
        String id = boundPort("trace-broken");
        BRIDGE_UP.set(false);
        try {
            ServerCli.Run table = cli.run("trace", "port", "trace-broken");
            assertThat(table.status()).isEqualTo(ExitStatus.BROKEN);
            assertThat(table.out()).contains("| DOWN ", "1 broken hop(s); the first: bridge brq");
            ServerCli.Run value = cli.run("trace", "port", id, "-f", "value");
            assertThat(value.out().lines().filter(l -> l.startsWith("bridge brq"))).singleElement().asString().endsWith(" down");
        } finally {
            BRIDGE_UP.set(true);
        }
    }

    @Test
    void aMemberIsRefusedAndAnUnknownNameIsANameError() {
        boundPort("trace-member");
        ServerCli.Run member = cli.run("--os-project-id", "p-trace", "trace", "port", cli.run("port-list", "--name", "trace-member", "-f", "value",
                "-c", "id").out().strip());
        assertThat(member.status()).isEqualTo(ExitStatus.REFUSED);
        assertThat(member.err()).contains("403");
        assertThat(cli.run("trace", "port", "no-such-port").status()).isEqualTo(ExitStatus.NAME);
    }
}
