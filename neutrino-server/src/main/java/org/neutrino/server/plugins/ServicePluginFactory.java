package org.neutrino.server.plugins;

import java.util.List;
import java.util.Set;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.Opt;

/**
 * A plugin the server can load, found by the name {@code [DEFAULT] service_plugins} gives it
 * (Neutron's entry point). The server first gathers every loaded plugin's descriptors, so that
 * each collection's attribute table is complete, then builds the plugins.
 */
public interface ServicePluginFactory {

    /** The name in {@code service_plugins}, e.g. {@code router}. */
    String name();

    /** Other names Neutron's configuration files use for it (its class path). */
    default Set<String> aliases() {
        return Set.of();
    }

    /** The options the plugin reads (for the sample configuration and unknown-option warnings). */
    default List<Opt<?>> options() {
        return List.of();
    }

    /** The API extensions the plugin implements, as configured. */
    List<ExtensionDescriptor> extensions(Config config);

    /** Builds the plugin. */
    ServicePlugin create(ServerContext context);
}
