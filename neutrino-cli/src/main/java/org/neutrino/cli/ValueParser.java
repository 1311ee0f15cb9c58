package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the text of one option value into the JSON value of its attribute: a string, a number,
 * a boolean, the id of a resource named by name or id, or an object written as
 * {@code key=value,key=value} (as the classic {@code neutron} client reads
 * {@code --allocation-pool start=..,end=..} and {@code --fixed-ip subnet_id=..,ip_address=..}).
 */
@FunctionalInterface
public interface ValueParser {
    JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The JSON value of {@code text}; names of resources are looked up with {@code names}. */
    JsonNode parse(String text, NameResolver names);

    /** The text as a JSON string. */
    static ValueParser string() {
        return (text, names) -> NODES.textNode(text);
    }

    /** A whole number. */
    static ValueParser integer() {
        return (text, names) -> {
            try {
                return NODES.numberNode(Integer.parseInt(text.strip()));
            } catch (NumberFormatException e) {
                throw new BadValueException("'" + text + "' is not a whole number");
            }
        };
    }

    /** {@code true}/{@code false} (any case, as the classic client's {@code True}/{@code False}). */
    static ValueParser bool() {
        return (text, names) -> switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> NODES.booleanNode(true);
            case "false" -> NODES.booleanNode(false);
            default -> throw new BadValueException("'" + text + "' is not true or false");
        };
    }

    /** The id of the {@code type} resource that {@code text} names (a name or an id). */
    static ValueParser reference(ResourceType type) {
        return (text, names) -> NODES.textNode(names.id(type, text));
    }

    /**
     * An object written {@code key=value[,key=value...]}: {@code keys} says how each key's value is
     * parsed; a key outside it, or a missing one of {@code required}, is refused.
     */
    static ValueParser keyValues(Map<String, ValueParser> keys, List<String> required) {
        return (text, names) -> {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String item : text.split(",")) {
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new BadValueException("'" + text + "' is not key=value[,key=value...] (keys: "
                            + String.join(", ", keys.keySet()) + ")");
                }
                String key = item.substring(0, eq).strip();
                if (!keys.containsKey(key)) {
                    throw new BadValueException("unknown key '" + key + "' in '" + text + "' (keys: "
                            + String.join(", ", keys.keySet()) + ")");
                }
                pairs.put(key, item.substring(eq + 1).strip());
            }
            for (String key : required) {
                if (!pairs.containsKey(key)) {
                    throw new BadValueException("'" + text + "' lacks " + key + "=");
                }
            }
            ObjectNode object = NODES.objectNode();
            pairs.forEach((key, value) -> object.set(key, keys.get(key).parse(value, names)));
            return object;
        };
    }
}
