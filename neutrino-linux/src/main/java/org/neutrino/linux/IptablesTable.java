package org.neutrino.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The desired state of the agent-owned part of one iptables table: the chains it owns (each
 * one is emptied and refilled on every apply), their rules in {@code iptables-save} syntax
 * ({@code -A <chain> ...}, only into owned chains), and the jumps from built-in chains into
 * owned ones. Rules of other owners in the same table are never touched.
 */
public record IptablesTable(String name, List<String> chains, List<String> rules, List<IptablesJump> jumps) {
    private static final Set<String> TABLES = Set.of("filter", "nat", "mangle", "raw");

    public IptablesTable {
        if (!TABLES.contains(name)) {
            throw new IllegalArgumentException("unknown iptables table: " + name);
        }
        chains = List.copyOf(chains);
        rules = List.copyOf(rules);
        jumps = List.copyOf(jumps);
        chains.forEach(IptablesTable::requireChainName);
        for (String rule : rules) {
            String[] words = rule.strip().split("\\s+");
            if (words.length < 2 || !words[0].equals("-A") || !chains.contains(words[1])) {
                throw new IllegalArgumentException("a rule must append to an owned chain: " + rule);
            }
            if (rule.contains("\n")) {
                throw new IllegalArgumentException("a rule is one line: " + rule);
            }
        }
        for (IptablesJump jump : jumps) {
            if (!chains.contains(jump.toChain())) {
                throw new IllegalArgumentException("a jump must go to an owned chain: " + jump);
            }
        }
    }

    /** The {@code iptables-restore --noflush} text: declaring each owned chain empties it, then the rules. */
    String render(List<IptablesJump> missingJumps) {
        return render(missingJumps, List.of());
    }

    /**
     * The same, also emptying and deleting {@code staleChains} (owned chains no longer wanted;
     * only owned chains refer to them, and those are emptied first in the same transaction).
     */
    String render(List<IptablesJump> missingJumps, List<String> staleChains) {
        List<String> lines = new ArrayList<>();
        lines.add("*" + name);
        chains.forEach(chain -> lines.add(":" + chain + " - [0:0]"));
        staleChains.forEach(chain -> lines.add(":" + chain + " - [0:0]"));
        lines.addAll(rules.stream().map(String::strip).toList());
        staleChains.forEach(chain -> lines.add("-X " + chain));
        missingJumps.forEach(jump -> lines.add("-I " + jump.fromChain() + " 1 -j " + jump.toChain()));
        lines.add("COMMIT");
        return String.join("\n", lines) + "\n";
    }

    static void requireChainName(String chain) {
        if (chain == null || !chain.matches("[A-Za-z0-9_.-]{1,28}")) {
            throw new IllegalArgumentException("not an iptables chain name: " + chain);
        }
    }
}
