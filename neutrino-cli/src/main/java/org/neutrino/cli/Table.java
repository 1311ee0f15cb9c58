package org.neutrino.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table as the {@code openstack} CLI prints it: {@code +----+} rules, one header row,
 * one row per item; a cell with several lines (e.g. several fixed IPs) spans several lines.
 */
public record Table(List<String> headers, List<List<String>> rows) {
    public Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells, headers "
                        + headers.size());
            }
        }
    }

    /** The table as text, ending with a line break. */
    public String render() {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int c = 0; c < widths.length; c++) {
                for (String line : row.get(c).split("\n", -1)) {
                    widths[c] = Math.max(widths[c], line.length());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        rule(out, widths);
        row(out, widths, headers);
        rule(out, widths);
        for (List<String> row : rows) {
            row(out, widths, row);
        }
        if (!rows.isEmpty()) {
            rule(out, widths);
        }
        return out.toString();
    }

    private static void rule(StringBuilder out, int[] widths) {
        for (int width : widths) {
            out.append('+').append("-".repeat(width + 2));
        }
        out.append("+\n");
    }

    private static void row(StringBuilder out, int[] widths, List<String> cells) {
        List<String[]> lines = cells.stream().map(cell -> cell.split("\n", -1)).toList();
        int height = lines.stream().mapToInt(l -> l.length).max().orElse(1);
        for (int i = 0; i < height; i++) {
            for (int c = 0; c < widths.length; c++) {
                String[] cellLines = lines.get(c);
                String text = i < cellLines.length ? cellLines[i] : "";
                out.append("| ").append(text).append(" ".repeat(widths[c] - text.length())).append(' ');
            }
            out.append("|\n");
        }
    }
}
