package org.neutrino.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code neutrino vif unplug} does (see {@link VifUnplugCommand} for its options and help),
 * apart from picocli so that the fast path runs it too: deletes the port's tap (and its VM end),
 * optionally the VM namespace, and unbinds the port through the API.
 */
final class VifUnplug implements QuickCommand {
    private static final String DELETE_NETNS = "--delete-netns";
    private static final String NETNS = "--netns";

    /** One unplug: the port, whether to delete the VM namespace, which one (null: found by device_id), the host. */
    record Request(String portId, boolean deleteNamespace, String namespace, HostOptions hostOptions) {
    }

    @Override
    public List<AttributeOption> quickOptions() {
        List<AttributeOption> options = new ArrayList<>(List.of(
                AttributeOption.flag(DELETE_NETNS, "delete_netns", ValueParser.NODES.booleanNode(true), ""),
                AttributeOption.value(NETNS, "netns", "NAME", "")));
        options.addAll(HostOptions.QUICK_OPTIONS);
        return options;
    }

    @Override
    public boolean complete(ParsedArgs args) {
        return args.positionals().size() == 1;
    }

    @Override
    public void run(ParsedArgs args, CommandContext context) {
        unplug(new Request(args.positionals().getFirst(), args.has(DELETE_NETNS), args.value(NETNS, null),
                HostOptions.of(args)), context);
    }

    /** Unplugs as {@code request} says and prints what it did. */
    static void unplug(Request request, CommandContext context) {
        ApiClient api = context.api();
        String portId = request.portId();
        String path = "/ports/" + NeutrinoCli.segment(portId);
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        Optional<PortFacts> port = findPort(api, path, err);
        if (port.isPresent() && !port.get().isComputePortOrFree()) {
            throw new CliException("port " + portId + " belongs to '" + port.get().deviceOwner()
                    + "', not to a VM: not unplugged");
        }
        VifPlugger plugger = new VifPlugger(context.executor(request.hostOptions().rootHelper()));
        Optional<String> toDelete = Optional.empty();
        if (request.deleteNamespace()) {
            toDelete = Optional.ofNullable(request.namespace()).or(() -> port.flatMap(p -> namespaceOf(p, plugger)));
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
