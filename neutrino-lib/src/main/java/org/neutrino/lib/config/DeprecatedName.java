package org.neutrino.lib.config;

/**
 * An older place of an option (oslo {@code DeprecatedOpt}): a value found there is still used,
 * with a warning, when the option's current place is not set.
 *
 * @param group the old section
 * @param name  the old option name
 */
public record DeprecatedName(String group, String name) {
    public DeprecatedName {
        Opt.requireWord("group", group);
        Opt.requireWord("name", name);
    }
}
