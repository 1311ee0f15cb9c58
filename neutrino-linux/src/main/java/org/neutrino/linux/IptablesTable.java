package org.neutrino.linux;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Set<String> owned = new HashSet<>(chains);
        for (String rule : rules) {
            String chain = chainOf(rule);
            if (chain == null || !owned.contains(chain)) {
                throw new IllegalArgumentException("a rule must append to an owned chain: " + rule);
            }
            if (rule.contains("\n")) {
                throw new IllegalArgumentException("a rule is one line: " + rule);
            }
        }
        for (IptablesJump jump : jumps) {
            if (!owned.contains(jump.toChain())) {
                throw new IllegalArgumentException("a jump must go to an owned chain: " + jump);
            }
        }
    }

    /** The {@code iptables-restore --noflush} text: declaring each owned chain empties it, then the rules. */
    String render(List<IptablesJump> missingJumps) {
        return render(missingJumps, List.of(), Set.copyOf(chains));
    }

    /**
     * The same, but only for the owned chains in {@code rewrite} (each emptied and refilled; the
     * others are left as they are), also emptying and deleting {@code staleChains} (owned chains
     * no longer wanted: only owned chains refer to them, and those are rewritten first in the
     * same transaction). Empty when there is nothing to do.
     */
    String render(List<IptablesJump> missingJumps, List<String> staleChains, Set<String> rewrite) {
        if (missingJumps.isEmpty() && staleChains.isEmpty() && rewrite.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        lines.add("*" + name);
        chains.stream().filter(rewrite::contains).forEach(chain -> lines.add(":" + chain + " - [0:0]"));
        staleChains.forEach(chain -> lines.add(":" + chain + " - [0:0]"));
        rules.stream().map(String::strip).filter(rule -> rewrite.contains(chainOf(rule))).forEach(lines::add);
        staleChains.forEach(chain -> lines.add("-X " + chain));
        missingJumps.forEach(jump -> lines.add("-I " + jump.fromChain() + " 1 -j " + jump.toChain()));
        lines.add("COMMIT");
        return String.join("\n", lines) + "\n";
    }

    /** Each owned chain's rules, in order. */
    Map<String, List<String>> rulesByChain() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        chains.forEach(chain -> out.put(chain, new ArrayList<>()));
        rules.forEach(rule -> out.get(chainOf(rule)).add(rule.strip()));
        return out;
    }

    /** The chain of {@code -A <chain> ...}, or null for any other line (no regex: tables have 100,000s of rules). */
    private static String chainOf(String rule) {
        String line = rule.strip();
        if (!line.startsWith("-A") || line.length() < 4 || !Character.isWhitespace(line.charAt(2))) {
            return null;
        }
        int start = 3;
        while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return end > start ? line.substring(start, end) : null;
    }

    static void requireChainName(String chain) {
        if (chain == null || !chain.matches("[A-Za-z0-9_.-]{1,28}")) {
            throw new IllegalArgumentException("not an iptables chain name: " + chain);
        }
    }
}
