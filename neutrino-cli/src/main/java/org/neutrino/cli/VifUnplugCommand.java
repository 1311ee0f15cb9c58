package org.neutrino.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neutrino vif unplug PORT} under picocli: its options and help; {@link VifUnplug} does the
 * work (and the fast path's parsing).
 */
@Command(name = "unplug", mixinStandardHelpOptions = true,
        description = {"Unplug a port: delete its tap device (the veth pair), with --delete-netns also the VM "
                + "namespace (ending the processes in it), and clear binding:host_id, device_id and device_owner "
                + "on the port. A port the API no longer knows is still unplugged on the host."})
public final class VifUnplugCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    HostOptions hostOptions;

    @Parameters(index = "0", paramLabel = "PORT_ID", description = "The port to unplug.")
    String portId;

    @Option(names = "--delete-netns",
            description = "Also delete the VM namespace: the one given by --netns, else the one whose name gave "
                    + "the port's device_id when it was plugged.")
    boolean deleteNamespace;

    @Option(names = "--netns", paramLabel = "NAME", description = "The VM namespace, for --delete-netns.")
    String namespace;

    public VifUnplugCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VifUnplug.unplug(new VifUnplug.Request(portId, deleteNamespace, namespace, hostOptions),
                NeutrinoCli.context(environment, spec));
        return ExitStatus.OK;
    }
}
