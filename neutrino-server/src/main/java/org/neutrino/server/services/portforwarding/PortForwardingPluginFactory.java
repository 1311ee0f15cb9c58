package org.neutrino.server.services.portforwarding;

import java.util.List;
import java.util.Set;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.config.Config;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.plugins.ServicePluginFactory;

/** {@code [DEFAULT] service_plugins = router,port_forwarding}: Neutron's port forwarding plugin. */
public final class PortForwardingPluginFactory implements ServicePluginFactory {
    @Override
    public String name() {
        return "port_forwarding";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("neutron.services.portforwarding.pf_plugin.PFPlugin");
    }

    @Override
    public List<ExtensionDescriptor> extensions(Config config) {
        return PortForwardingExtensions.all();
    }

    @Override
    public ServicePlugin create(ServerContext context) {
        return new PortForwardingPlugin(context);
    }
}
