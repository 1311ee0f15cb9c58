package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.neutrino.linux.IpVersion;

/**
 * What {@code neutrino vif plug} does (see {@link VifPlugCommand} for its options and help), apart
 * from picocli so that the fast path runs it too: binds the port to this host through the API,
 * then makes its tap on the host and its NIC inside the VM namespace (see {@link VifPlugger}).
 */
final class VifPlug implements QuickCommand {
    /** The owner a VM port gets, as Nova sets it (Nova adds the availability zone). */
    static final String COMPUTE_OWNER = "compute:nova";

    private static final String NETNS = "--netns";
    private static final String HOST = "--host";
    private static final String IFNAME = "--ifname";
    private static final String STATIC = "--static";

    /**
     * One plug: the port, the VM namespace, the binding host (null: the configuration's, else this
     * machine's), the NIC's name in the VM, whether to configure the fixed IPs, and the host options.
     */
    record Request(String portId, String namespace, String host, String interfaceName, boolean staticAddresses,
                   HostOptions hostOptions) {
    }

    @Override
    public List<AttributeOption> quickOptions() {
        List<AttributeOption> options = new ArrayList<>(List.of(
                AttributeOption.value(NETNS, "netns", "NAME", ""), AttributeOption.value(HOST, "host", "HOST", ""),
                AttributeOption.value(IFNAME, "ifname", "NAME", ""),
                AttributeOption.flag(STATIC, "static", ValueParser.NODES.booleanNode(true), "")));
        options.addAll(HostOptions.QUICK_OPTIONS);
        return options;
    }

    @Override
    public boolean complete(ParsedArgs args) {
        return args.positionals().size() == 1 && args.has(NETNS);
    }

    @Override
    public void run(ParsedArgs args, CommandContext context) {
        plug(new Request(args.positionals().getFirst(), args.value(NETNS, null), args.value(HOST, null),
                args.value(IFNAME, VifSpec.DEFAULT_INTERFACE), args.has(STATIC), HostOptions.of(args)), context);
    }

    /** Plugs as {@code request} says and prints what it did. */
    static void plug(Request request, CommandContext context) {
        ApiClient api = context.api();
        String path = "/ports/" + NeutrinoCli.segment(request.portId());
        PortFacts port = PortFacts.fromJson(api.get(path).path("port"));
        if (!port.isComputePortOrFree()) {
            throw new CliException("port " + port.id() + " belongs to '" + port.deviceOwner()
                    + "', not to a VM: not plugged");
        }
        HostOptions hostOptions = request.hostOptions();
        String bindingHost = request.host() != null ? request.host()
                : hostOptions.configuredHost().orElseGet(context.environment().machineHostName());
        VifSpec vif = vifSpec(api, port, request);

        Map<String, String> binding = bindingChanges(port, bindingHost, request.namespace());
        if (!binding.isEmpty()) {
            ObjectNode body = api.object();
            ObjectNode fields = body.putObject("port");
            binding.forEach(fields::put);
            api.put(path, body);
        }
        String rootHelper = hostOptions.rootHelper();
        PlugResult result = new VifPlugger(context.executor(rootHelper)).plug(vif);
        print(context.out(), result, port, bindingHost, rootHelper, !binding.isEmpty());
    }

    private static Map<String, String> bindingChanges(PortFacts port, String bindingHost, String namespace) {
        Map<String, String> changes = new LinkedHashMap<>();
        if (!port.hostId().equals(bindingHost)) {
            changes.put("binding:host_id", bindingHost);
        }
        if (!port.deviceOwner().startsWith(PortFacts.COMPUTE_OWNER_PREFIX)) {
            changes.put("device_owner", COMPUTE_OWNER);
        }
        if (port.deviceId().isEmpty()) {
            changes.put("device_id", NamespaceDeviceId.of(namespace));
        }
        return changes;
    }

    private static VifSpec vifSpec(ApiClient api, PortFacts port, Request request) {
        JsonNode network = api.get("/networks/" + NeutrinoCli.segment(port.networkId())).path("network");
        OptionalInt mtu = network.path("mtu").isInt() && network.path("mtu").asInt() > 0
                ? OptionalInt.of(network.path("mtu").asInt()) : OptionalInt.empty();
        List<String> addresses = new ArrayList<>();
        List<String> gateways = new ArrayList<>();
        if (request.staticAddresses()) {
            List<IpVersion> routed = new ArrayList<>();
            for (PortFacts.FixedIp ip : port.fixedIps()) {
                JsonNode subnet = api.get("/subnets/" + NeutrinoCli.segment(ip.subnetId())).path("subnet");
                String cidr = subnet.path("cidr").asText();
                addresses.add(ip.ipAddress() + cidr.substring(cidr.indexOf('/')));
                String gateway = subnet.path("gateway_ip").asText("");
                IpVersion version = IpVersion.of(ip.ipAddress());
                if (!gateway.isEmpty() && !"null".equals(gateway) && !routed.contains(version)) {
                    gateways.add(gateway);
                    routed.add(version);
                }
            }
            if (addresses.isEmpty()) {
                throw new CliException("port " + port.id() + " has no fixed IPs: nothing to configure with --static");
            }
        }
        return new VifSpec(port.id(), request.namespace(), request.interfaceName(), port.macAddress(), mtu, addresses,
                gateways);
    }

    private static void print(PrintWriter out, PlugResult result, PortFacts port, String bindingHost, String rootHelper,
                              boolean bound) {
        VifSpec vif = result.spec();
        out.println((result.changed() ? "Plugged" : "Already plugged, nothing changed:") + " port " + port.id());
        line(out, "host", bindingHost + (bound ? " (binding:host_id set)" : ""));
        line(out, "host device", vif.tapName() + (rootHelper.isBlank() ? "" : " (root helper: " + rootHelper + ")"));
        line(out, "namespace", vif.namespace() + (result.namespaceCreated() ? " (created)" : ""));
        line(out, "vm device", vif.interfaceName());
        line(out, "mac", vif.macAddress());
        line(out, "mtu", vif.mtu().isPresent() ? Integer.toString(vif.mtu().getAsInt()) : "(kernel default)");
        List<String> fixed = port.fixedIps().stream().map(PortFacts.FixedIp::ipAddress).toList();
        line(out, "addresses", vif.isStatic()
                ? String.join(", ", vif.addresses()) + " (static)"
                + (vif.gateways().isEmpty() ? "" : ", default via " + String.join(", ", vif.gateways()))
                : (fixed.isEmpty() ? "none" : String.join(", ", fixed)) + " (by DHCP)");
        out.flush();
    }

    private static void line(PrintWriter out, String key, String value) {
        out.printf("  %-12s %s%n", key, value);
    }
}
