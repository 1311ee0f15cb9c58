package org.neutrino.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.neutrino.cli.AttributeOption.Verb;
import org.neutrino.cli.ResourceDeclaration.Operation;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Makes the picocli commands of the {@link ResourceDeclaration}s, without reflection: each is a
 * {@link GeneratedCommand} with the options its declaration lists. Only the command being run is
 * built in full; the others are made when help lists them.
 */
final class GeneratedCommands {
    private static final String FILTERS = "FILTERS";

    private final Map<String, Supplier<CommandSpec>> commands = new LinkedHashMap<>();

    /** The commands of {@code catalog}, run in {@code environment}. */
    public GeneratedCommands(Map<String, ResourceRequest> catalog, CliEnvironment environment) {
        catalog.forEach((name, request) -> commands.put(name, () -> request.action() == null
                ? spec(new GeneratedCommand(environment, request), request.declaration(), request.operation())
                : actionSpec(new GeneratedCommand(environment, request), request.action())));
    }

    /** The names of all commands. */
    public List<String> names() {
        return List.copyOf(commands.keySet());
    }

    /** Adds the command {@code name} (when it is one of these) to {@code root}; true when it did. */
    public boolean addTo(CommandLine root, String name) {
        Supplier<CommandSpec> command = commands.get(name);
        if (command == null) {
            return false;
        }
        root.addSubcommand(name, new CommandLine(command.get()));
        return true;
    }

    private static CommandSpec spec(GeneratedCommand command, ResourceDeclaration declaration, Operation operation) {
        CommandSpec spec = base(command, declaration.commandName(operation));
        String what = declaration.type().label();
        switch (operation) {
            case CREATE -> {
                spec.usageMessage().description("Create a " + what + " (POST /v2.0" + declaration.type().path() + ").");
                for (int i = 0; i < declaration.createArguments().size(); i++) {
                    Argument argument = declaration.createArguments().get(i);
                    spec.addPositional(PositionalParamSpec.builder().index(String.valueOf(i)).paramLabel(argument.label())
                            .arity(argument.required() ? "1" : "0..1").required(argument.required()).type(String.class)
                            .description(argument.description()).build());
                }
                addOptions(spec, declaration.options(), Verb.CREATE);
            }
            case LIST -> {
                spec.usageMessage().description("List " + what + "s (GET /v2.0" + declaration.type().path() + "). "
                        + "Default columns: " + String.join(", ", declaration.listColumns()) + ".");
                addOptions(spec, declaration.options(), Verb.LIST);
                spec.addOption(OptionSpec.builder(ResourceRequest.FIELD, "--field").paramLabel("FIELD").type(List.class)
                        .auxiliaryTypes(String.class)
                        .description("Ask the server for this field only (repeatable; fields=FIELD).").build());
                spec.addPositional(PositionalParamSpec.builder().index("0..*").paramLabel(FILTERS).arity("0..*").type(List.class)
                        .auxiliaryTypes(String.class)
                        .description("Filters after --, as the classic client: -- --KEY VALUE or --KEY=VALUE "
                                + "(sent as ?KEY=VALUE).").build());
            }
            case SHOW -> {
                spec.usageMessage().description("Show a " + what + ".");
                spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel(label(declaration)).arity("1")
                        .required(true).type(String.class).description("The " + what + " (name or id).").build());
                spec.addOption(OptionSpec.builder(ResourceRequest.FIELD, "--field").paramLabel("FIELD").type(List.class)
                        .auxiliaryTypes(String.class)
                        .description("Ask the server for this field only (repeatable; fields=FIELD).").build());
            }
            case UPDATE -> {
                spec.usageMessage().description("Update a " + what + " (PUT).");
                spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel(label(declaration)).arity("1")
                        .required(true).type(String.class).description("The " + what + " (name or id).").build());
                addOptions(spec, declaration.options(), Verb.UPDATE);
            }
            case DELETE -> {
                spec.usageMessage().description("Delete " + what + "s.");
                spec.addPositional(PositionalParamSpec.builder().index("0..*").paramLabel(label(declaration)).arity("1..*").required(true)
                        .type(List.class).auxiliaryTypes(String.class)
                        .description("The " + what + "s (names or ids).").build());
            }
        }
        return spec;
    }

    private static CommandSpec actionSpec(GeneratedCommand command, Action action) {
        CommandSpec spec = base(command, action.name());
        spec.usageMessage().description(action.description());
        for (int i = 0; i < action.arguments().size(); i++) {
            spec.addPositional(PositionalParamSpec.builder().index(String.valueOf(i)).paramLabel(action.arguments().get(i))
                    .arity("1").required(true).type(String.class).build());
        }
        for (AttributeOption option : action.options()) {
            spec.addOption(optionSpec(option));
        }
        return spec;
    }

    private static CommandSpec base(GeneratedCommand command, String name) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        command.spec = spec;
        spec.name(name);
        spec.mixinStandardHelpOptions(true);
        spec.addOption(OptionSpec.builder(ResourceRequest.FORMAT, "--format").paramLabel("FORMAT").type(String.class)
                .defaultValue("table").description("Output format: table (default), json or value.").build());
        spec.addOption(OptionSpec.builder(ResourceRequest.COLUMN, "--column").paramLabel("COLUMN").type(List.class)
                .auxiliaryTypes(String.class).description("Print this column only (repeatable).").build());
        return spec;
    }

    private static String label(ResourceDeclaration declaration) {
        return declaration.type().singular().toUpperCase(java.util.Locale.ROOT);
    }

    private static void addOptions(CommandSpec spec, List<AttributeOption> options, Verb verb) {
        for (AttributeOption option : options) {
            if (option.verbs().contains(verb)) {
                spec.addOption(optionSpec(option));
            }
        }
    }

    private static OptionSpec optionSpec(AttributeOption option) {
        OptionSpec.Builder builder = OptionSpec.builder(option.names().toArray(String[]::new))
                .description(option.description());
        switch (option.shape()) {
            case VALUE -> builder.type(String.class).paramLabel(option.label());
            case REPEATED -> builder.type(List.class).auxiliaryTypes(String.class).paramLabel(option.label());
            case BOOLEAN -> builder.type(Boolean.class).arity("0..1").fallbackValue("true").paramLabel("BOOL");
            case FLAG -> builder.type(boolean.class).arity("0");
        }
        return builder.build();
    }
}
