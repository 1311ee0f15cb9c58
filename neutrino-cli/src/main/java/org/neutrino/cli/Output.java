package org.neutrino.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Prints resources as {@code -f table} (the default; the classic client's tables), {@code -f json}
 * or {@code -f value} (the bare values, one item per line), limited to the {@code -c} columns when
 * some were given.
 */
public final class Output {
    /** The output formats of {@code -f}. */
    public enum Format { TABLE, JSON, VALUE }

    private final Format format;
    private final List<String> columns;
    private final PrintWriter out;
    private final ObjectMapper json;

    public Output(Format format, List<String> columns, PrintWriter out, ObjectMapper json) {
        this.format = format;
        this.columns = List.copyOf(columns);
        this.out = out;
        this.json = json;
    }

    /** The format named {@code text} ({@code table}, {@code json}, {@code value}). */
    public static Format format(String text) {
        try {
            return Format.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadValueException("unknown format '" + text + "' (table, json, value)");
        }
    }

    /** Prints {@code items} with {@code defaultColumns} unless {@code -c} chose others. */
    public void list(JsonNode items, List<String> defaultColumns) {
        List<String> chosen = columns.isEmpty() ? defaultColumns : columns;
        switch (format) {
            case JSON -> {
                ArrayNode array = json.createArrayNode();
                items.forEach(item -> array.add(select(item, chosen)));
                print(array);
            }
            case VALUE -> items.forEach(item -> out.println(String.join(" ",
                    chosen.stream().map(c -> cell(item.get(c)).replace('\n', ' ')).toList())));
            case TABLE -> {
                List<List<String>> rows = new ArrayList<>();
                items.forEach(item -> rows.add(chosen.stream().map(c -> cell(item.get(c))).toList()));
                out.print(new Table(chosen, rows).render());
            }
        }
        out.flush();
    }

    /** Prints one resource as Field/Value rows (all its fields, sorted, unless {@code -c} chose some). */
    public void show(JsonNode item, String heading) {
        List<String> chosen = columns.isEmpty() ? new ArrayList<>(fieldNames(item)) : columns;
        switch (format) {
            case JSON -> print(select(item, chosen));
            case VALUE -> chosen.forEach(c -> out.println(cell(item.get(c))));
            case TABLE -> {
                if (heading != null) {
                    out.println(heading);
                }
                List<List<String>> rows = chosen.stream().map(c -> List.of(c, cell(item.get(c)))).toList();
                out.print(new Table(List.of("Field", "Value"), rows).render());
            }
        }
        out.flush();
    }

    /** A line for people ({@code Deleted network: x}); printed in table format only. */
    public void message(String line) {
        if (format == Format.TABLE) {
            out.println(line);
            out.flush();
        }
    }

    private static TreeSet<String> fieldNames(JsonNode item) {
        TreeSet<String> names = new TreeSet<>();
        item.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private ObjectNode select(JsonNode item, List<String> chosen) {
        ObjectNode selected = json.createObjectNode();
        for (String column : chosen) {
            JsonNode value = item.get(column);
            selected.set(column, value == null ? json.nullNode() : value);
        }
        return selected;
    }

    private void print(JsonNode node) {
        try {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value as a table cell: scalars as text, list items one per line, objects as JSON. */
    static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "True" : "False";
        }
        if (value.isArray()) {
            List<String> lines = new ArrayList<>();
            for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                lines.add(cell(it.next()));
            }
            return String.join("\n", lines);
        }
        if (value.isObject()) {
            return value.toString();
        }
        return value.asText();
    }
}
