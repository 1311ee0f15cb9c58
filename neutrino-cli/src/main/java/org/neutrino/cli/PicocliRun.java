package org.neutrino.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code neutrino} under picocli: what {@link NeutrinoCli#run} does with a command line the fast
 * path ({@link QuickParser}) leaves — help, usage errors, {@code trace}. Apart from
 * {@link NeutrinoCli} so that the fast path loads no picocli class.
 */
final class PicocliRun {
    private PicocliRun() {
    }

    /** Runs {@code args}; returns the exit status. */
    static int run(String[] args, Map<String, ResourceRequest> catalog, CliEnvironment environment, PrintWriter out,
                   PrintWriter err) {
        CommandLine commandLine = commandLine(args, catalog, environment);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof RuntimeException failure) {
                return Failures.report(failure, line.getErr());
            }
            throw exception;
        });
        int status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /**
     * The command tree for {@code args}: the commands they name, or every command when they name
     * none (help, a mistyped command, or no arguments at all).
     */
    static CommandLine commandLine(String[] args, Map<String, ResourceRequest> catalog, CliEnvironment environment) {
        CommandFactory factory = new CommandFactory(environment);
        CommandLine commandLine = new CommandLine(new NeutrinoCli(), factory);
        addHandWrittenCommands(commandLine, args, factory);
        addGeneratedCommands(commandLine, args, catalog, environment);
        return commandLine;
    }

    /**
     * The hand-written commands, by name (added in the order of {@link #addHandWrittenCommands});
     * made when asked, so that the fast path loads none of their classes.
     */
    private static Map<String, Class<?>> handWritten() {
        return Map.of("network", NetworkCommand.class, "port", PortCommand.class, "agent", AgentCommand.class,
                "vif", VifCommand.class, "trace", TraceCommand.class, "help", CommandLine.HelpCommand.class);
    }

    /**
     * Adds the hand-written commands: only the one {@code args} name when they name one other than
     * {@code help} (picocli reads each command's annotations when it is added), all otherwise.
     */
    private static void addHandWrittenCommands(CommandLine commandLine, String[] args, CommandFactory factory) {
        Map<String, Class<?>> handWritten = handWritten();
        for (String arg : args) {
            if (handWritten.containsKey(arg) && !arg.equals("help")) {
                commandLine.addSubcommand(arg, new CommandLine(handWritten.get(arg), factory));
                return;
            }
        }
        for (String name : List.of("network", "port", "agent", "vif", "trace", "help")) {
            commandLine.addSubcommand(name, new CommandLine(handWritten.get(name), factory));
        }
    }

    /**
     * Adds the commands generated from {@link Resources}: only the one {@code args} name when it
     * names one (start-up stays short), none when they name a hand-written command, all otherwise
     * (help, a mistyped command).
     */
    private static void addGeneratedCommands(CommandLine commandLine, String[] args, Map<String, ResourceRequest> catalog,
                                             CliEnvironment environment) {
        GeneratedCommands generated = new GeneratedCommands(catalog, environment);
        for (String arg : args) {
            if (generated.addTo(commandLine, arg)) {
                return;
            }
        }
        for (String arg : args) {
            if (handWritten().containsKey(arg) && !arg.equals("help")) {
                return;
            }
        }
        generated.names().forEach(name -> generated.addTo(commandLine, name));
    }

    /** Makes the commands with their dependencies (constructor injection). */
    private record CommandFactory(CliEnvironment environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            Object made;
            if (type == VifPlugCommand.class) {
                made = new VifPlugCommand(environment);
            } else if (type == VifUnplugCommand.class) {
                made = new VifUnplugCommand(environment);
            } else if (type == NetworkCommand.class) {
                made = new NetworkCommand(environment);
            } else if (type == PortCommand.class) {
                made = new PortCommand(environment);
            } else if (type == AgentCommand.class) {
                made = new AgentCommand(environment);
            } else if (type == TraceCommand.class) {
                made = new TraceCommand(environment);
            } else {
                return CommandLine.defaultFactory().create(type);
            }
            return type.cast(made);
        }
    }
}
