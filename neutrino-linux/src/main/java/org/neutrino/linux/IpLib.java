package org.neutrino.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ip} in one network namespace (or in the root helper's host when none is given):
 * runs {@link IpCommand}s alone or batched, and reads links, addresses, routes and neighbours
 * from {@code ip -j}. Every method costs exactly one spawn.
 */
public final class IpLib {
    private final Executor executor;
    private final Optional<String> namespace;

    /** {@code ip} in the executor's host (the root helper's namespace, if any). */
    public IpLib(Executor executor) {
        this(executor, Optional.empty());
    }

    private IpLib(Executor executor, Optional<String> namespace) {
        this.executor = executor;
        this.namespace = namespace;
    }

    /** The same, acting inside network namespace {@code name} ({@code ip -n <name>}). */
    public IpLib inNamespace(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank");
        }
        return new IpLib(executor, Optional.of(name));
    }

    public Optional<String> namespace() {
        return namespace;
    }

    /** Runs one command. @throws CommandFailedException if it fails */
    public void execute(IpCommand command) {
        List<String> argv = base();
        argv.addAll(command.args());
        executor.check(Command.of(argv));
    }

    /**
     * Runs all {@code commands} in one {@code ip -force -batch -} spawn: a failing line does
     * not stop the others, and the failures come back in the result. An empty list spawns
     * nothing.
     */
    public BatchResult apply(List<IpCommand> commands) {
        if (commands.isEmpty()) {
            return BatchResult.empty();
        }
        List<String> argv = base();
        argv.addAll(List.of("-force", "-batch", "-"));
        List<String> lines = commands.stream().map(IpCommand::toBatchLine).toList();
        CommandResult result = executor.execute(Command.of(argv).withStdin(String.join("\n", lines) + "\n"));
        return BatchResult.parse(argv, lines, result);
    }

    /** Every link with details ({@code ip -d -j link show}). */
    public List<Link> links() {
        return IpJson.links(query("-d", "link", "show").stdout());
    }

    /** Every link's packet counters ({@code ip -s -j link show}). */
    public List<PacketCounters> packetCounters() {
        return IpJson.counters(query("-s", "link", "show").stdout());
    }

    /** The link called {@code name}, if it exists. */
    public Optional<Link> link(String name) {
        List<String> argv = base();
        argv.addAll(List.of("-j", "-d", "link", "show", "dev", name));
        CommandResult result = executor.check(Command.of(argv).allowingExitCodes(1));
        if (result.exitCode() != 0) {
            if (result.stderr().contains("does not exist")) {
                return Optional.empty();
            }
            throw new CommandFailedException(argv, result.exitCode(), result.stderr());
        }
        return IpJson.links(result.stdout()).stream().findFirst();
    }

    /** Addresses of both families on {@code device}. */
    public List<LinkAddress> addresses(String device) {
        return IpJson.addresses(query("address", "show", "dev", device).stdout());
    }

    /** Addresses of both families on every device. */
    public List<LinkAddress> addresses() {
        return IpJson.addresses(query("address", "show").stdout());
    }

    /** Every link with details and every address, in one spawn ({@code ip -d -j address show}). */
    public LinksWithAddresses linksWithAddresses() {
        String json = query("-d", "address", "show").stdout();
        return new LinksWithAddresses(IpJson.links(json), IpJson.addresses(json));
    }

    /** The main table's routes of one family. */
    public List<Route> routes(IpVersion version) {
        return IpJson.routes(query(version.flag(), "route", "show").stdout(), version);
    }

    /** The neighbour entries on {@code device}. */
    public List<Neighbour> neighbours(String device) {
        return IpJson.neighbours(query("neigh", "show", "dev", device).stdout(), device);
    }

    private CommandResult query(String... args) {
        List<String> argv = base();
        argv.add("-j");
        argv.addAll(List.of(args));
        return executor.check(Command.of(argv));
    }

    private List<String> base() {
        List<String> argv = new ArrayList<>(List.of("ip"));
        namespace.ifPresent(ns -> argv.addAll(List.of("-n", ns)));
        return argv;
    }
}
