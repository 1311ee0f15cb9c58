package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neutrino port list [--network ID]}. */
@Command(name = "port", mixinStandardHelpOptions = true, description = "Ports.")
public final class PortCommand {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    public PortCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List ports (GET /v2.0/ports).")
    int list(@Option(names = "--network", paramLabel = "ID", description = "Only the ports of this network.")
             String networkId) {
        String path = networkId == null ? "/ports" : "/ports?network_id=" + NeutrinoCli.segment(networkId);
        JsonNode ports = NeutrinoCli.api(environment, spec).get(path).path("ports");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode port : ports) {
            List<String> ips = new ArrayList<>();
            for (JsonNode ip : port.path("fixed_ips")) {
                ips.add(ip.path("ip_address").asText());
            }
            rows.add(List.of(port.path("id").asText(), port.path("name").asText(),
                    port.path("mac_address").asText(), String.join("\n", ips), port.path("status").asText(),
                    port.path("device_owner").asText(), port.path("binding:host_id").asText("")));
        }
        spec.commandLine().getOut().print(new Table(List.of("ID", "Name", "MAC Address", "Fixed IP Addresses", "Status",
                "Device Owner", "Host"), rows).render());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
