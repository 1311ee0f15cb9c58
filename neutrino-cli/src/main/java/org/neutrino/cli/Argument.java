package org.neutrino.cli;

/**
 * A positional argument of a generated command and the attribute it sets ({@code subnet-create
 * NETWORK CIDR}: {@code network_id}, {@code cidr}).
 */
public record Argument(String label, String attribute, ValueParser parser, boolean required, String description) {
    /** A required argument. */
    public static Argument required(String label, String attribute, ValueParser parser, String description) {
        return new Argument(label, attribute, parser, true, description);
    }

    /** An argument that may be left out. */
    public static Argument optional(String label, String attribute, ValueParser parser, String description) {
        return new Argument(label, attribute, parser, false, description);
    }
}
