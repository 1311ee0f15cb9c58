package org.neutrino.fullstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Neutron-style configuration file ({@code [section] option = value}) built in code and written to disk. */
final class IniFile {
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    /** Sets {@code [section] option = value} (a later call for the same option wins). */
    IniFile set(String section, String option, Object value) {
        sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(option, String.valueOf(value));
        return this;
    }

    /** The value of {@code [section] option}; throws when it was not set. */
    String get(String section, String option) {
        String value = sections.getOrDefault(section, Map.of()).get(option);
        if (value == null) {
            throw new IllegalArgumentException("[" + section + "] " + option + " is not set");
        }
        return value;
    }

    /** Writes the file, readable by every user; returns its path. */
    Path write(Path file) {
        StringBuilder text = new StringBuilder();
        sections.forEach((section, options) -> {
            text.append('[').append(section).append("]\n");
            options.forEach((option, value) -> text.append(option).append(" = ").append(value).append('\n'));
            text.append('\n');
        });
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
