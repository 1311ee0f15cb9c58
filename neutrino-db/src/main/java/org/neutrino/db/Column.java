package org.neutrino.db;

/**
 * How one API attribute is stored.
 *
 * @param attribute the API name ({@code binding:host_id})
 * @param name      the column name ({@code binding_host_id})
 * @param type      how values are read and written
 * @param nullable  whether the column may hold NULL (sorting and paging treat NULL as the
 *                  smallest value)
 */
public record Column(String attribute, String name, Type type, boolean nullable) {

    /** Storage types. JSON columns hold lists and dicts as text. */
    public enum Type { STRING, BOOLEAN, INTEGER, LONG, JSON }

    /** A {@code NOT NULL} column named like the attribute ({@code :} becomes {@code _}). */
    public static Column of(String attribute, Type type) {
        return new Column(attribute, attribute.replace(':', '_'), type, false);
    }

    /** A column that may hold NULL, named like the attribute. */
    public static Column nullable(String attribute, Type type) {
        return new Column(attribute, attribute.replace(':', '_'), type, true);
    }
}
