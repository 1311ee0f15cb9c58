package org.neutrino.lib.config;

/**
 * A configuration that cannot be used: a missing or unparsable file, or an option whose value
 * is not valid for its type. The message names the file, the section and the option; it never
 * contains the value of a secret option. Raised at start-up, so the process refuses to run.
 */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
