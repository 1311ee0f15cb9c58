package org.neutrino.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neutrino vif plug PORT --netns VM} under picocli: its options and help; {@link VifPlug}
 * does the work (and the fast path's parsing).
 */
@Command(name = "plug", mixinStandardHelpOptions = true,
        description = {"Bind a port to a host and plug it into a VM namespace, as Nova's interface driver does:",
                "PUT binding:host_id, device_owner (compute:nova) and device_id on the port; create the namespace if "
                        + "missing; create the veth pair tap<port11> (host) / eth0 (VM) with the port's MAC and the "
                        + "network's MTU; bring both ends and the VM's lo up. The VM gets its addresses by DHCP "
                        + "unless --static. Plugging twice changes nothing."})
public final class VifPlugCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    HostOptions hostOptions;

    @Parameters(index = "0", paramLabel = "PORT_ID", description = "The port to plug.")
    String portId;

    @Option(names = "--netns", required = true, paramLabel = "NAME",
            description = "The VM: the network namespace that gets the port's NIC (created if missing).")
    String namespace;

    @Option(names = "--host", paramLabel = "HOST",
            description = "binding:host_id to set. Default: [DEFAULT] host of --config-file, else this machine's "
                    + "host name.")
    String host;

    @Option(names = "--ifname", paramLabel = "NAME", defaultValue = VifSpec.DEFAULT_INTERFACE,
            description = "The NIC's name inside the VM (default ${DEFAULT-VALUE}).")
    String interfaceName;

    @Option(names = "--static",
            description = "Configure the port's fixed IPs and the subnets' gateways (default route) on the NIC "
                    + "instead of leaving it to DHCP.")
    boolean staticAddresses;

    public VifPlugCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VifPlug.plug(new VifPlug.Request(portId, namespace, host, interfaceName, staticAddresses, hostOptions),
                NeutrinoCli.context(environment, spec));
        return ExitStatus.OK;
    }
}
