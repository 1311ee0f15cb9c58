package org.neutrino.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.neutrino.linux.Executor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The {@code neutrino} command: a few calls of the Networking API with table output, and
 * {@code vif plug/unplug}, which plays Nova's interface driver with namespaces as VMs.
 *
 * <p>Exit status: 0 on success, 1 when the API or the host refused (one line
 * {@code Error (404 PortNotFound): ...} or {@code Error: ...} on stderr), 2 on a usage error;
 * the others are in {@link ExitStatus}.
 */
@Command(name = "neutrino", mixinStandardHelpOptions = true, version = "neutrino 0.1.0",
        description = "The Neutrino command-line client.")
public final class NeutrinoCli {
    private static final String SLF4J_PROVIDER = "slf4j.provider";
    /** SLF4J's no-op provider, chosen in {@link #main} so that no logging framework starts. */
    static final String NO_LOGGING = "org.slf4j.helpers.NOP_FallbackServiceProvider";

    @Option(names = {"-v", "--verbose", "--debug"}, scope = ScopeType.INHERIT,
            description = "Print every API request (as a curl command line), its answer and every host command on stderr.")
    boolean debug;

    @Mixin
    ConnectionOptions connection;

    /** The API client of this run, made by {@link #api} when a command first needs it. */
    private ApiClient api;

    public static void main(String[] args) {
        // a one-shot client reports through its exit status and stderr; no logging framework to start
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, NO_LOGGING);
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, CliEnvironment.system(), out, err));
    }

    /** Runs the command line {@code args} against {@code environment}; returns the exit status. */
    public static int run(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
        Map<String, ResourceRequest> catalog = CommandCatalog.of(Resources.all());
        OptionalInt quick = new QuickParser(catalog).run(args, environment, out, err);
        return quick.isPresent() ? quick.getAsInt() : runWithPicocli(args, catalog, environment, out, err);
    }

    /** Runs {@code args} as {@link #run} does when the fast path leaves them to picocli. */
    static int runWithPicocli(String[] args, Map<String, ResourceRequest> catalog, CliEnvironment environment,
                              PrintWriter out, PrintWriter err) {
        CommandFactory factory = new CommandFactory(environment);
        CommandLine commandLine = new CommandLine(new NeutrinoCli(), factory);
        addHandWrittenCommands(commandLine, args, factory);
        addGeneratedCommands(commandLine, args, catalog, environment);
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

    /** The hand-written commands, by name (added in the order of {@link #addHandWrittenCommands}). */
    private static final Map<String, Class<?>> HAND_WRITTEN = Map.of(
            "network", NetworkCommand.class, "port", PortCommand.class, "agent", AgentCommand.class,
            "vif", VifCommand.class, "trace", TraceCommand.class, "help", CommandLine.HelpCommand.class);

    /**
     * Adds the hand-written commands: only the one {@code args} name when they name one other than
     * {@code help} (picocli reads each command's annotations when it is added), all otherwise.
     */
    private static void addHandWrittenCommands(CommandLine commandLine, String[] args, CommandFactory factory) {
        for (String arg : args) {
            if (HAND_WRITTEN.containsKey(arg) && !arg.equals("help")) {
                commandLine.addSubcommand(arg, new CommandLine(HAND_WRITTEN.get(arg), factory));
                return;
            }
        }
        for (String name : List.of("network", "port", "agent", "vif", "trace", "help")) {
            commandLine.addSubcommand(name, new CommandLine(HAND_WRITTEN.get(name), factory));
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
            if (HAND_WRITTEN.containsKey(arg) && !arg.equals("help")) {
                return;
            }
        }
        generated.names().forEach(name -> generated.addTo(commandLine, name));
    }

    /** Where {@code --debug} traces go, when it was given. */
    static Optional<PrintWriter> trace(CommandSpec spec) {
        NeutrinoCli root = (NeutrinoCli) spec.root().userObject();
        return root.debug ? Optional.of(spec.commandLine().getErr()) : Optional.empty();
    }

    /**
     * An API client as the connection settings say (logging in to Keystone the first time one is
     * asked for), tracing when {@code -v} was given.
     */
    static ApiClient api(CliEnvironment environment, CommandSpec spec) {
        NeutrinoCli root = (NeutrinoCli) spec.root().userObject();
        if (root.api == null) {
            root.api = connect(environment, root.connection.settings(environment.variables()), trace(spec));
        }
        return root.api;
    }

    /** An API client logged in as {@code settings} say. */
    static ApiClient connect(CliEnvironment environment, Map<String, String> settings, Optional<PrintWriter> trace) {
        try {
            return new ApiClient(new Login(settings, environment.json(), trace).connect(), environment.json(), trace);
        } catch (IllegalArgumentException e) {
            throw new BadValueException(e.getMessage());
        }
    }

    /** The executor of a host with {@code rootHelper}, tracing when {@code --debug} was given. */
    static Executor executor(CliEnvironment environment, CommandSpec spec, String rootHelper) {
        Executor executor = environment.executors().apply(rootHelper);
        return trace(spec).<Executor>map(out -> new TracingExecutor(executor, out)).orElse(executor);
    }

    /** {@code id} as one path segment. */
    static String segment(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an id must not be blank");
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
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
