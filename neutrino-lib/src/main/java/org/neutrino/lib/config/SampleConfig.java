package org.neutrino.lib.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a sample configuration file documenting options the way oslo-config-generator does
 * for {@code neutron.conf.sample}: one section per group ({@code [DEFAULT]} first, the others
 * in alphabetical order), options in declaration order, help wrapped as {@code #} comments with
 * the value type, bounds and deprecated names, then the commented default {@code #name = value}.
 */
public final class SampleConfig {
    private static final int WIDTH = 70;

    private SampleConfig() {
    }

    /**
     * The sample text for {@code opts}. The same option may be given twice (options shared by
     * components) if both declarations are equal.
     *
     * @throws IllegalArgumentException when one option is declared twice differently
     */
    public static String render(Collection<? extends Opt<?>> opts) {
        Map<String, Map<String, Opt<?>>> groups = new TreeMap<>();
        Map<String, String> groupSpelling = new HashMap<>();
        for (Opt<?> opt : opts) {
            String group = opt.normalizedGroup();
            groupSpelling.putIfAbsent(group, opt.group());
            Map<String, Opt<?>> byName = groups.computeIfAbsent(group, g -> new LinkedHashMap<>());
            Opt<?> previous = byName.putIfAbsent(Opt.normalizeName(opt.name()), opt);
            if (previous != null && !previous.equals(opt)) {
                throw new IllegalArgumentException("option " + opt + " is declared twice with different definitions");
            }
        }
        StringBuilder out = new StringBuilder();
        renderGroup(out, Opt.DEFAULT_GROUP, groups.getOrDefault(Opt.DEFAULT_GROUP, Map.of()));
        groups.forEach((group, byName) -> {
            if (!group.equals(Opt.DEFAULT_GROUP)) {
                renderGroup(out, groupSpelling.get(group), byName);
            }
        });
        return out.toString();
    }

    private static void renderGroup(StringBuilder out, String group, Map<String, Opt<?>> opts) {
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append('[').append(group).append("]\n");
        for (Opt<?> opt : opts.values()) {
            out.append('\n');
            renderOpt(out, opt);
        }
    }

    private static <T> void renderOpt(StringBuilder out, Opt<T> opt) {
        String typeText = "(" + opt.type().description() + ")";
        String help = opt.help().isBlank() ? typeText : opt.help().strip() + " " + typeText;
        for (String line : wrap(help)) {
            out.append(line).append('\n');
        }
        for (String constraint : opt.type().constraints()) {
            out.append("# ").append(constraint).append('\n');
        }
        for (DeprecatedName old : opt.deprecatedNames()) {
            out.append("# Deprecated group/name - [").append(old.group()).append("]/").append(old.name()).append('\n');
        }
        String value;
        if (opt.sampleDefault() != null) {
            value = opt.sampleDefault();
        } else if (opt.defaultValue() == null) {
            value = "<None>";
        } else {
            value = opt.type().format(opt.defaultValue());
        }
        out.append('#').append(opt.name()).append(" =");
        if (!value.isEmpty()) {
            out.append(' ').append(value.replace("\n", "\n#    "));
        }
        out.append('\n');
    }

    /** Wraps each paragraph of {@code text} into {@code # } comment lines of at most 70 characters. */
    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            if (paragraph.isBlank()) {
                lines.add("#");
                continue;
            }
            StringBuilder line = new StringBuilder("#");
            for (String word : paragraph.strip().split("\\s+")) {
                if (line.length() > 1 && line.length() + 1 + word.length() > WIDTH) {
                    lines.add(line.toString());
                    line = new StringBuilder("#");
                }
                line.append(' ').append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
