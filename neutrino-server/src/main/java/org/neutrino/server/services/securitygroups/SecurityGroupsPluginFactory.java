package org.neutrino.server.services.securitygroups;

import java.util.List;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.Opt;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.plugins.ServicePluginFactory;

/** The built-in security-group plugin: always loaded, as Neutron's ML2 provides security groups itself. */
public final class SecurityGroupsPluginFactory implements ServicePluginFactory {

    @Override
    public String name() {
        return "security-group";
    }

    @Override
    public List<Opt<?>> options() {
        return SecurityGroupOptions.all();
    }

    @Override
    public List<ExtensionDescriptor> extensions(Config config) {
        return SecurityGroupExtensions.all(config);
    }

    @Override
    public ServicePlugin create(ServerContext context) {
        return new SecurityGroupsPlugin(context);
    }
}
