package org.neutrino.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neutrino network list}. */
@Command(name = "network", mixinStandardHelpOptions = true, description = "Networks.")
public final class NetworkCommand {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    public NetworkCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List networks (GET /v2.0/networks).")
    int list() {
        ListTables.networks(NeutrinoCli.api(environment, spec), spec.commandLine().getOut());
        return ExitStatus.OK;
    }
}
