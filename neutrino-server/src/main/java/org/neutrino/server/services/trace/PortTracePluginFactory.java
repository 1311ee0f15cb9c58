package org.neutrino.server.services.trace;

import java.util.List;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.config.Config;
import org.neutrino.server.config.ServerOptions;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.plugins.ServicePluginFactory;

/**
 * The built-in trace plugin (Neutrino's own extension {@code neutrino-trace}, no Neutron
 * counterpart): where a port's connectivity stops, asked of the agents of its hosts.
 */
public final class PortTracePluginFactory implements ServicePluginFactory {

    @Override
    public String name() {
        return "trace";
    }

    @Override
    public List<ExtensionDescriptor> extensions(Config config) {
        ExtensionDescriptor.Builder trace = ExtensionDescriptor.builder("neutrino-trace")
                .describedAs("Neutrino trace", "GET /v2.0/ports/{id}/trace: every hop of a port's path (tap, bridge, VXLAN and "
                        + "its FDB, security-group chains, DHCP namespace and host entry) as the model expects it and as the "
                        + "hosts' agents see it, with a verdict per hop; ?probe=true also pings along the path and tells where "
                        + "the echo requests stopped (admin only).", "2026-12-03T00:00:00-00:00")
                .subResource("ports", "trace")
                .policy("get_port_trace", "rule:admin_only");
        if (routerLoaded(config)) {
            trace.subResource("floatingips", "trace").policy("get_floatingip_trace", "rule:admin_only");
        }
        return List.of(trace.build());
    }

    /** Whether {@code [DEFAULT] service_plugins} loads the router plugin (floating IPs exist). */
    static boolean routerLoaded(Config config) {
        return config.get(ServerOptions.SERVICE_PLUGINS).stream().anyMatch(n -> n.equals("router") || n.endsWith("L3RouterPlugin"));
    }

    @Override
    public ServicePlugin create(ServerContext context) {
        return new PortTracePlugin(context);
    }
}
