package org.neutrino.lib.api;

/**
 * Turns a client value (parsed JSON, or a query-string string) into the canonical value of an
 * attribute, like Neutron's {@code convert_to}. Throws {@link
 * org.neutrino.lib.exceptions.NeutronException} 400 when the value cannot be converted.
 */
@FunctionalInterface
public interface Converter {
    Converter IDENTITY = (attribute, value) -> value;

    Object convert(String attribute, Object value);
}
