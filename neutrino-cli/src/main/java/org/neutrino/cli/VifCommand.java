package org.neutrino.cli;

import picocli.CommandLine.Command;

/** {@code neutrino vif}: Nova's interface driver, with network namespaces as VMs. */
@Command(name = "vif", mixinStandardHelpOptions = true,
        description = "Plug ports into VMs simulated as network namespaces, as Nova's interface driver does.",
        subcommands = {VifPlugCommand.class, VifUnplugCommand.class})
public final class VifCommand {
}
