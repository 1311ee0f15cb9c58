package org.neutrino.server.services.addressgroups;

import java.util.List;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.config.Config;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.plugins.ServicePluginFactory;

/** Built in, as Neutron's ML2 plugin serves {@code address-group} itself. */
public final class AddressGroupsPluginFactory implements ServicePluginFactory {

    @Override
    public String name() {
        return "address-group";
    }

    @Override
    public List<ExtensionDescriptor> extensions(Config config) {
        return List.of(AddressGroupExtensions.addressGroup());
    }

    @Override
    public ServicePlugin create(ServerContext context) {
        return new AddressGroupsPlugin(context);
    }
}
