package org.neutrino.fullstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.neutrino.cli.CliEnvironment;
import org.neutrino.cli.NeutrinoCli;

/**
 * Plays Nova's compute side with the project's own client: {@code neutrino vif plug} binds a
 * port to a simulated host and plugs it into a VM namespace, {@code neutrino vif unplug} takes it
 * out again. The command runs in the test's JVM (the same code as the {@code neutrino} launcher),
 * against the deployment's API.
 */
final class NovaCompute {
    private final FullstackLab lab;
    private final NeutrinoApi api;

    NovaCompute(FullstackLab lab, NeutrinoApi api) {
        this.lab = lab;
        this.api = api;
    }

    /**
     * Plugs {@code port} on {@code host} into a new VM namespace {@code <prefix>-<name>}; with
     * {@code staticAddresses} the port's fixed IPs are configured on eth0 (no DHCP needed).
     */
    VirtualMachine plug(String name, SimulatedHost host, JsonNode port, boolean staticAddresses) {
        String namespace = lab.vmNamespace(name);
        String portId = port.path("id").asText();
        List<String> argv = new ArrayList<>(List.of("vif", "plug", portId, "--netns", namespace,
                "--host", host.name(), "--root-helper", host.rootHelper()));
        if (staticAddresses) {
            argv.add("--static");
        }
        neutrino(argv);
        return new VirtualMachine(namespace, portId, port.path("mac_address").asText(),
                port.path("fixed_ips").path(0).path("ip_address").asText(), host);
    }

    /** Unplugs {@code vm}'s port (its tap goes) and deletes the VM namespace. */
    void unplug(VirtualMachine vm) {
        neutrino(List.of("vif", "unplug", vm.portId(), "--delete-netns", "--netns", vm.namespace(),
                "--root-helper", vm.host().rootHelper()));
    }

    private void neutrino(List<String> command) {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(List.of("--os-endpoint", api.endpoint().toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = NeutrinoCli.run(argv.toArray(String[]::new), CliEnvironment.system(), new PrintWriter(out),
                new PrintWriter(err));
        if (status != 0) {
            throw new IllegalStateException("neutrino " + String.join(" ", argv) + " exited " + status + ":\n" + out
                    + err);
        }
    }
}
