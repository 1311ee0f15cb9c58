package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.neutrino.cli.AttributeOption.Verb;
import org.neutrino.cli.ResourceDeclaration.Operation;

/**
 * Runs one generated command ({@code net-create}, ...) or one {@link Action} of a resource: turns
 * its {@link ParsedArgs} into the request its declaration describes and prints the answer.
 * Knows nothing of picocli, so that the fast path ({@link QuickParser}) runs it without loading it.
 * Its options are those its declaration puts on the command, with {@code -f}, {@code -c} and (list,
 * show) {@code -F}.
 */
final class ResourceRequest implements QuickCommand {
    static final String FORMAT = "-f";
    static final String COLUMN = "-c";
    static final String FIELD = "-F";

    private final ResourceDeclaration declaration;
    private final Operation operation;
    private final Action action;

    /** {@code operation} of {@code declaration}, or {@code action} when operation is null. */
    ResourceRequest(ResourceDeclaration declaration, Operation operation, Action action) {
        this.declaration = declaration;
        this.operation = operation;
        this.action = action;
    }

    /** The options this command takes. */
    List<AttributeOption> options() {
        if (action != null) {
            return action.options();
        }
        Verb verb = switch (operation) {
            case CREATE -> Verb.CREATE;
            case UPDATE -> Verb.UPDATE;
            case LIST -> Verb.LIST;
            case SHOW, DELETE -> null;
        };
        if (verb == null) {
            return List.of();
        }
        return declaration.options().stream().filter(o -> o.verbs().contains(verb)).toList();
    }

    /** The operation, or null for an action. */
    Operation operation() {
        return operation;
    }

    /** The action, or null. */
    Action action() {
        return action;
    }

    /** The declaration. */
    ResourceDeclaration declaration() {
        return declaration;
    }

    @Override
    public List<AttributeOption> quickOptions() {
        List<AttributeOption> all = new ArrayList<>(options());
        all.add(AttributeOption.value(FORMAT, "", "", "").alias("--format"));
        all.add(AttributeOption.repeated(COLUMN, "", "", "").alias("--column"));
        if (operation == Operation.LIST || operation == Operation.SHOW) {
            all.add(AttributeOption.repeated(FIELD, "", "", "").alias("--field"));
        }
        return all;
    }

    @Override
    public boolean complete(ParsedArgs args) {
        int count = args.positionals().size();
        if (action != null) {
            return count == action.arguments().size();
        }
        return switch (operation) {
            case CREATE -> {
                List<Argument> arguments = declaration.createArguments();
                yield count <= arguments.size() && count >= arguments.stream().filter(Argument::required).count();
            }
            case LIST -> true;
            case SHOW, UPDATE -> count == 1;
            case DELETE -> count >= 1;
        };
    }

    @Override
    public void run(ParsedArgs args, CommandContext context) {
        run(args, context.api(), context.out());
    }

    void run(ParsedArgs args, ApiClient api, PrintWriter out) {
        Output output = new Output(Output.format(args.value(FORMAT, "table")), args.values(COLUMN), out, api.json());
        NameResolver names = new NameResolver(api);
        if (action != null) {
            ObjectNode options = api.object();
            for (AttributeOption option : options()) {
                if (args.has(option.names().getFirst())) {
                    options.set(option.attribute(), value(option, args, names));
                }
            }
            action.performer().perform(new Action.Invocation(api, names, args.positionals(), options, output));
            return;
        }
        ResourceType type = declaration.type();
        switch (operation) {
            case CREATE -> {
                ObjectNode body = api.object();
                declaration.createDefaults().forEach(body::set);
                for (int i = 0; i < args.positionals().size(); i++) {
                    Argument argument = declaration.createArguments().get(i);
                    body.set(argument.attribute(), argument.parser().parse(args.positionals().get(i), names));
                }
                setOptions(body, args, names);
                JsonNode created = api.post(type.path(), wrap(api, body)).path(type.singular());
                output.show(created, "Created a new " + type.label() + ":");
            }
            case LIST -> output.list(api.get(type.path() + listQuery(args, names)).path(type.collection()),
                    declaration.listColumns());
            case SHOW -> {
                String id = names.id(type, args.positionals().getFirst());
                output.show(api.get(type.path() + "/" + NeutrinoCli.segment(id) + fieldsQuery(args))
                        .path(type.singular()), null);
            }
            case UPDATE -> {
                String given = args.positionals().getFirst();
                ObjectNode body = api.object();
                setOptions(body, args, names);
                if (body.isEmpty()) {
                    throw new BadValueException("Must specify new values to update " + type.label());
                }
                String id = names.id(type, given);
                api.put(type.path() + "/" + NeutrinoCli.segment(id), wrap(api, body));
                output.message("Updated " + type.label() + ": " + given);
            }
            case DELETE -> {
                for (String one : args.positionals()) {
                    api.delete(type.path() + "/" + NeutrinoCli.segment(names.id(type, one)));
                }
                output.message("Deleted " + type.label() + "(s): " + String.join(", ", args.positionals()));
            }
        }
    }

    private ObjectNode wrap(ApiClient api, ObjectNode body) {
        ObjectNode wrapped = api.object();
        wrapped.set(declaration.type().singular(), body);
        return wrapped;
    }

    private void setOptions(ObjectNode body, ParsedArgs args, NameResolver names) {
        for (AttributeOption option : options()) {
            if (args.has(option.names().getFirst())) {
                body.set(option.attribute(), value(option, args, names));
            }
        }
    }

    private static JsonNode value(AttributeOption option, ParsedArgs args, NameResolver names) {
        List<String> given = args.values(option.names().getFirst());
        return switch (option.shape()) {
            case VALUE, BOOLEAN -> option.parser().parse(given.getLast(), names);
            case FLAG -> option.constant();
            case REPEATED -> {
                ArrayNode values = ValueParser.NODES.arrayNode();
                given.forEach(text -> values.add(option.parser().parse(text, names)));
                yield values;
            }
        };
    }

    private String listQuery(ParsedArgs args, NameResolver names) {
        List<String> query = new ArrayList<>();
        for (AttributeOption option : options()) {
            if (args.has(option.names().getFirst())) {
                JsonNode value = value(option, args, names);
                for (JsonNode one : value.isArray() ? value : List.of(value)) {
                    query.add(param(option.attribute(), one.asText()));
                }
            }
        }
        List<String> free = args.positionals();
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
        for (String field : args.values(FIELD)) {
            query.add(param("fields", field));
        }
        return query.isEmpty() ? "" : "?" + String.join("&", query);
    }

    private static String fieldsQuery(ParsedArgs args) {
        List<String> fields = args.values(FIELD);
        return fields.isEmpty() ? "" : "?" + String.join("&", fields.stream().map(f -> param("fields", f)).toList());
    }

    private static String param(String key, String value) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
