package org.neutrino.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent-owned chains of one host's iptables (or ip6tables), as Neutron's
 * {@code IptablesManager}: every owned chain starts with {@link #prefix()}; each change gives
 * the whole desired state of the tables, and the chains whose rules differ from what this
 * manager last wrote are rewritten (emptied and refilled) with ONE
 * {@code iptables-restore --noflush} for all the tables — never a process per rule. Owned chains
 * that are no longer wanted are emptied and deleted in that same run; rules and chains of other
 * owners are never touched.
 *
 * <p>Only the first apply (and the first after a failure) reads the tables with one
 * {@code iptables-save}, to learn which jumps from built-in chains exist already and which owned
 * chains a previous run left, with their rules as {@code iptables-save} prints them: a chain
 * whose saved rules are exactly the desired ones is not rewritten, so a restarted owner that
 * finds its state in place writes nothing (a rule written in another spelling than
 * {@code iptables-save}'s is merely rewritten once). Later applies know both. An apply that
 * changes no chain spawns nothing.
 *
 * <p>Not thread-safe: one owner (an agent's loop) applies.
 */
public final class IptablesManager {
    private final Iptables iptables;
    private final String prefix;
    /** Owned chains present in each table, as of the last read or apply; null until read. */
    private Map<String, Set<String>> present;
    /** The rules of each owned chain as this manager last wrote them, per table (unknown after a read). */
    private final Map<String, Map<String, List<String>>> written = new HashMap<>();
    /** Jumps known to be in place, as {@code <table> <rule>}. */
    private final Set<String> jumpsInPlace = new HashSet<>();
    private long restores;

    /**
     * @param iptables the tool, in the namespace and for the IP version this manager owns
     * @param prefix   the start of every owned chain name (e.g. {@code neutrino-})
     */
    public IptablesManager(Iptables iptables, String prefix) {
        if (prefix == null || !prefix.matches("[A-Za-z0-9_.-]{2,12}")) {
            throw new IllegalArgumentException("not a chain prefix: " + prefix);
        }
        this.iptables = iptables;
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** How many {@code iptables-restore} runs this manager made (a cost metric). */
    public long restoreCount() {
        return restores;
    }

    /**
     * Makes the owned part of each table in {@code tables} exactly as given, in one
     * {@code iptables-restore --noflush}. A table not given is left as it is.
     *
     * @throws IllegalArgumentException when a table declares a chain that does not start with the prefix
     * @throws CommandFailedException   when the restore fails (nothing changed: it is atomic)
     */
    public void apply(List<IptablesTable> tables) {
        for (IptablesTable table : tables) {
            for (String chain : table.chains()) {
                if (!chain.startsWith(prefix)) {
                    throw new IllegalArgumentException("chain " + chain + " is not owned (prefix " + prefix + ")");
                }
            }
        }
        if (present == null) {
            read();
        }
        StringBuilder text = new StringBuilder();
        Map<String, Map<String, List<String>>> wanted = new HashMap<>();
        for (IptablesTable table : tables) {
            List<String> stale = new ArrayList<>(present.getOrDefault(table.name(), Set.of()));
            stale.removeAll(table.chains());
            stale.sort(null);
            List<IptablesJump> missing = table.jumps().stream()
                    .filter(j -> !jumpsInPlace.contains(table.name() + " " + j.rule())).toList();
            Map<String, List<String>> rules = table.rulesByChain();
            Map<String, List<String>> before = written.getOrDefault(table.name(), Map.of());
            Set<String> rewrite = new HashSet<>();
            rules.forEach((chain, list) -> {
                if (!list.equals(before.get(chain))) {
                    rewrite.add(chain);
                }
            });
            wanted.put(table.name(), rules);
            text.append(table.render(missing, stale, rewrite));
        }
        if (text.isEmpty()) {
            return;
        }
        try {
            restores++;
            iptables.restore(text.toString());
        } catch (RuntimeException e) {
            present = null;
            jumpsInPlace.clear();
            written.clear();
            throw e;
        }
        for (IptablesTable table : tables) {
            present.put(table.name(), new HashSet<>(table.chains()));
            table.jumps().forEach(j -> jumpsInPlace.add(table.name() + " " + j.rule()));
        }
        written.putAll(wanted);
    }

    /**
     * Reads the tables now, with the one {@code iptables-save} the first apply would otherwise
     * make, and returns the text read: for an owner that keeps state in its own rules (and
     * recovers it after a restart). The next apply does not read again.
     */
    public String read() {
        written.clear();
        Map<String, Set<String>> chains = new HashMap<>();
        String table = null;
        String saved = iptables.save();
        for (String raw : saved.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("*")) {
                table = line.substring(1);
            } else if (table != null && line.startsWith(":") && line.length() > 1) {
                String chain = line.substring(1).split("\\s+")[0];
                if (chain.startsWith(prefix)) {
                    chains.computeIfAbsent(table, t -> new HashSet<>()).add(chain);
                    written.computeIfAbsent(table, t -> new HashMap<>()).put(chain, new ArrayList<>());
                }
            } else if (table != null && line.startsWith("-A ")) {
                String[] words = line.split("\\s+");
                if (words.length == 4 && words[2].equals("-j") && words[3].startsWith(prefix)) {
                    jumpsInPlace.add(table + " " + line);
                }
                List<String> rules = written.getOrDefault(table, Map.of()).get(words[1]);
                if (rules != null) {
                    rules.add(line);
                }
            }
        }
        present = chains;
        return saved;
    }
}
