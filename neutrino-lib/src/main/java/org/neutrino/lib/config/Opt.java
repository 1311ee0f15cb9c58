package org.neutrino.lib.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The declaration of one configuration option, as oslo.config's {@code cfg.Opt}: where it
 * lives ({@code [group] name}), its default, how its text is parsed, and its help. Components
 * declare their options as constants; {@link Config#get(Opt)} reads them and
 * {@link SampleConfig#render} documents them.
 *
 * @param group           the section, e.g. {@code DEFAULT}, {@code database}, {@code AGENT}
 * @param name            the option name, e.g. {@code bind_port}
 * @param defaultValue    the value when no file sets it; may be {@code null} (oslo's None)
 * @param type            how text becomes a value
 * @param help            one paragraph of help for the sample file
 * @param deprecatedNames older places still read when this one is not set
 * @param secret          whether the value must never appear in logs or error messages
 * @param sampleDefault   the text shown as default in the sample instead of the real default
 *                        (for defaults that depend on the host), or {@code null}
 * @param <T>             the value type
 */
public record Opt<T>(String group, String name, T defaultValue, OptType<T> type, String help,
                     List<DeprecatedName> deprecatedNames, boolean secret, String sampleDefault) {

    /** The group name oslo.config gives to options outside any section. */
    public static final String DEFAULT_GROUP = "DEFAULT";

    public Opt {
        requireWord("group", group);
        requireWord("name", name);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        deprecatedNames = List.copyOf(deprecatedNames);
    }

    /** A string option. */
    public static Opt<String> string(String group, String name, String defaultValue, String help) {
        return of(group, name, defaultValue, new OptType.StringType(Set.of()), help);
    }

    /** A string option whose value must be one of {@code choices}. */
    public static Opt<String> choice(String group, String name, String defaultValue, Set<String> choices,
                                     String help) {
        if (defaultValue != null && !choices.contains(defaultValue)) {
            throw new IllegalArgumentException("default " + defaultValue + " of " + group + "." + name
                    + " is not one of its choices");
        }
        return of(group, name, defaultValue, new OptType.StringType(choices), help);
    }

    /** An integer option without bounds. */
    public static Opt<Integer> integer(String group, String name, Integer defaultValue, String help) {
        return integer(group, name, defaultValue, null, null, help);
    }

    /** An integer option with inclusive bounds; {@code null} for no bound. */
    public static Opt<Integer> integer(String group, String name, Integer defaultValue, Integer min, Integer max,
                                       String help) {
        return of(group, name, defaultValue, new OptType.IntegerType(min, max, "integer value"), help);
    }

    /** A TCP/UDP port option: an integer from 0 to 65535. */
    public static Opt<Integer> port(String group, String name, Integer defaultValue, String help) {
        return of(group, name, defaultValue, new OptType.IntegerType(0, 65535, "port value"), help);
    }

    /** A boolean option. */
    public static Opt<Boolean> bool(String group, String name, Boolean defaultValue, String help) {
        return of(group, name, defaultValue, new OptType.BooleanType(), help);
    }

    /** A comma-separated list option. */
    public static Opt<List<String>> list(String group, String name, List<String> defaultValue, String help) {
        return of(group, name, defaultValue == null ? null : List.copyOf(defaultValue), new OptType.ListType(), help);
    }

    /** A floating point option without bounds. */
    public static Opt<Double> floatingPoint(String group, String name, Double defaultValue, String help) {
        return floatingPoint(group, name, defaultValue, null, null, help);
    }

    /** A floating point option with inclusive bounds; {@code null} for no bound. */
    public static Opt<Double> floatingPoint(String group, String name, Double defaultValue, Double min, Double max,
                                            String help) {
        return of(group, name, defaultValue, new OptType.FloatType(min, max), help);
    }

    private static <T> Opt<T> of(String group, String name, T defaultValue, OptType<T> type, String help) {
        return new Opt<>(group, name, defaultValue, type, help, List.of(), false, null);
    }

    /** A copy that is also read from {@code [group] oldName} of the same group. */
    public Opt<T> withDeprecatedName(String oldName) {
        return withDeprecatedName(group, oldName);
    }

    /** A copy that is also read from {@code [oldGroup] oldName}. */
    public Opt<T> withDeprecatedName(String oldGroup, String oldName) {
        List<DeprecatedName> names = new ArrayList<>(deprecatedNames);
        names.add(new DeprecatedName(oldGroup, oldName));
        return new Opt<>(group, name, defaultValue, type, help, names, secret, sampleDefault);
    }

    /** A copy whose value is never logged nor echoed in error messages. */
    public Opt<T> asSecret() {
        return new Opt<>(group, name, defaultValue, type, help, deprecatedNames, true, sampleDefault);
    }

    /** A copy documented in samples with {@code text} as its default. */
    public Opt<T> withSampleDefault(String text) {
        return new Opt<>(group, name, defaultValue, type, help, deprecatedNames, secret,
                Objects.requireNonNull(text, "text"));
    }

    /**
     * The group as oslo.config compares it: {@code DEFAULT} as is, any other group in lower case
     * ({@code [AGENT]} and {@code [agent]} are the same section).
     */
    public String normalizedGroup() {
        return normalizeGroup(group);
    }

    /** Renders a value of this option as text, hiding it when the option is secret. */
    public String display(T value) {
        if (secret) {
            return "****";
        }
        return value == null ? "None" : type.format(value);
    }

    @Override
    public String toString() {
        return "[" + group + "] " + name;
    }

    static String normalizeGroup(String group) {
        return DEFAULT_GROUP.equals(group) ? group : group.toLowerCase(Locale.ROOT);
    }

    static String normalizeName(String name) {
        return name.replace('-', '_');
    }

    static void requireWord(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '[' || c == ']'
                || c == '=')) {
            throw new IllegalArgumentException("invalid option " + what + ": '" + value + "'");
        }
    }
}
