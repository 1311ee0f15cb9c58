package org.neutrino.server.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an operator policy file ({@code policy.yaml} or the older {@code policy.json}) in the
 * flat form oslo.policy files have: one {@code "rule_name": "expression"} per entry. YAML
 * entries may use single, double or no quotes, {@code #} comments, and quoted values continued
 * on following lines; JSON is a single object of strings. Nested structures (and the old
 * list-of-lists JSON syntax) are rejected.
 */
public final class PolicyFile {
    private PolicyFile() {
    }

    /** Reads and parses {@code file}. */
    public static Map<String, String> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidPolicyException("Cannot read policy file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses {@code text}: JSON when it starts with <code>{</code>, flat YAML otherwise.
     *
     * @param source the file name used in error messages
     * @return the rules in file order
     */
    public static Map<String, String> parse(String text, String source) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return body.stripLeading().startsWith("{") ? new Json(body, source).object() : new Yaml(body, source).entries();
    }

    /** A JSON object whose values are all strings. */
    private static final class Json {
        private final String text;
        private final String source;
        private int pos;

        Json(String text, String source) {
            this.text = text;
            this.source = source;
        }

        Map<String, String> object() {
            Map<String, String> rules = new LinkedHashMap<>();
            skipSpace();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                pos++;
            } else {
                while (true) {
                    skipSpace();
                    String name = string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    if (peek() != '"') {
                        throw error("the value of \"" + name + "\" is not a string");
                    }
                    put(rules, name, string());
                    skipSpace();
                    char next = peek();
                    pos++;
                    if (next == '}') {
                        break;
                    }
                    if (next != ',') {
                        throw error("expected ',' or '}'");
                    }
                }
            }
            skipSpace();
            if (pos < text.length()) {
                throw error("unexpected text after the object");
            }
            return rules;
        }

        private void put(Map<String, String> rules, String name, String value) {
            if (rules.put(name, value) != null) {
                throw error("rule \"" + name + "\" is defined twice");
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char escaped = text.charAt(pos++);
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("bad \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException e) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + escaped);
                }
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw error("unexpected end of file");
            }
            return text.charAt(pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private InvalidPolicyException error(String message) {
            int line = 1;
            for (int i = 0; i < Math.min(pos, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return new InvalidPolicyException("Invalid policy file " + source + " at line " + line + ": " + message);
        }
    }

    /** Flat YAML: {@code key: value} lines. */
    private static final class Yaml {
        private final String[] lines;
        private final String source;
        private int index;

        Yaml(String text, String source) {
            this.lines = text.split("\r\n|\n|\r", -1);
            this.source = source;
        }

        Map<String, String> entries() {
            Map<String, String> rules = new LinkedHashMap<>();
            for (index = 0; index < lines.length; index++) {
                String line = lines[index];
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.equals("---") || trimmed.equals("...")) {
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0))) {
                    throw error("unexpected indentation (only flat \"name\": \"rule\" entries are supported)");
                }
                Cursor cursor = new Cursor(trimmed);
                String name = key(cursor);
                String value = value(cursor);
                if (rules.put(name, value) != null) {
                    throw error("rule \"" + name + "\" is defined twice");
                }
            }
            return rules;
        }

        private String key(Cursor cursor) {
            String name;
            if (cursor.peek() == '"' || cursor.peek() == '\'') {
                name = quoted(cursor);
                cursor.skipSpace();
                if (cursor.atEnd() || cursor.peek() != ':') {
                    throw error("expected ':' after \"" + name + "\"");
                }
                cursor.pos++;
            } else {
                int colon = cursor.text.indexOf(": ");
                if (colon < 0 && cursor.text.endsWith(":")) {
                    colon = cursor.text.length() - 1;
                }
                if (colon <= 0) {
                    throw error("expected \"name\": \"rule\"");
                }
                name = cursor.text.substring(0, colon).strip();
                cursor.pos = colon + 1;
            }
            if (!cursor.atEnd() && !Character.isWhitespace(cursor.peek())) {
                throw error("expected a space after ':'");
            }
            return name;
        }

        private String value(Cursor cursor) {
            cursor.skipSpace();
            if (cursor.atEnd() || cursor.peek() == '#') {
                if (index + 1 < lines.length && !lines[index + 1].isEmpty()
                        && Character.isWhitespace(lines[index + 1].charAt(0))) {
                    throw error("nested structures are not supported in a policy file");
                }
                return "";
            }
            if (cursor.peek() == '[' || cursor.peek() == '{' || cursor.peek() == '|' || cursor.peek() == '>') {
                throw error("only string rules are supported (found '" + cursor.peek() + "')");
            }
            if (cursor.peek() == '"' || cursor.peek() == '\'') {
                String value = quoted(cursor);
                cursor.skipSpace();
                if (!cursor.atEnd() && cursor.peek() != '#') {
                    throw error("unexpected text after the quoted rule");
                }
                return value;
            }
            StringBuilder value = new StringBuilder(plain(cursor.text.substring(cursor.pos)));
            while (index + 1 < lines.length && !lines[index + 1].isBlank()
                    && Character.isWhitespace(lines[index + 1].charAt(0))) {
                index++;
                value.append(' ').append(plain(lines[index].strip()));
            }
            return value.toString().strip();
        }

        private static String plain(String text) {
            int comment = text.indexOf(" #");
            return (comment >= 0 ? text.substring(0, comment) : text).strip();
        }

        /** A quoted scalar, continued over following lines (joined by a space) until its closing quote. */
        private String quoted(Cursor cursor) {
            char quote = cursor.peek();
            cursor.pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (cursor.atEnd()) {
                    if (index + 1 >= lines.length) {
                        throw error("unterminated quoted string");
                    }
                    index++;
                    cursor.text = lines[index].strip();
                    cursor.pos = 0;
                    out.append(' ');
                    continue;
                }
                char c = cursor.text.charAt(cursor.pos++);
                if (c == quote) {
                    if (quote == '\'' && !cursor.atEnd() && cursor.peek() == '\'') {
                        out.append('\'');
                        cursor.pos++;
                        continue;
                    }
                    return out.toString();
                }
                if (c == '\\' && quote == '"' && !cursor.atEnd()) {
                    char escaped = cursor.text.charAt(cursor.pos++);
                    out.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> escaped;
                    });
                    continue;
                }
                out.append(c);
            }
        }

        private InvalidPolicyException error(String message) {
            return new InvalidPolicyException("Invalid policy file " + source + " at line " + (index + 1) + ": "
                    + message);
        }
    }

    /** A position in the line being read. */
    private static final class Cursor {
        private String text;
        private int pos;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }
    }
}
