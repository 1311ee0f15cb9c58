package org.neutrino.server.services.portforwarding;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neutrino.db.l3.L3Store;
import org.neutrino.server.callbacks.Event;
import org.neutrino.server.callbacks.ResourceEvent;
import org.neutrino.server.callbacks.Resources;
import org.neutrino.server.config.ServerOptions;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;

/**
 * Port forwardings of floating IPs. Its rules about other plugins' resources: a deleted port loses
 * its forwardings (a port losing an address, those to it), and a floating IP with forwardings is never associated with a port nor the
 * reverse ({@link FloatingIpForwardings}). The router plugin tells the agents on this plugin's
 * events and hands them the forwardings in {@code sync_routers}.
 */
final class PortForwardingPlugin implements ServicePlugin {
    private final PortForwardingsResource forwardings;

    PortForwardingPlugin(ServerContext context) {
        ForwardingTargets targets = new ForwardingTargets(context.core(), new L3Store());
        this.forwardings = new PortForwardingsResource(PortForwardingExtensions.portForwardings(), context.database(), context.policy(),
                context.tags(), context.config().get(ServerOptions.PAGINATION_MAX_LIMIT), targets, context.callbacks());
        context.callbacks().subscribe(Resources.PORT, Event.PRECOMMIT_DELETE, e -> portChanged(e, Set.of()));
        context.callbacks().subscribe(Resources.PORT, Event.PRECOMMIT_UPDATE, e -> portChanged(e, fixedAddresses(e.latest())));
    }

    @Override
    public void register(Registrar registrar) {
        registrar.subResource("floatingips", PortForwardingExtensions.COLLECTION, forwardings);
        registrar.attributes(new FloatingIpForwardings());
    }

    /**
     * A deleted port's forwardings go with it, and a port's forwardings to an address it no longer
     * has go (Neutron's {@code _process_port_request}).
     */
    private void portChanged(ResourceEvent event, Set<String> kept) {
        List<String> floatingIps = event.handle().createQuery("SELECT DISTINCT floatingip_id FROM portforwardings "
                        + "WHERE internal_neutron_port_id = :p ORDER BY floatingip_id")
                .bind("p", event.resourceId()).mapTo(String.class).list();
        for (String floatingIp : floatingIps) {
            forwardings.of(floatingIp).portChanged(event.handle(), event.context(), event.resourceId(), kept);
        }
    }

    private static Set<String> fixedAddresses(Map<String, Object> port) {
        Set<String> out = new HashSet<>();
        for (Object fixedIp : (List<?>) port.getOrDefault("fixed_ips", List.of())) {
            out.add(String.valueOf(((Map<?, ?>) fixedIp).get("ip_address")));
        }
        return out;
    }
}
