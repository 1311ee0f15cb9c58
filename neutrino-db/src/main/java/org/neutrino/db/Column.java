package org.neutrino.db;

/**
 * How one API attribute is stored.
 *
 * @param attribute the API name ({@code binding:host_id})
 * @param name      the column name ({@code binding_host_id})
 * @param type      how values are read and written
 */
public record Column(String attribute, String name, Type type) {

    /** Storage types. JSON columns hold lists and dicts as text. */
    public enum Type { STRING, BOOLEAN, INTEGER, LONG, JSON }

    public static Column of(String attribute, Type type) {
        return new Column(attribute, attribute.replace(':', '_'), type);
    }
}
