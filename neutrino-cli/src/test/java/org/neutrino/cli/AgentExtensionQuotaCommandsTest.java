package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.rpc.agent.AgentTopics;

/**
 * agent-*, ext-* and quota-* against a real server; the agents register themselves as real
 * agents do, with a {@code report_state} call on the server's bus.
 */
class AgentExtensionQuotaCommandsTest extends AgainstRealServer {
    /** Registers an agent of {@code type} on {@code host}; returns its id. */
    private String register(String binary, String type, String host) throws Exception {
        ObjectNode state = AgentJson.object();
        state.put("host", host);
        state.set("agent_state", AgentJson.tree(new AgentState(binary, host, "N/A", type, Map.of(), true)));
        server.bus().call(Target.topic(AgentTopics.PLUGIN), new Message(AgentTopics.REPORT_STATE, state),
                Duration.ofSeconds(10));
        return cli().state("/agents?host=" + host + "&agent_type=" + type.replace(" ", "%20")).path("agents").path(0)
                .path("id").asText();
    }

    @Test
    void agentsListShowUpdateDelete() throws Exception {
        ServerCli cli = cli();
        String h = viaPicocli() ? "agp" : "agf";
        String l2 = register("neutrino-linuxbridge-agent", AgentTopics.LINUXBRIDGE_AGENT_TYPE, h + "-compute1");
        String l3 = register("neutrino-l3-agent", AgentTopics.L3_AGENT_TYPE, h + "-network1");

        assertThat(cli.ok("agent-list", "--host", h + "-compute1", "-f", "value", "-c", "id", "-c", "agent_type",
                "-c", "alive").out()).isEqualTo(l2 + " Linux bridge agent True\n");
        assertThat(cli.ok("agent-list", "--agent-type", AgentTopics.L3_AGENT_TYPE, "-f", "value", "-c", "host").out())
                .contains(h + "-network1");
        JsonNode shown = cli.ok("agent-show", l3, "-f", "json").json();
        assertThat(shown.path("binary").asText()).isEqualTo("neutrino-l3-agent");
        assertThat(shown.path("host").asText()).isEqualTo(h + "-network1");
        assertThat(cli.ok("agent-list").out()).contains("| id ", "| agent_type ", l2, l3);

        assertThat(cli.ok("agent-update", l3, "--admin-state-down", "--description", "drained").out())
                .isEqualTo("Updated agent: " + l3 + "\n");
        JsonNode stored = cli.state("/agents/" + l3).path("agent");
        assertThat(stored.path("admin_state_up").asBoolean()).isFalse();
        assertThat(stored.path("description").asText()).isEqualTo("drained");
        cli.ok("agent-update", l3, "--admin-state-up");
        assertThat(cli.state("/agents/" + l3).path("agent").path("admin_state_up").asBoolean()).isTrue();

        ServerCli.Run member = cli.runAs("proj-m", "agent-delete", l2);
        assertThat(member.status()).isEqualTo(ExitStatus.REFUSED);
        assertThat(member.err()).startsWith("Error (4");
        assertThat(cli.state("/agents/" + l2).isMissingNode()).isFalse();

        assertThat(cli.ok("agent-delete", l2).out()).isEqualTo("Deleted agent(s): " + l2 + "\n");
        assertThat(cli.state("/agents/" + l2).isMissingNode()).isTrue();
        ServerCli.Run again = cli.fails(ExitStatus.REFUSED, "agent-show", l2);
        assertThat(again.err()).startsWith("Error (404 AgentNotFound)");
    }

    @Test
    void extensionsByAlias() {
        ServerCli cli = cli();
        assertThat(cli.ok("ext-list", "-f", "value", "-c", "alias").out().lines())
                .contains("quotas", "router", "external-net", "security-group", "agent");
        JsonNode router = cli.ok("ext-show", "router", "-f", "json").json();
        assertThat(router.path("alias").asText()).isEqualTo("router");
        assertThat(router.path("name").asText()).isNotBlank();
        assertThat(cli.ok("ext-show", "router", "-c", "alias", "-c", "name").out()).contains("| Field", "| alias ");
        ServerCli.Run missing = cli.fails(ExitStatus.REFUSED, "ext-show", "no-such-extension");
        assertThat(missing.err()).startsWith("Error (404 ");
    }

    @Test
    void quotasOfAProjectAndOfTheCallersOwn() {
        ServerCli cli = cli();
        String p = viaPicocli() ? "proj-qp" : "proj-qf";
        JsonNode defaults = cli.ok("quota-default-show", "-f", "json").json();
        int defaultNetworks = defaults.path("network").asInt();
        assertThat(defaultNetworks).isPositive();

        JsonNode shown = cli.ok("quota-update", "--tenant-id", p, "--network", "1", "--router", "3", "--floatingip",
                "-1", "-f", "json").json();
        assertThat(shown.path("network").asInt()).isEqualTo(1);
        JsonNode stored = cli.state("/quotas/" + p).path("quota");
        assertThat(stored.path("network").asInt()).isEqualTo(1);
        assertThat(stored.path("router").asInt()).isEqualTo(3);
        assertThat(stored.path("floatingip").asInt()).isEqualTo(-1);
        assertThat(cli.ok("quota-list", "-f", "value", "-c", "tenant_id").out().lines()).contains(p);

        assertThat(cli.runAs(p, "quota-show", "-f", "value", "-c", "network").line()).isEqualTo("1");
        assertThat(cli.runAs(p, "net-create", p + "-n1").status()).isZero();
        ServerCli.Run over = cli.runAs(p, "net-create", p + "-n2");
        assertThat(over.status()).isEqualTo(ExitStatus.REFUSED);
        assertThat(over.err()).startsWith("Error (409 OverQuota)");
        assertThat(cli.state("/networks?tenant_id=" + p).path("networks")).hasSize(1);

        ServerCli.Run member = cli.runAs(p, "quota-update", "--network", "50");
        assertThat(member.status()).isEqualTo(ExitStatus.REFUSED);
        assertThat(cli.state("/quotas/" + p).path("quota").path("network").asInt()).isEqualTo(1);

        ServerCli.Run nothing = cli.run("quota-update", "--tenant-id", p);
        assertThat(nothing.status()).isEqualTo(ExitStatus.USAGE);
        ServerCli.Run notANumber = cli.run("quota-update", "--tenant-id", p, "--port", "many");
        assertThat(notANumber.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(notANumber.err()).contains("'many' is not a whole number");

        assertThat(cli.ok("quota-delete", "--tenant-id", p).out()).isEqualTo("Deleted quota: " + p + "\n");
        assertThat(cli.state("/quotas/" + p).path("quota").path("network").asInt()).isEqualTo(defaultNetworks);
        assertThat(cli.ok("quota-list", "-f", "value", "-c", "tenant_id").out().lines()).doesNotContain(p);
    }
}
