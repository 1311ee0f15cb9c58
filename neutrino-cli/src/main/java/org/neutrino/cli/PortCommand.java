package org.neutrino.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neutrino port list [--network ID]}. */
@Command(name = "port", mixinStandardHelpOptions = true, description = "Ports.")
public final class PortCommand {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    public PortCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List ports (GET /v2.0/ports).")
    int list(@Option(names = "--network", paramLabel = "ID", description = "Only the ports of this network.")
             String networkId) {
        ListTables.ports(NeutrinoCli.api(environment, spec), networkId, spec.commandLine().getOut());
        return ExitStatus.OK;
    }
}
