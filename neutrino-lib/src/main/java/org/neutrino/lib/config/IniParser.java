package org.neutrino.lib.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the INI dialect of oslo.config ({@code oslo_config.iniparser}): {@code [section]}
 * headers, {@code key = value} or {@code key: value}, {@code #} and {@code ;} comment lines,
 * indented continuation lines appended to the previous value (joined with a newline), and one
 * pair of matching quotes around a value removed.
 */
final class IniParser {

    /**
     * One assignment found in a file.
     *
     * @param section the section as written
     * @param key     the key as written
     * @param value   its text and position
     */
    record Entry(String section, String key, ConfigValue value) {
    }

    private final String source;
    private final List<Entry> entries = new ArrayList<>();
    private String section;
    private String key;
    private int keyLine;
    private final List<String> valueLines = new ArrayList<>();

    private IniParser(String source) {
        this.source = source;
    }

    /** Parses {@code text} read from {@code source}; throws {@link ConfigException} on a syntax error. */
    static List<Entry> parse(String text, String source) {
        IniParser parser = new IniParser(source);
        parser.run(text);
        return List.copyOf(parser.entries);
    }

    private void run(String text) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i].stripTrailing();
            if (line.isEmpty()) {
                finishAssignment();
            } else if (line.startsWith(" ") || line.startsWith("\t")) {
                if (key == null) {
                    throw error(lineNumber, "unexpected continuation line", line);
                }
                valueLines.add(line.stripLeading());
            } else {
                finishAssignment();
                if (line.startsWith("[")) {
                    startSection(lineNumber, line);
                } else if (!line.startsWith("#") && !line.startsWith(";")) {
                    startAssignment(lineNumber, line);
                }
            }
        }
        finishAssignment();
    }

    private void startSection(int lineNumber, String line) {
        if (!line.endsWith("]")) {
            throw error(lineNumber, "invalid section (must end with ])", line);
        }
        if (line.length() <= 2) {
            throw error(lineNumber, "empty section name", line);
        }
        section = line.substring(1, line.length() - 1);
    }

    private void startAssignment(int lineNumber, String line) {
        int colon = line.indexOf(':');
        int equal = line.indexOf('=');
        if (colon < 0 && equal < 0) {
            throw error(lineNumber, "no ':' or '=' found in assignment", line);
        }
        int split = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon;
        String name = line.substring(0, split).strip();
        String value = line.substring(split + 1).strip();
        if (name.isEmpty()) {
            throw error(lineNumber, "key cannot be empty", line);
        }
        if (section == null) {
            throw error(lineNumber, "assignment before any [section]", line);
        }
        if (!value.isEmpty() && value.charAt(0) == value.charAt(value.length() - 1)
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            value = value.length() == 1 ? "" : value.substring(1, value.length() - 1);
        }
        key = name;
        keyLine = lineNumber;
        valueLines.clear();
        valueLines.add(value);
    }

    private void finishAssignment() {
        if (key != null) {
            entries.add(new Entry(section, key, new ConfigValue(String.join("\n", valueLines), source, keyLine)));
            key = null;
            valueLines.clear();
        }
    }

    private ConfigException error(int lineNumber, String message, String line) {
        return new ConfigException(source + ":" + lineNumber + ": " + message + ": '" + line + "'");
    }
}
