package org.neutrino.lib.config;

import java.util.Objects;

/**
 * The raw text of one option as found in a source, before interpolation and parsing.
 *
 * @param text   the value; continuation lines are joined with {@code \n}
 * @param source where it came from: a file path, or a description of a programmatic override
 * @param line   the line of the assignment in the file, 0 when not from a file
 */
public record ConfigValue(String text, String source, int line) {
    public ConfigValue {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }

    /** {@code file:line}, or just the source when there is no line. */
    public String location() {
        return line > 0 ? source + ":" + line : source;
    }
}
