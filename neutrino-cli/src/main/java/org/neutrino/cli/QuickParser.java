package org.neutrino.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The fast path of the generated commands: parses a command line that is plainly right (a
 * generated command, its own options, connection options, {@code -v}) without picocli, whose
 * start-up costs more than the rest of a command (its classes are too old for the JDK's
 * ahead-of-time cache). Anything else — help, a hand-written command, a usage error — is left to
 * picocli ({@link NeutrinoCli#run}), which gives the same result with its own messages.
 */
final class QuickParser {
    private static final List<String> VERBOSE = List.of("-v", "--verbose", "--debug");

    private final Map<String, ResourceRequest> catalog;

    QuickParser(Map<String, ResourceRequest> catalog) {
        this.catalog = catalog;
    }

    /** What a command line says, when this parser understands all of it. */
    record Line(ResourceRequest request, ParsedArgs args, Map<String, String> connection, boolean verbose) {
    }

    /** Runs {@code args} when they are understood; the exit status, or empty to leave them to picocli. */
    OptionalInt run(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
        Optional<Line> line = parse(args);
        if (line.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            Optional<PrintWriter> trace = line.get().verbose() ? Optional.of(err) : Optional.empty();
            ApiClient api = NeutrinoCli.connect(environment, ConnectionSettings.resolve(line.get().connection(),
                    environment.variables()), trace);
            line.get().request().run(line.get().args(), api, out);
            return OptionalInt.of(ExitStatus.OK);
        } catch (RuntimeException e) {
            return OptionalInt.of(Failures.report(e, err));
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command line understood, or empty. */
    Optional<Line> parse(String[] args) {
        ResourceRequest request = null;
        Map<String, AttributeOption> options = new HashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        Map<String, String> connection = new LinkedHashMap<>();
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (request != null && arg.equals("--")) {
                positionals.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (VERBOSE.contains(arg)) {
                verbose = true;
                continue;
            }
            String name = arg.contains("=") && arg.startsWith("-") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = name.equals(arg) ? null : arg.substring(name.length() + 1);
            if (ConnectionSettings.OPTIONS.containsKey(name)) {
                String value = inline != null ? inline : i + 1 < args.length ? args[++i] : null;
                if (value == null) {
                    return Optional.empty();
                }
                connection.put(ConnectionSettings.OPTIONS.get(name), value);
                continue;
            }
            if (request == null) {
                request = catalog.get(arg);
                if (request == null) {
                    return Optional.empty();
                }
                options = optionsOf(request);
                continue;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
                continue;
            }
            AttributeOption option = options.get(name);
            if (option == null) {
                return Optional.empty();
            }
            String key = option.names().getFirst();
            switch (option.shape()) {
                case FLAG -> {
                    if (inline != null) {
                        return Optional.empty();
                    }
                    values.put(key, List.of("true"));
                }
                case BOOLEAN -> {
                    String value = inline;
                    if (value == null && i + 1 < args.length && isBoolean(args[i + 1])) {
                        value = args[++i];
                    }
                    values.put(key, List.of(value == null ? "true" : value));
                }
                case VALUE, REPEATED -> {
                    String value = inline != null ? inline : i + 1 < args.length ? args[++i] : null;
                    if (value == null) {
                        return Optional.empty();
                    }
                    values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                }
            }
        }
        if (request == null || !positionalsFit(request, positionals.size())) {
            return Optional.empty();
        }
        return Optional.of(new Line(request, new ParsedArgs(values, positionals), connection, verbose));
    }

    /** The options of {@code request} by each of their names, with -f, -c and (list, show) -F. */
    private static Map<String, AttributeOption> optionsOf(ResourceRequest request) {
        Map<String, AttributeOption> byName = new HashMap<>();
        List<AttributeOption> all = new ArrayList<>(request.options());
        all.add(AttributeOption.value(ResourceRequest.FORMAT, "", "", "").alias("--format"));
        all.add(AttributeOption.repeated(ResourceRequest.COLUMN, "", "", "").alias("--column"));
        if (request.operation() == ResourceDeclaration.Operation.LIST
                || request.operation() == ResourceDeclaration.Operation.SHOW) {
            all.add(AttributeOption.repeated(ResourceRequest.FIELD, "", "", "").alias("--field"));
        }
        for (AttributeOption option : all) {
            option.names().forEach(name -> byName.put(name, option));
        }
        return byName;
    }

    private static boolean positionalsFit(ResourceRequest request, int count) {
        if (request.action() != null) {
            return count == request.action().arguments().size();
        }
        return switch (request.operation()) {
            case CREATE -> {
                List<Argument> arguments = request.declaration().createArguments();
                yield count <= arguments.size() && count >= arguments.stream().filter(Argument::required).count();
            }
            case LIST -> true;
            case SHOW, UPDATE -> count == 1;
            case DELETE -> count >= 1;
        };
    }

    private static boolean isBoolean(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false");
    }
}
