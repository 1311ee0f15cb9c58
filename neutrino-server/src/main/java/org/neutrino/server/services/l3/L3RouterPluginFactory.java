package org.neutrino.server.services.l3;

import java.util.List;
import java.util.Set;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.config.Opt;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.plugins.ServicePluginFactory;

/** {@code [DEFAULT] service_plugins = router}: Neutron's L3 router plugin. */
public final class L3RouterPluginFactory implements ServicePluginFactory {
    @Override
    public String name() {
        return "router";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("neutron.services.l3_router.l3_router_plugin.L3RouterPlugin");
    }

    @Override
    public List<Opt<?>> options() {
        return L3Options.all();
    }

    @Override
    public List<ExtensionDescriptor> extensions(Config config) {
        return L3Extensions.all();
    }

    @Override
    public ServicePlugin create(ServerContext context) {
        return new L3RouterPlugin(context);
    }
}
