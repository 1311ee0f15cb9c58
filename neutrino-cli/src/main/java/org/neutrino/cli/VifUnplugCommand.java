package org.neutrino.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neutrino vif unplug PORT}: deletes the port's tap (and its VM end), optionally the VM
 * namespace, and unbinds the port through the API.
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
        ApiClient api = NeutrinoCli.api(environment, spec);
        String path = "/ports/" + NeutrinoCli.segment(portId);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<PortFacts> port = findPort(api, path, err);
        if (port.isPresent() && !port.get().isComputePortOrFree()) {
            throw new CliException("port " + portId + " belongs to '" + port.get().deviceOwner()
                    + "', not to a VM: not unplugged");
        }
        VifPlugger plugger = new VifPlugger(NeutrinoCli.executor(environment, spec, hostOptions.rootHelper()));
        Optional<String> toDelete = Optional.empty();
        if (deleteNamespace) {
            toDelete = Optional.ofNullable(namespace).or(() -> port.flatMap(p -> namespaceOf(p, plugger)));
            if (toDelete.isEmpty()) {
                String why = port.isEmpty() ? "the port is unknown to the API"
                        : port.get().deviceId().isEmpty() ? "the port has no device_id"
                        : "no namespace here has the port's device_id " + port.get().deviceId();
                err.println("Warning: no VM namespace deleted: " + why + " (name it with --netns)");
            }
        }
        UnplugResult result = plugger.unplug(portId, toDelete);

        boolean unbound = false;
        if (port.isPresent() && isBound(port.get())) {
            ObjectNode body = api.object();
            body.putObject("port").put("binding:host_id", "").put("device_id", "").put("device_owner", "");
            api.put(path, body);
            unbound = true;
        }
        out.println("Unplugged port " + portId);
        out.printf("  %-12s %s%n", "host device", result.tap() + (result.tapDeleted() ? " (deleted)" : " (absent)"));
        result.namespace().ifPresent(ns -> out.printf("  %-12s %s%n", "namespace",
                ns + (result.namespaceDeleted() ? " (deleted)" : " (absent)")));
        out.printf("  %-12s %s%n", "binding", port.isEmpty() ? "(port unknown to the API)"
                : unbound ? "cleared" : "(was not bound)");
        out.flush();
        return 0;
    }

    private static Optional<PortFacts> findPort(ApiClient api, String path, PrintWriter err) {
        try {
            return Optional.of(PortFacts.fromJson(api.get(path).path("port")));
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            err.println("Warning: " + e.getMessage() + " Unplugging on the host only.");
            return Optional.empty();
        }
    }

    private static boolean isBound(PortFacts port) {
        return !port.hostId().isEmpty() || !port.deviceId().isEmpty() || !port.deviceOwner().isEmpty();
    }

    private static Optional<String> namespaceOf(PortFacts port, VifPlugger plugger) {
        if (port.deviceId().isEmpty()) {
            return Optional.empty();
        }
        List<String> namespaces = plugger.namespaces();
        return namespaces.stream().filter(ns -> NamespaceDeviceId.of(ns).equals(port.deviceId())).findFirst();
    }
}
