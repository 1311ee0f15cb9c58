package org.neutrino.server.services.subnetpools;

import java.util.List;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.Opt;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.plugins.ServicePluginFactory;

/**
 * Built in, as Neutron's core plugin provides {@code subnet_allocation},
 * {@code default-subnetpools}, {@code subnetpool-prefix-ops} and {@code address-scope} itself.
 */
public final class SubnetPoolsPluginFactory implements ServicePluginFactory {

    @Override
    public String name() {
        return "subnet_allocation";
    }

    @Override
    public List<Opt<?>> options() {
        return SubnetPoolOptions.all();
    }

    @Override
    public List<ExtensionDescriptor> extensions(Config config) {
        return SubnetPoolExtensions.all();
    }

    @Override
    public ServicePlugin create(ServerContext context) {
        return new SubnetPoolsPlugin(context);
    }
}
