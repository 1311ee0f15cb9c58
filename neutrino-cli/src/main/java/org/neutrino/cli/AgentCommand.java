package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neutrino agent list}. */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Agents.")
public final class AgentCommand {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    public AgentCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List agents (GET /v2.0/agents).")
    int list() {
        JsonNode agents = NeutrinoCli.api(environment, spec).get("/agents").path("agents");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode agent : agents) {
            rows.add(List.of(agent.path("id").asText(), agent.path("agent_type").asText(),
                    agent.path("host").asText(), agent.path("alive").asBoolean() ? ":-)" : "XXX",
                    agent.path("admin_state_up").asBoolean(true) ? "UP" : "DOWN", agent.path("binary").asText()));
        }
        spec.commandLine().getOut().print(new Table(List.of("ID", "Agent Type", "Host", "Alive", "State", "Binary"), rows).render());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
