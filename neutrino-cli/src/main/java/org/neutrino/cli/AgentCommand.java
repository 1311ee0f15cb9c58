package org.neutrino.cli;

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
        ListTables.agents(NeutrinoCli.api(environment, spec), spec.commandLine().getOut());
        return ExitStatus.OK;
    }
}
