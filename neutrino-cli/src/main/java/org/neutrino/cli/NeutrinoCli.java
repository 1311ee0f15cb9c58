package org.neutrino.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
        OptionalInt quick = new QuickParser(quickCommands(catalog)).run(args, environment, out, err);
        return quick.isPresent() ? quick.getAsInt() : runWithPicocli(args, catalog, environment, out, err);
    }

    /** The commands of the fast path: the generated ones and the hand-written ones that it can run. */
    static Map<String, QuickCommand> quickCommands(Map<String, ResourceRequest> catalog) {
        Map<String, QuickCommand> commands = new HashMap<>(catalog);
        commands.put("vif plug", new VifPlug());
        commands.put("vif unplug", new VifUnplug());
        commands.put("network list", new SimpleQuickCommand(0, List.of(),
                (args, context) -> ListTables.networks(context.api(), context.out())));
        commands.put("port list", new SimpleQuickCommand(0, List.of(AttributeOption.value("--network", "network_id",
                "ID", "")), (args, context) -> ListTables.ports(context.api(), args.value("--network", null),
                context.out())));
        commands.put("agent list", new SimpleQuickCommand(0, List.of(),
                (args, context) -> ListTables.agents(context.api(), context.out())));
        return commands;
    }

    /** Runs {@code args} as {@link #run} does when the fast path leaves them to picocli ({@link PicocliRun}). */
    static int runWithPicocli(String[] args, Map<String, ResourceRequest> catalog, CliEnvironment environment,
                              PrintWriter out, PrintWriter err) {
        return PicocliRun.run(args, catalog, environment, out, err);
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

    /** What the command of {@code spec} works with. */
    static CommandContext context(CliEnvironment environment, CommandSpec spec) {
        return new CommandContext(environment, api(environment, spec), trace(spec), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /** {@code id} as one path segment. */
    static String segment(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an id must not be blank");
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
