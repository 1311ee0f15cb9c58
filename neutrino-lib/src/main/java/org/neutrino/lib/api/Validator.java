package org.neutrino.lib.api;

/**
 * Checks a converted attribute value, like Neutron's {@code validate} entries. Returns
 * {@code null} when valid, else the message that follows "Invalid input for &lt;attr&gt;. Reason: ".
 */
@FunctionalInterface
public interface Validator {
    String validate(Object value);
}
