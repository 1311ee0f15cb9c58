package org.neutrino.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one cloud of a {@code clouds.yaml} as the {@code openstack} CLI finds it:
 * {@code OS_CLIENT_CONFIG_FILE}, else {@code ./clouds.yaml}, {@code ~/.config/openstack/clouds.yaml},
 * {@code /etc/openstack/clouds.yaml}, the first that exists. Only the block-mapping part of YAML
 * that these files use is read (nested {@code key: value}, comments, quotes); lists are skipped.
 */
public final class CloudsYaml {
    private CloudsYaml() {
    }

    /** The files searched, in order, given the environment {@code variables}. */
    static List<Path> searchPath(Function<String, String> variables) {
        List<Path> paths = new ArrayList<>();
        String file = variables.apply("OS_CLIENT_CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            paths.add(Path.of(file));
        }
        paths.add(Path.of("clouds.yaml"));
        String home = variables.apply("HOME");
        if (home != null && !home.isBlank()) {
            paths.add(Path.of(home, ".config", "openstack", "clouds.yaml"));
        }
        paths.add(Path.of("/etc/openstack/clouds.yaml"));
        return paths;
    }

    /**
     * The settings of {@code cloud} flattened to the {@code openstack} CLI's keys: {@code auth.*}
     * entries by their own name ({@code auth_url}, {@code username}, ...), the others as they are
     * ({@code region_name}, {@code interface}, {@code auth_type}).
     */
    public static Map<String, String> cloud(String cloud, Function<String, String> variables) {
        Path file = searchPath(variables).stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new ConnectionException("OS_CLOUD is " + cloud + " but no clouds.yaml was found in "
                        + searchPath(variables)));
        Map<String, Object> all;
        try {
            all = parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new ConnectionException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Object entry = map(all.get("clouds")).map(clouds -> clouds.get(cloud)).orElse(null);
        Map<String, Object> settings = map(entry).orElseThrow(() ->
                new ConnectionException("cloud '" + cloud + "' is not in " + file));
        Map<String, String> flat = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (key.equals("auth")) {
                map(value).ifPresent(auth -> auth.forEach((k, v) -> {
                    if (v instanceof String text) {
                        flat.put(k, text);
                    }
                }));
            } else if (value instanceof String text) {
                flat.put(key, text);
            }
        });
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> map(Object value) {
        return value instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
    }

    /** The nested mappings of {@code lines}. */
    static Map<String, Object> parse(List<String> lines) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> stack = new ArrayList<>(List.of(root));
        List<Integer> indents = new ArrayList<>(List.of(-1));
        for (String raw : lines) {
            String line = stripComment(raw);
            if (line.isBlank() || line.strip().equals("---")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String text = line.strip();
            while (indent <= indents.getLast()) {
                stack.removeLast();
                indents.removeLast();
            }
            int colon = text.indexOf(':');
            if (text.startsWith("-") || colon <= 0) {
                continue;
            }
            String key = unquote(text.substring(0, colon).strip());
            String value = text.substring(colon + 1).strip();
            if (value.isEmpty()) {
                Map<String, Object> child = new LinkedHashMap<>();
                stack.getLast().put(key, child);
                stack.add(child);
                indents.add(indent);
            } else {
                stack.getLast().put(key, unquote(value));
            }
        }
        return root;
    }

    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
