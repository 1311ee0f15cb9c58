package org.neutrino.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * iptables of one network namespace (or the root helper's host), applied as whole tables of
 * desired state with {@code iptables-restore --noflush}, never rule by rule: see
 * {@link IptablesTable}. Reading is {@code iptables-save}.
 */
public final class Iptables {
    private final Executor executor;
    private final Optional<String> namespace;
    private final IpVersion version;

    /** IPv4 iptables in the executor's host. */
    public Iptables(Executor executor) {
        this(executor, Optional.empty(), IpVersion.V4);
    }

    private Iptables(Executor executor, Optional<String> namespace, IpVersion version) {
        this.executor = executor;
        this.namespace = namespace;
        this.version = version;
    }

    /** The same, acting inside network namespace {@code name}. */
    public Iptables inNamespace(String name) {
        return new Iptables(executor, Optional.of(name), version);
    }

    /** The same for {@code version}: {@code iptables} or {@code ip6tables}. */
    public Iptables forVersion(IpVersion ipVersion) {
        return new Iptables(executor, namespace, ipVersion);
    }

    /**
     * Makes the kernel match {@code tables}: one {@code iptables-save} to find which jumps from
     * built-in chains are missing, then one atomic {@code iptables-restore --noflush}.
     */
    public void apply(List<IptablesTable> tables) {
        if (tables.isEmpty()) {
            return;
        }
        List<String> present = List.of(save().split("\n"));
        StringBuilder text = new StringBuilder();
        for (IptablesTable table : tables) {
            List<IptablesJump> missing = new ArrayList<>();
            List<String> tableLines = linesOfTable(present, table.name());
            for (IptablesJump jump : table.jumps()) {
                if (!tableLines.contains(jump.rule())) {
                    missing.add(jump);
                }
            }
            text.append(table.render(missing));
        }
        restore(text.toString());
    }

    /** Feeds {@code rules} (iptables-save syntax) to {@code iptables-restore --noflush}. */
    public void restore(String rules) {
        executor.check(scoped(Command.of(tool("restore"), "--noflush")).withStdin(rules));
    }

    /** Every table, as {@code iptables-save} prints it. */
    public String save() {
        return executor.check(scoped(Command.of(tool("save")))).stdout();
    }

    /** One table, as {@code iptables-save -t <table>} prints it. */
    public String save(String table) {
        return executor.check(scoped(Command.of(tool("save"), "-t", table))).stdout();
    }

    /** One table with each rule's {@code [packets:bytes]} counters ({@code iptables-save -c -t <table>}). */
    public String saveWithCounters(String table) {
        return executor.check(scoped(Command.of(tool("save"), "-c", "-t", table))).stdout();
    }

    private static List<String> linesOfTable(List<String> saved, String table) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : saved) {
            if (line.startsWith("*")) {
                inside = line.equals("*" + table);
            } else if (inside) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private String tool(String verb) {
        return (version == IpVersion.V4 ? "iptables-" : "ip6tables-") + verb;
    }

    private Command scoped(Command command) {
        return namespace.map(command::inNamespace).orElse(command);
    }
}
