package org.neutrino.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The forwarding database of VXLAN devices ({@code bridge fdb}), as l2population drives it:
 * one flooding entry per remote VTEP ({@code append}, since the all-zeros MAC has one entry
 * per VTEP) and one unicast entry per remote port MAC ({@code replace}). Each call is one
 * {@code bridge -force -batch -} spawn.
 */
public final class BridgeFdb {
    private final Executor executor;
    private final Optional<String> namespace;

    /** {@code bridge} in the executor's host. */
    public BridgeFdb(Executor executor) {
        this(executor, Optional.empty());
    }

    private BridgeFdb(Executor executor, Optional<String> namespace) {
        this.executor = executor;
        this.namespace = namespace;
    }

    /** The same, acting inside network namespace {@code name}. */
    public BridgeFdb inNamespace(String name) {
        return new BridgeFdb(executor, Optional.of(name));
    }

    /** Adds the entries: flooding ones are appended, unicast ones replace any entry for that MAC. */
    public BatchResult add(List<FdbEntry> entries) {
        return batch(entries.stream().map(e -> line(e.isFlooding() ? "append" : "replace", e)).toList());
    }

    /** Removes the entries (one flooding entry per VTEP, or the MAC's unicast entry). */
    public BatchResult remove(List<FdbEntry> entries) {
        return batch(entries.stream().map(e -> line("delete", e)).toList());
    }

    /** The permanent entries of {@code device} that have a destination (learned and local ones are left out). */
    public List<FdbEntry> entries(String device) {
        List<String> argv = base();
        argv.addAll(List.of("-j", "fdb", "show", "dev", device));
        return IpJson.fdb(executor.check(Command.of(argv)).stdout(), device).stream()
                .filter(e -> e.dst().isPresent())
                .toList();
    }

    private static String line(String verb, FdbEntry entry) {
        StringBuilder line = new StringBuilder("fdb ").append(verb).append(' ').append(entry.mac())
                .append(" dev ").append(entry.device());
        entry.dst().ifPresent(dst -> line.append(" dst ").append(dst));
        return line.toString();
    }

    private BatchResult batch(List<String> lines) {
        if (lines.isEmpty()) {
            return BatchResult.empty();
        }
        List<String> argv = base();
        argv.addAll(List.of("-force", "-batch", "-"));
        CommandResult result = executor.execute(Command.of(argv).withStdin(String.join("\n", lines) + "\n"));
        return BatchResult.parse(argv, lines, result);
    }

    private List<String> base() {
        List<String> argv = new ArrayList<>(List.of("bridge"));
        namespace.ifPresent(ns -> argv.addAll(List.of("-n", ns)));
        return argv;
    }
}
