package org.neutrino.fullstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Plays Nova's compute side with the project's own client: {@code neutrino vif plug} binds a
 * port to a simulated host and plugs it into a VM namespace, {@code neutrino vif unplug} takes it
 * out again. Each command is a process of its own ({@code org.neutrino.cli.NeutrinoCli}, the
 * main of the {@code neutrino} launcher) against the deployment's API; its output is kept in the
 * work directory.
 */
final class NovaCompute {
    private static final String CLI_MAIN = "org.neutrino.cli.NeutrinoCli";
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);

    private final FullstackLab lab;
    private final NeutrinoApi api;
    private int calls;

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
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--os-endpoint", api.endpoint().toString()));
        List<String> argv = lab.java().command(CLI_MAIN, args);
        Path output = lab.workDir().resolve("neutrino-" + (++calls) + ".out");
        try {
            Process process = lab.track(new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start());
            if (!process.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("neutrino " + String.join(" ", args) + " did not end within "
                        + CLI_TIMEOUT.toSeconds() + " s:\n" + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("neutrino " + String.join(" ", args) + " exited "
                        + process.exitValue() + ":\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: neutrino " + String.join(" ", args), e);
        }
    }
}
