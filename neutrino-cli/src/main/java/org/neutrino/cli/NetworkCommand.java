package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neutrino network list}. */
@Command(name = "network", mixinStandardHelpOptions = true, description = "Networks.")
public final class NetworkCommand {
    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    public NetworkCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List networks (GET /v2.0/networks).")
    int list() {
        JsonNode networks = NeutrinoCli.api(environment, spec).get("/networks").path("networks");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode network : networks) {
            rows.add(List.of(network.path("id").asText(), network.path("name").asText(),
                    String.join("\n", texts(network.path("subnets"))), network.path("status").asText(),
                    network.path("mtu").asText("")));
        }
        spec.commandLine().getOut().print(new Table(List.of("ID", "Name", "Subnets", "Status", "MTU"), rows).render());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
