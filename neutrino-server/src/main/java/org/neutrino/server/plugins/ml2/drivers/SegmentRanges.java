package org.neutrino.server.plugins.ml2.drivers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsing of Neutron's range options ({@code 1:1000}, {@code physnet1:100:200}). */
public final class SegmentRanges {
    private SegmentRanges() {
    }

    /** {@code ["1:1000", "2000:2100"]} → ranges, each checked to lie within {@code [min, max]}. */
    public static List<int[]> parse(List<String> items, int min, int max, String option) {
        List<int[]> out = new ArrayList<>();
        for (String item : items) {
            out.add(parseRange(item.trim(), min, max, option));
        }
        return out;
    }

    /**
     * {@code network_vlan_ranges}: {@code physnet}, or {@code physnet:first:last}; a physnet
     * without a range is usable for provider networks only.
     */
    public static Map<String, List<int[]>> parseVlan(List<String> items, String option) {
        Map<String, List<int[]>> out = new LinkedHashMap<>();
        for (String item : items) {
            String[] parts = item.trim().split(":");
            if (parts.length == 1 && !parts[0].isEmpty()) {
                out.computeIfAbsent(parts[0], k -> new ArrayList<>());
            } else if (parts.length == 3 && !parts[0].isEmpty()) {
                out.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parseRange(parts[1] + ":" + parts[2], 1, 4094, option));
            } else {
                throw new IllegalArgumentException(option + ": '" + item + "' is not physnet or physnet:first:last");
            }
        }
        return out;
    }

    private static int[] parseRange(String text, int min, int max, String option) {
        String[] parts = text.split(":");
        try {
            if (parts.length == 2) {
                int first = Integer.parseInt(parts[0].trim());
                int last = Integer.parseInt(parts[1].trim());
                if (first >= min && last <= max && first <= last) {
                    return new int[] {first, last};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": '" + text + "' is not a range first:last within " + min + ":" + max);
    }

    static boolean contains(List<int[]> ranges, int id) {
        return ranges.stream().anyMatch(r -> id >= r[0] && id <= r[1]);
    }
}
