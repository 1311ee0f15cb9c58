package org.neutrino.server.services.availabilityzones;

import java.util.List;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.config.Config;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.plugins.ServicePluginFactory;

/**
 * Built in, as Neutron's ML2 plugin provides {@code availability_zone} and
 * {@code network_availability_zone} itself (from its agents' {@code availability_zone}).
 */
public final class AvailabilityZonesPluginFactory implements ServicePluginFactory {

    @Override
    public String name() {
        return "availability_zone";
    }

    @Override
    public List<ExtensionDescriptor> extensions(Config config) {
        return AvailabilityZoneExtensions.all();
    }

    @Override
    public ServicePlugin create(ServerContext context) {
        return new AvailabilityZonesPlugin(context);
    }
}
