package org.neutrino.lib.config;

/**
 * An option set in a configuration source that no component declared.
 *
 * @param group the section as written in the file
 * @param name  the option name as written in the file
 * @param value where it was set
 */
public record UnknownOption(String group, String name, ConfigValue value) {
}
