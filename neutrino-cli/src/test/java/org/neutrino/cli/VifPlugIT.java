package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.linux.RootHelper;

/**
 * {@code neutrino vif plug/unplug} on the real kernel: a throw-away namespace {@code ncT<random>-host}
 * stands for the compute host (root helper {@code ip netns exec} it), the VM is
 * {@code ncT<random>-vm}; the API is {@link ApiStub}. Both namespaces are deleted at the end, also
 * after a failure. Skipped when not root or when namespaces cannot be made.
 */
@Tag("root")
class VifPlugIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAC = "fa:16:3e:5a:01:02";

    private final ProcessExecutor machine = new ProcessExecutor(RootHelper.none());
    private final String prefix = "ncT" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff))
            .toLowerCase(Locale.ROOT);
    private final String hostNamespace = prefix + "-host";
    private final String vmNamespace = prefix + "-vm";
    private final String portId = UUID.randomUUID().toString();
    private final String networkId = UUID.randomUUID().toString();
    private final String subnetId = UUID.randomUUID().toString();
    private final String tap = DeviceNames.tap(portId);
    private ApiStub api;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void createHost() throws IOException {
        assumeTrue(machine.execute(Command.of("id", "-u")).stdout().strip().equals("0"),
                "vif plug on the real kernel needs root: skipped");
        CommandResult added = machine.execute(Command.of("ip", "netns", "add", hostNamespace));
        assumeTrue(added.exitCode() == 0,
                "cannot create a network namespace here (" + added.stderr().strip() + "): skipped");
        api = new ApiStub();
        api.answer("GET", "/networks/" + networkId, 200, "{\"network\": {\"id\": \"" + networkId + "\", \"mtu\": 1450}}");
        api.answer("GET", "/subnets/" + subnetId, 200, "{\"subnet\": {\"id\": \"" + subnetId
                + "\", \"cidr\": \"10.77.0.0/24\", \"gateway_ip\": \"10.77.0.1\"}}");
        api.answer("PUT", "/ports/" + portId, 200, port(""));
        api.answer("GET", "/ports/" + portId, 200, port(""));
    }

    @AfterEach
    void deleteEverything() {
        if (api != null) {
            api.close();
        }
        for (String ns : List.of(vmNamespace, hostNamespace)) {
            machine.execute(Command.of("ip", "netns", "delete", ns));
        }
    }

    private String port(String deviceId) {
        return """
                {"port": {"id": "%s", "network_id": "%s", "mac_address": "%s",
                  "fixed_ips": [{"subnet_id": "%s", "ip_address": "10.77.0.5"}],
                  "device_owner": "%s", "device_id": "%s", "binding:host_id": "%s"}}
                """.formatted(portId, networkId, MAC, subnetId, deviceId.isEmpty() ? "" : "compute:nova", deviceId,
                deviceId.isEmpty() ? "" : "compute1");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--os-endpoint", api.endpoint()));
        CliEnvironment environment = new CliEnvironment(JSON, ProcessExecutor::forRootHelper, () -> "compute1");
        return NeutrinoCli.run(all.toArray(String[]::new), environment, new PrintWriter(out), new PrintWriter(err));
    }

    private JsonNode link(String namespace, String device) throws IOException {
        CommandResult shown = machine.check("ip", "-n", namespace, "-j", "-d", "link", "show", "dev", device);
        return JSON.readTree(shown.stdout()).get(0);
    }

    /** One echo answered within 2 s (iputils ping, else BusyBox's). */
    private boolean ping(String namespace, String address) {
        boolean iputils = machine.execute(Command.of("sh", "-c", "command -v ping")).exitCode() == 0;
        List<String> argv = new ArrayList<>(iputils ? List.of("ping") : List.of("busybox", "ping"));
        argv.addAll(List.of("-c", "1", "-W", "2", address));
        return machine.execute(Command.of(argv).inNamespace(namespace)).exitCode() == 0;
    }

    private boolean exists(String namespace, String device) {
        return machine.execute(Command.of("ip", "-n", namespace, "link", "show", "dev", device)).exitCode() == 0;
    }

    @Test
    void plugMakesTheTapInTheHostAndEth0InTheVmThenUnplugRemovesThem() throws IOException {
        String rootHelper = "ip netns exec " + hostNamespace;

        int status = run("vif", "plug", portId, "--netns", vmNamespace, "--root-helper", rootHelper, "--static");

        assertThat(status).as(err.toString()).isZero();
        JsonNode tapLink = link(hostNamespace, tap);
        JsonNode eth0 = link(vmNamespace, "eth0");
        assertThat(tapLink.path("linkinfo").path("info_kind").asText()).isEqualTo("veth");
        assertThat(tapLink.path("mtu").asInt()).isEqualTo(1450);
        assertThat(tapLink.path("flags").toString()).contains("\"UP\"");
        assertThat(eth0.path("address").asText()).isEqualTo(MAC);
        assertThat(eth0.path("mtu").asInt()).isEqualTo(1450);
        assertThat(eth0.path("flags").toString()).contains("\"UP\"");
        assertThat(machine.check("ip", "-n", vmNamespace, "-4", "route", "show", "default").stdout())
                .contains("via 10.77.0.1 dev eth0");
        // the VM reaches its gateway through the veth (the test puts the gateway on the tap)
        machine.check("ip", "-n", hostNamespace, "address", "add", "10.77.0.1/24", "dev", tap);
        assertThat(ping(vmNamespace, "10.77.0.1")).isTrue();
        JsonNode put = JSON.readTree(api.requests("PUT").getFirst().body()).path("port");
        assertThat(put.path("binding:host_id").asText()).isEqualTo("compute1");

        api.answer("GET", "/ports/" + portId, 200, port(NamespaceDeviceId.of(vmNamespace)));
        assertThat(run("vif", "plug", portId, "--netns", vmNamespace, "--root-helper", rootHelper, "--static"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Already plugged, nothing changed");

        assertThat(run("vif", "unplug", portId, "--root-helper", rootHelper, "--delete-netns")).as(err.toString())
                .isZero();
        assertThat(exists(hostNamespace, tap)).isFalse();
        assertThat(machine.check("ip", "netns", "list").stdout()).doesNotContain(vmNamespace);
        assertThat(out.toString()).contains(vmNamespace + " (deleted)");
    }
}
