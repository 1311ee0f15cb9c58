package org.neutrino.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares agent-owned {@link IptablesTable}s with what {@code iptables-save} printed, so that an
 * agent that finds its chains already right spawns no {@code iptables-restore} (a restart or a
 * periodic resync changes nothing, and nothing is rewritten under established flows).
 */
public final class IptablesDiff {
    private IptablesDiff() {
    }

    /**
     * Whether the owned chains of {@code table} exist in {@code saved} with exactly its rules, in
     * order, and every one of its jumps is there.
     *
     * @param saved the output of {@code iptables-save} (every table, or at least this one)
     */
    public static boolean matches(String saved, IptablesTable table) {
        List<String> lines = linesOfTable(saved, table.name());
        for (String chain : table.chains()) {
            if (lines.stream().noneMatch(l -> l.startsWith(":" + chain + " "))) {
                return false;
            }
            List<String> present = lines.stream().filter(l -> l.startsWith("-A " + chain + " ")).toList();
            List<String> wanted = table.rules().stream().map(String::strip)
                    .filter(r -> r.startsWith("-A " + chain + " ")).toList();
            if (!present.equals(wanted)) {
                return false;
            }
        }
        return table.jumps().stream().allMatch(jump -> lines.contains(jump.rule()));
    }

    /**
     * The {@code iptables-restore --noflush} input that makes the kernel match {@code tables},
     * given what {@code saved} shows: every owned chain emptied and refilled, the missing jumps
     * added; empty when every table already {@link #matches}.
     */
    public static String restoreInput(String saved, List<IptablesTable> tables) {
        StringBuilder text = new StringBuilder();
        for (IptablesTable table : tables) {
            if (matches(saved, table)) {
                continue;
            }
            List<String> lines = linesOfTable(saved, table.name());
            List<IptablesJump> missing = new ArrayList<>();
            for (IptablesJump jump : table.jumps()) {
                if (!lines.contains(jump.rule())) {
                    missing.add(jump);
                }
            }
            text.append(table.render(missing));
        }
        return text.toString();
    }

    private static List<String> linesOfTable(String saved, String table) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : saved.split("\n")) {
            if (line.startsWith("*")) {
                inside = line.strip().equals("*" + table);
            } else if (inside && !line.startsWith("#")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }
}
