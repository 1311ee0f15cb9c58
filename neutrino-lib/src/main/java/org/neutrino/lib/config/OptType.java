package org.neutrino.lib.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the text of an option is turned into a typed value and back, following oslo.config's
 * types ({@code oslo_config.types}): the parse rules, the bounds, and the words used in a sample
 * file ("string value", "integer value"...).
 *
 * @param <T> the Java type of the value
 */
public sealed interface OptType<T>
        permits OptType.StringType, OptType.IntegerType, OptType.BooleanType, OptType.ListType,
        OptType.FloatType {

    /**
     * Turns the text found in a file into a value.
     *
     * @throws IllegalArgumentException with a short reason (without the value itself) when the
     *                                  text is not acceptable
     */
    T parse(String text);

    /** Writes a value the way it would appear in a configuration file. */
    String format(T value);

    /** The name used in sample files, e.g. {@code integer value}. */
    String description();

    /** Extra sample lines describing bounds or allowed values (without the leading "# "). */
    List<String> constraints();

    /**
     * Any text, optionally restricted to a set of choices (oslo {@code StrOpt(choices=...)}).
     *
     * @param choices the allowed values, empty for any text
     */
    record StringType(Set<String> choices) implements OptType<String> {
        public StringType {
            choices = Set.copyOf(choices);
        }

        @Override
        public String parse(String text) {
            if (!choices.isEmpty() && !choices.contains(text)) {
                throw new IllegalArgumentException("must be one of " + sortedChoices());
            }
            return text;
        }

        @Override
        public String format(String value) {
            return value;
        }

        @Override
        public String description() {
            return "string value";
        }

        @Override
        public List<String> constraints() {
            return choices.isEmpty() ? List.of() : List.of("Allowed values: " + String.join(", ", sortedChoices()));
        }

        private List<String> sortedChoices() {
            return choices.stream().sorted().toList();
        }
    }

    /**
     * A whole number with optional inclusive bounds (oslo {@code IntOpt}, {@code PortOpt}).
     *
     * @param min         the smallest accepted value, or {@code null}
     * @param max         the largest accepted value, or {@code null}
     * @param description the sample-file name, {@code integer value} or {@code port value}
     */
    record IntegerType(Integer min, Integer max, String description) implements OptType<Integer> {
        public IntegerType {
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("min " + min + " is greater than max " + max);
            }
        }

        @Override
        public Integer parse(String text) {
            int value;
            try {
                value = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer");
            }
            if (min != null && value < min) {
                throw new IllegalArgumentException("should be greater than or equal to " + min);
            }
            if (max != null && value > max) {
                throw new IllegalArgumentException("should be less than or equal to " + max);
            }
            return value;
        }

        @Override
        public String format(Integer value) {
            return value.toString();
        }

        @Override
        public List<String> constraints() {
            List<String> lines = new ArrayList<>();
            if (min != null) {
                lines.add("Minimum value: " + min);
            }
            if (max != null) {
                lines.add("Maximum value: " + max);
            }
            return List.copyOf(lines);
        }
    }

    /**
     * A boolean: {@code true/false, yes/no, 1/0, on/off}, case-insensitive (oslo {@code BoolOpt}).
     */
    record BooleanType() implements OptType<Boolean> {
        private static final Set<String> TRUE_WORDS = Set.of("true", "1", "on", "yes");
        private static final Set<String> FALSE_WORDS = Set.of("false", "0", "off", "no");

        @Override
        public Boolean parse(String text) {
            String word = text.strip().toLowerCase(Locale.ROOT);
            if (TRUE_WORDS.contains(word)) {
                return true;
            }
            if (FALSE_WORDS.contains(word)) {
                return false;
            }
            throw new IllegalArgumentException("not a boolean (expected true/false, yes/no, on/off or 1/0)");
        }

        @Override
        public String format(Boolean value) {
            return value.toString();
        }

        @Override
        public String description() {
            return "boolean value";
        }

        @Override
        public List<String> constraints() {
            return List.of();
        }
    }

    /**
     * A comma-separated list of strings; items are trimmed and empty items dropped, so a value
     * may continue on indented lines after a trailing comma (oslo {@code ListOpt}).
     */
    record ListType() implements OptType<List<String>> {
        @Override
        public List<String> parse(String text) {
            List<String> items = new ArrayList<>();
            for (String item : text.split(",", -1)) {
                String trimmed = item.strip();
                if (!trimmed.isEmpty()) {
                    items.add(trimmed);
                }
            }
            return List.copyOf(items);
        }

        @Override
        public String format(List<String> value) {
            return String.join(",", value);
        }

        @Override
        public String description() {
            return "list value";
        }

        @Override
        public List<String> constraints() {
            return List.of();
        }
    }

    /**
     * A floating point number with optional inclusive bounds (oslo {@code FloatOpt}).
     *
     * @param min the smallest accepted value, or {@code null}
     * @param max the largest accepted value, or {@code null}
     */
    record FloatType(Double min, Double max) implements OptType<Double> {
        @Override
        public Double parse(String text) {
            double value;
            try {
                value = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a floating point number");
            }
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("not a floating point number");
            }
            if (min != null && value < min) {
                throw new IllegalArgumentException("should be greater than or equal to " + format(min));
            }
            if (max != null && value > max) {
                throw new IllegalArgumentException("should be less than or equal to " + format(max));
            }
            return value;
        }

        @Override
        public String format(Double value) {
            return value.toString();
        }

        @Override
        public String description() {
            return "floating point value";
        }

        @Override
        public List<String> constraints() {
            List<String> lines = new ArrayList<>();
            if (min != null) {
                lines.add("Minimum value: " + format(min));
            }
            if (max != null) {
                lines.add("Maximum value: " + format(max));
            }
            return List.copyOf(lines);
        }
    }
}
