package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One option of a generated command and the attribute it sets: {@code --gateway IP} sets
 * {@code gateway_ip}. Its {@link Shape} says how it is written; its {@link ValueParser} turns the
 * text into the attribute's JSON value; {@code verbs} says which commands of the resource take it
 * (on {@code -list} it becomes a query filter).
 *
 * @param names     the option names, the first one canonical ({@code --fixed-ip})
 * @param attribute the attribute (request body key or query parameter) it sets
 * @param constant  the value a {@link Shape#FLAG} sets (e.g. {@code false} for {@code --admin-state-down})
 */
public record AttributeOption(List<String> names, String attribute, Shape shape, ValueParser parser,
                              JsonNode constant, String label, String description, Set<Verb> verbs) {
    /** How an option is written on the command line. */
    public enum Shape {
        /** {@code --name VALUE}. */
        VALUE,
        /** {@code --name VALUE}, repeatable: the attribute is the list of the values. */
        REPEATED,
        /** {@code --shared} for true, {@code --shared=false} (or {@code --shared false}) for false. */
        BOOLEAN,
        /** {@code --admin-state-down}: no value; sets the attribute to {@code constant}. */
        FLAG
    }

    /** The commands of a resource an option belongs to. */
    public enum Verb { CREATE, UPDATE, LIST }

    public AttributeOption {
        names = List.copyOf(names);
        verbs = Set.copyOf(verbs);
    }

    /** {@code --name VALUE} setting {@code attribute} to the string, on create and update. */
    public static AttributeOption value(String name, String attribute, String label, String description) {
        return new AttributeOption(List.of(name), attribute, Shape.VALUE, ValueParser.string(), null, label,
                description, EnumSet.of(Verb.CREATE, Verb.UPDATE));
    }

    /** {@code --name VALUE} (repeatable) appending to the list {@code attribute}, on create and update. */
    public static AttributeOption repeated(String name, String attribute, String label, String description) {
        return new AttributeOption(List.of(name), attribute, Shape.REPEATED, ValueParser.string(), null, label,
                description, EnumSet.of(Verb.CREATE, Verb.UPDATE));
    }

    /** {@code --name[=true|false]} setting the boolean {@code attribute}, on create and update. */
    public static AttributeOption bool(String name, String attribute, String description) {
        return new AttributeOption(List.of(name), attribute, Shape.BOOLEAN, ValueParser.bool(), null, "BOOL",
                description, EnumSet.of(Verb.CREATE, Verb.UPDATE));
    }

    /** {@code --name} (no value) setting {@code attribute} to {@code constant}, on create and update. */
    public static AttributeOption flag(String name, String attribute, JsonNode constant, String description) {
        return new AttributeOption(List.of(name), attribute, Shape.FLAG, null, constant, null, description,
                EnumSet.of(Verb.CREATE, Verb.UPDATE));
    }

    /** This option with its value parsed by {@code valueParser}. */
    public AttributeOption parsedBy(ValueParser valueParser) {
        return new AttributeOption(names, attribute, shape, valueParser, constant, label, description, verbs);
    }

    /** This option on these commands only. */
    public AttributeOption on(Verb first, Verb... rest) {
        return new AttributeOption(names, attribute, shape, parser, constant, label, description, EnumSet.of(first, rest));
    }

    /** This option also known as {@code alias}. */
    public AttributeOption alias(String alias) {
        List<String> all = new java.util.ArrayList<>(names);
        all.add(alias);
        return new AttributeOption(all, attribute, shape, parser, constant, label, description, verbs);
    }
}
