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
 * The fast path: parses a command line that is plainly right (a {@link QuickCommand} — a generated
 * command, or a hand-written one such as {@code vif plug} — its own options, connection options,
 * {@code -v}) without picocli, whose start-up costs more than the rest of a command (its classes
 * are too old for the JDK's ahead-of-time cache). Anything else — help, a usage error — is left to
 * picocli ({@link NeutrinoCli#run}), which gives the same result with its own messages.
 */
final class QuickParser {
    private static final List<String> VERBOSE = List.of("-v", "--verbose", "--debug");

    private final Map<String, ? extends QuickCommand> commands;

    /** A parser of {@code commands}, by name ({@code net-create}; two words for {@code vif plug}). */
    QuickParser(Map<String, ? extends QuickCommand> commands) {
        this.commands = commands;
    }

    /** What a command line says, when this parser understands all of it. */
    record Line(QuickCommand command, ParsedArgs args, Map<String, String> connection, boolean verbose) {
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
            line.get().command().run(line.get().args(), new CommandContext(environment, api, trace, out, err));
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
        QuickCommand command = null;
        Map<String, AttributeOption> options = new HashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        Map<String, String> connection = new LinkedHashMap<>();
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (command != null && arg.equals("--")) {
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
            if (command == null) {
                command = commands.get(arg);
                if (command == null && i + 1 < args.length) {
                    command = commands.get(arg + " " + args[++i]);
                }
                if (command == null) {
                    return Optional.empty();
                }
                options = optionsOf(command);
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
        if (command == null) {
            return Optional.empty();
        }
        ParsedArgs parsed = new ParsedArgs(values, positionals);
        return command.complete(parsed) ? Optional.of(new Line(command, parsed, connection, verbose)) : Optional.empty();
    }

    /** The options of {@code command} by each of their names. */
    private static Map<String, AttributeOption> optionsOf(QuickCommand command) {
        Map<String, AttributeOption> byName = new HashMap<>();
        for (AttributeOption option : command.quickOptions()) {
            option.names().forEach(name -> byName.put(name, option));
        }
        return byName;
    }

    private static boolean isBoolean(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false");
    }
}
