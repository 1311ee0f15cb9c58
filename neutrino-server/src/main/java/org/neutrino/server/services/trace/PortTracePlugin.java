package org.neutrino.server.services.trace;

import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;

/**
 * {@code neutrino trace}'s server side: {@code GET /v2.0/ports/{id}/trace} and, with the
 * {@code router} plugin, {@code GET /v2.0/floatingips/{id}/trace}, answered with the agents' help.
 */
final class PortTracePlugin implements ServicePlugin {
    private final PortTraceService ports;
    private final FloatingIpTraceService floatingIps;

    PortTracePlugin(ServerContext context) {
        this.ports = new PortTraceService(context.database(), context.core(), context.agents(), context.policy(), context.bus());
        this.floatingIps = PortTracePluginFactory.routerLoaded(context.config())
                ? new FloatingIpTraceService(context.database(), context.core(), context.agents(), context.policy(), ports)
                : null;
    }

    @Override
    public void register(Registrar registrar) {
        registrar.subResource("ports", "trace", ports::trace);
        if (floatingIps != null) {
            registrar.subResource("floatingips", "trace", floatingIps::trace);
        }
    }
}
