package org.neutrino.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/cli.md lists every generated command with its request, arguments and options exactly as
 * {@link Resources} declares them. On a change, the expected text is in
 * {@code neutrino-cli/target/command-reference.md}: paste it over the section.
 */
class CommandReferenceTest {
    @Test
    void docsListEveryCommandAsDeclared() throws IOException {
        String reference = reference();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "command-reference.md"), reference);
        String docs = Files.readString(Path.of("..", "docs", "cli.md"));

        assertThat(docs).as("docs/cli.md is behind Resources: see target/command-reference.md").contains(reference);
    }

    static String reference() {
        StringBuilder out = new StringBuilder();
        for (ResourceDeclaration declaration : Resources.all()) {
            out.append("\n### ").append(declaration.prefix()).append("\n\n")
                    .append("| command | request | arguments and options |\n|---|---|---|\n");
            for (Map.Entry<String, ResourceRequest> entry : CommandCatalog.of(List.of(declaration)).entrySet()) {
                out.append(row(entry.getKey(), declaration, entry.getValue())).append('\n');
            }
        }
        return out.toString();
    }

    private static String row(String name, ResourceDeclaration declaration, ResourceRequest request) {
        String what;
        String arguments;
        String label = declaration.type().singular().toUpperCase(Locale.ROOT);
        if (request.action() != null) {
            what = request.action().description();
            arguments = String.join(" ", request.action().arguments());
        } else {
            String path = "/v2.0" + declaration.type().path();
            what = switch (request.operation()) {
                case CREATE -> "POST " + path;
                case LIST -> "GET " + path;
                case SHOW -> "GET " + path + "/ID";
                case UPDATE -> "PUT " + path + "/ID";
                case DELETE -> "DELETE " + path + "/ID (each)";
            };
            arguments = switch (request.operation()) {
                case CREATE -> String.join(" ", declaration.createArguments().stream()
                        .map(a -> a.required() ? a.label() : "[" + a.label() + "]").toList());
                case LIST -> "[-F FIELD]... [-- --KEY VALUE...]";
                case SHOW -> label + " [-F FIELD]...";
                case UPDATE -> label;
                case DELETE -> label + "...";
            };
        }
        List<String> options = new ArrayList<>();
        for (AttributeOption option : request.options()) {
            String names = String.join("/", option.names());
            String written = switch (option.shape()) {
                case VALUE -> names + " " + option.label();
                case REPEATED -> names + " " + option.label() + "...";
                case BOOLEAN -> names + "[=BOOL]";
                case FLAG -> names;
            };
            options.add("`" + written + "` (" + option.attribute() + ")");
        }
        return "| `" + name + "` | " + what + " | " + (arguments.isEmpty() ? "" : "`" + arguments + "` ")
                + String.join(", ", options) + " |";
    }
}
