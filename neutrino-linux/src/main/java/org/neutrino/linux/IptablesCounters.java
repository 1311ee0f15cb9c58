package org.neutrino.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code iptables-save -c}: the rules that name a device (by
 * {@code --physdev-in/-out}, {@code -i}, {@code -o}), with their packet counters, and how many
 * rules each chain holds. Pure.
 */
public final class IptablesCounters {
    private static final Pattern RULE = Pattern.compile("^\\[(\\d+):(\\d+)\\] -A (\\S+) (.*)$");
    private static final Pattern JUMP = Pattern.compile("(?:^| )-[jg] (\\S+)");

    /**
     * A rule with its counter.
     *
     * @param chain   the chain it is in
     * @param target  its jump target, empty when it has none
     * @param packets how many packets it matched
     * @param match   the rule's text after the chain name
     */
    public record CountedRule(String chain, String target, long packets, String match) {
    }

    private final List<CountedRule> rules;

    private IptablesCounters(List<CountedRule> rules) {
        this.rules = rules;
    }

    /** Parses {@code iptables-save -c} text (lines without counters are ignored). */
    public static IptablesCounters parse(String saved) {
        List<CountedRule> rules = new ArrayList<>();
        for (String line : saved.split("\n")) {
            Matcher m = RULE.matcher(line.strip());
            if (m.matches()) {
                Matcher jump = JUMP.matcher(m.group(4));
                rules.add(new CountedRule(m.group(3), jump.find() ? jump.group(1) : "", Long.parseLong(m.group(1)), m.group(4)));
            }
        }
        return new IptablesCounters(List.copyOf(rules));
    }

    /** The rules whose match names {@code device} as a whole word. */
    public List<CountedRule> naming(String device) {
        Pattern word = Pattern.compile("(?:^| )" + Pattern.quote(device) + "(?: |$)");
        return rules.stream().filter(r -> word.matcher(r.match()).find()).toList();
    }

    /** How many rules each chain that has rules holds. */
    public Map<String, Integer> ruleCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        rules.forEach(r -> counts.merge(r.chain(), 1, Integer::sum));
        return counts;
    }
}
