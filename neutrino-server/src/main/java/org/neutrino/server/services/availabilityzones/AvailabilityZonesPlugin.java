package org.neutrino.server.services.availabilityzones;

import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;

/** Availability zones: listed from the agents, hinted and derived on networks. */
final class AvailabilityZonesPlugin implements ServicePlugin {
    private final ServerContext context;

    AvailabilityZonesPlugin(ServerContext context) {
        this.context = context;
    }

    @Override
    public void register(Registrar registrar) {
        registrar.controller("availability_zones", new AvailabilityZonesController(context.database(), context.policy()));
        registrar.attributes(AvailabilityZoneAttributes.networks());
    }
}
