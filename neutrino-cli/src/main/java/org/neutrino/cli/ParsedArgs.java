package org.neutrino.cli;

import java.util.List;
import java.util.Map;

/**
 * A generated command's command line once parsed (by picocli, or by {@link QuickParser} on the
 * fast path): the values of the options given, by the option's first name ({@code --fixed-ip};
 * a flag's value is {@code "true"}), and the positional arguments in order.
 */
public record ParsedArgs(Map<String, List<String>> options, List<String> positionals) {
    public ParsedArgs {
        options = Map.copyOf(options);
        positionals = List.copyOf(positionals);
    }

    /** Whether the option called {@code name} (its first name) was given. */
    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** The values of the option {@code name}, empty when it was not given. */
    public List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    /** The last value of the option {@code name}, or {@code fallback}. */
    public String value(String name, String fallback) {
        List<String> values = values(name);
        return values.isEmpty() ? fallback : values.getLast();
    }
}
