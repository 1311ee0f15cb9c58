package org.neutrino.lib.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.MacAddress;

/** Neutron's {@code convert_to_*} functions. */
public final class Converters {
    private Converters() {
    }

    /** {@code true/false}, {@code "true"/"false"} in any case, {@code 1/0}, {@code "1"/"0"}. */
    public static final Converter BOOLEAN = (attribute, value) -> {
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer i && (i == 0 || i == 1)) {
            return i == 1;
        }
        if (value instanceof String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "1" -> {
                    return true;
                }
                case "false", "0" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw NeutronException.invalidInput("'" + value + "' cannot be converted to boolean");
    };

    /** Optional sign and ASCII digits ({@link Integer#parseInt} would take any Unicode digit). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");

    /** An integer, or a string holding one in ASCII digits. */
    public static final Converter INTEGER = (attribute, value) -> {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).intValue();
        }
        if (value instanceof String s && DECIMAL.matcher(s.trim()).matches()) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                // out of range: the error below
            }
        }
        throw NeutronException.invalidInput("'" + value + "' is not an integer");
    };

    /** Like {@link #INTEGER} but keeps {@code null}. */
    public static final Converter INTEGER_OR_NONE = (attribute, value) ->
            value == null ? null : INTEGER.convert(attribute, value);

    /** A valid MAC in canonical lower-case colon form; anything else is left for the validator. */
    public static final Converter MAC = (attribute, value) ->
            value instanceof String s ? MacAddress.normalize(s).map(Object.class::cast).orElse(s) : value;

    /** A JSON {@code null} or a missing list becomes an empty list. */
    public static final Converter NONE_TO_EMPTY_LIST = (attribute, value) -> value == null ? List.of() : value;

    /**
     * A filter value {@code ip_address=10.0.0.2} (query string form of a dict), as Neutron's
     * {@code convert_kvp_list_to_dict} for {@code fixed_ips} filters.
     */
    public static Map<String, List<String>> keyValuePairs(List<String> pairs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw NeutronException.invalidInput("'" + pair + "' is not of the form <key>=[value]");
            }
            out.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        return out;
    }
}
