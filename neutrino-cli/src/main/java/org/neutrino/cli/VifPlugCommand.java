package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.neutrino.linux.IpVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neutrino vif plug PORT --netns VM}: binds the port to this host through the API, then
 * makes its tap on the host and its NIC inside the VM namespace (see {@link VifPlugger}).
 */
@Command(name = "plug", mixinStandardHelpOptions = true,
        description = {"Bind a port to a host and plug it into a VM namespace, as Nova's interface driver does:",
                "PUT binding:host_id, device_owner (compute:nova) and device_id on the port; create the namespace if "
                        + "missing; create the veth pair tap<port11> (host) / eth0 (VM) with the port's MAC and the "
                        + "network's MTU; bring both ends and the VM's lo up. The VM gets its addresses by DHCP "
                        + "unless --static. Plugging twice changes nothing."})
public final class VifPlugCommand implements Callable<Integer> {
    /** The owner a VM port gets, as Nova sets it (Nova adds the availability zone). */
    public static final String COMPUTE_OWNER = "compute:nova";

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
        ApiClient api = NeutrinoCli.api(environment, spec);
        String path = "/ports/" + NeutrinoCli.segment(portId);
        PortFacts port = PortFacts.fromJson(api.get(path).path("port"));
        if (!port.isComputePortOrFree()) {
            throw new CliException("port " + port.id() + " belongs to '" + port.deviceOwner()
                    + "', not to a VM: not plugged");
        }
        String bindingHost = host != null ? host
                : hostOptions.configuredHost().orElseGet(environment.machineHostName());
        VifSpec vif = vifSpec(api, port);

        Map<String, String> binding = bindingChanges(port, bindingHost);
        if (!binding.isEmpty()) {
            ObjectNode body = api.object();
            ObjectNode fields = body.putObject("port");
            binding.forEach(fields::put);
            api.put(path, body);
        }
        String rootHelper = hostOptions.rootHelper();
        PlugResult result = new VifPlugger(NeutrinoCli.executor(environment, spec, rootHelper)).plug(vif);
        print(result, port, bindingHost, rootHelper, !binding.isEmpty());
        return 0;
    }

    private Map<String, String> bindingChanges(PortFacts port, String bindingHost) {
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

    private VifSpec vifSpec(ApiClient api, PortFacts port) {
        JsonNode network = api.get("/networks/" + NeutrinoCli.segment(port.networkId())).path("network");
        OptionalInt mtu = network.path("mtu").isInt() && network.path("mtu").asInt() > 0
                ? OptionalInt.of(network.path("mtu").asInt()) : OptionalInt.empty();
        List<String> addresses = new ArrayList<>();
        List<String> gateways = new ArrayList<>();
        if (staticAddresses) {
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
        return new VifSpec(port.id(), namespace, interfaceName, port.macAddress(), mtu, addresses, gateways);
    }

    private void print(PlugResult result, PortFacts port, String bindingHost, String rootHelper, boolean bound) {
        VifSpec vif = result.spec();
        PrintWriter out = spec.commandLine().getOut();
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
