package org.neutrino.server.services.metadata;

import java.util.List;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.config.Config;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.plugins.ServicePluginFactory;

/**
 * Built in, as Neutron's core plugin answers its metadata agents itself: the server's side of the
 * metadata agent ({@code get_metadata_instance}), no API extension.
 */
public final class MetadataPluginFactory implements ServicePluginFactory {

    @Override
    public String name() {
        return "metadata";
    }

    @Override
    public List<ExtensionDescriptor> extensions(Config config) {
        return List.of();
    }

    @Override
    public ServicePlugin create(ServerContext context) {
        return new MetadataPlugin(context);
    }
}
