package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neutrino.cli.AttributeOption.Verb;
import org.neutrino.cli.ResourceDeclaration.Operation;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Runs one generated command ({@code net-create}, ...) or one {@link Action} of a resource: turns
 * the parsed command line into the request its declaration describes and prints the answer.
 */
final class GeneratedCommand implements Callable<Integer> {
    private final CliEnvironment environment;
    private final ResourceDeclaration declaration;
    private final Operation operation;
    private final Action action;
    CommandSpec spec;

    /** Runs {@code operation} of {@code declaration}, or {@code action} when operation is null. */
    GeneratedCommand(CliEnvironment environment, ResourceDeclaration declaration, Operation operation, Action action) {
        this.environment = environment;
        this.declaration = declaration;
        this.operation = operation;
        this.action = action;
    }

    @Override
    public Integer call() {
        Output output = new Output(Output.format(spec.findOption(GeneratedCommands.FORMAT).getValue()),
                strings(spec.findOption(GeneratedCommands.COLUMN).getValue()), spec.commandLine().getOut(),
                environment.json());
        ApiClient api = NeutrinoCli.api(environment, spec);
        NameResolver names = new NameResolver(api);
        if (action != null) {
            ObjectNode options = api.object();
            for (AttributeOption option : GeneratedCommands.given(spec, action.options())) {
                options.set(option.attribute(), value(option, names));
            }
            List<String> arguments = spec.positionalParameters().stream().map(p -> (String) p.getValue()).toList();
            action.performer().perform(new Action.Invocation(api, names, arguments, options, output));
            return ExitStatus.OK;
        }
        ResourceType type = declaration.type();
        switch (operation) {
            case CREATE -> {
                ObjectNode body = api.object();
                declaration.createDefaults().forEach(body::set);
                List<PositionalParamSpec> positionals = spec.positionalParameters();
                for (int i = 0; i < positionals.size(); i++) {
                    String text = positionals.get(i).getValue();
                    Argument argument = declaration.createArguments().get(i);
                    if (text != null) {
                        body.set(argument.attribute(), argument.parser().parse(text, names));
                    }
                }
                setOptions(body, Verb.CREATE, names);
                JsonNode created = api.post(type.path(), wrap(api, body)).path(type.singular());
                output.show(created, "Created a new " + type.label() + ":");
            }
            case LIST -> output.list(api.get(type.path() + listQuery(names)).path(type.collection()),
                    declaration.listColumns());
            case SHOW -> {
                String id = names.id(type, spec.positionalParameters().getFirst().getValue());
                output.show(api.get(type.path() + "/" + NeutrinoCli.segment(id) + fieldsQuery())
                        .path(type.singular()), null);
            }
            case UPDATE -> {
                String given = spec.positionalParameters().getFirst().getValue();
                ObjectNode body = api.object();
                setOptions(body, Verb.UPDATE, names);
                if (body.isEmpty()) {
                    throw new BadValueException("Must specify new values to update " + type.label());
                }
                String id = names.id(type, given);
                api.put(type.path() + "/" + NeutrinoCli.segment(id), wrap(api, body));
                output.message("Updated " + type.label() + ": " + given);
            }
            case DELETE -> {
                List<String> given = strings(spec.positionalParameters().getFirst().getValue());
                for (String one : given) {
                    api.delete(type.path() + "/" + NeutrinoCli.segment(names.id(type, one)));
                }
                output.message("Deleted " + type.label() + "(s): " + String.join(", ", given));
            }
        }
        return ExitStatus.OK;
    }

    private ObjectNode wrap(ApiClient api, ObjectNode body) {
        ObjectNode wrapped = api.object();
        wrapped.set(declaration.type().singular(), body);
        return wrapped;
    }

    private void setOptions(ObjectNode body, Verb verb, NameResolver names) {
        List<AttributeOption> options = declaration.options().stream().filter(o -> o.verbs().contains(verb)).toList();
        for (AttributeOption option : GeneratedCommands.given(spec, options)) {
            body.set(option.attribute(), value(option, names));
        }
    }

    private JsonNode value(AttributeOption option, NameResolver names) {
        Object raw = spec.findOption(option.names().getFirst()).getValue();
        return switch (option.shape()) {
            case VALUE -> option.parser().parse((String) raw, names);
            case BOOLEAN -> option.parser().parse(String.valueOf(raw), names);
            case FLAG -> option.constant();
            case REPEATED -> {
                ArrayNode values = ValueParser.NODES.arrayNode();
                strings(raw).forEach(text -> values.add(option.parser().parse(text, names)));
                yield values;
            }
        };
    }

    private String listQuery(NameResolver names) {
        List<String> query = new ArrayList<>();
        List<AttributeOption> filters = declaration.options().stream().filter(o -> o.verbs().contains(Verb.LIST)).toList();
        for (AttributeOption option : GeneratedCommands.given(spec, filters)) {
            JsonNode value = value(option, names);
            for (JsonNode one : value.isArray() ? value : List.of(value)) {
                query.add(param(option.attribute(), one.asText()));
            }
        }
        List<String> free = strings(spec.positionalParameters().getFirst().getValue());
        for (int i = 0; i < free.size(); i++) {
            String item = free.get(i).replaceFirst("^--", "");
            int eq = item.indexOf('=');
            if (eq > 0) {
                query.add(param(item.substring(0, eq), item.substring(eq + 1)));
            } else if (i + 1 < free.size()) {
                query.add(param(item, free.get(++i)));
            } else {
                throw new BadValueException("filter '" + free.get(i) + "' has no value");
            }
        }
        for (String field : strings(spec.findOption(GeneratedCommands.FIELD).getValue())) {
            query.add(param("fields", field));
        }
        return query.isEmpty() ? "" : "?" + String.join("&", query);
    }

    private String fieldsQuery() {
        List<String> fields = strings(spec.findOption(GeneratedCommands.FIELD).getValue());
        return fields.isEmpty() ? "" : "?" + String.join("&", fields.stream().map(f -> param("fields", f)).toList());
    }

    private static String param(String key, String value) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
