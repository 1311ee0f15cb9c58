package org.neutrino.server.services.l3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neutrino.db.Database;
import org.neutrino.db.l3.L3Store;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.callbacks.Event;
import org.neutrino.server.callbacks.ResourceEvent;
import org.neutrino.server.callbacks.Resources;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.services.availabilityzones.AvailabilityZoneAttributes;
import org.neutrino.server.plugins.ServicePlugin;

/**
 * The L3 router plugin: external networks, routers with their gateways, interfaces and extra
 * routes, floating IPs. Its rules about other plugins' resources are callbacks: a router's or
 * floating IP's port cannot be deleted through the port API, a deleted port loses its floating
 * IPs, a network used by gateways or floating IPs stays external, and a change of a floating IP's
 * port forwardings (the port forwarding plugin's events) is told to its router's agent.
 */
final class L3RouterPlugin implements ServicePlugin {
    private final Database database;
    private final L3Store store;
    private final RouterHandler routers;
    private final RouterInterfaces interfaces;
    private final FloatingIpHandler floatingIps;
    private final FloatingIpPoolsController pools;
    private final L3Rpc rpc;
    private final L3AgentScheduling agentScheduling;

    L3RouterPlugin(ServerContext context) {
        Config config = context.config();
        this.database = context.database();
        this.store = new L3Store();
        L3Notifier notifier = new L3Notifier(context.bus(), store, context.agents().store());
        L3Scheduler scheduler = new L3Scheduler(context.agents(), store, context.core(), config.get(L3Options.ROUTER_AUTO_SCHEDULE));
        RouterGateway gateway = new RouterGateway(context.core(), store, config.get(L3Options.ENABLE_SNAT_BY_DEFAULT));
        this.routers = new RouterHandler(context.definitions().collection("routers"), database, context.tags(), context.quotas(),
                store, gateway, new ExtraRoutes(store, config.get(L3Options.MAX_ROUTES)), scheduler, notifier, context.attributes());
        this.interfaces = new RouterInterfaces(database, context.core(), store, routers, scheduler);
        this.floatingIps = new FloatingIpHandler(context.definitions().collection("floatingips"), database, context.tags(),
                context.quotas(), context.core(), store, notifier, context.attributes());
        this.pools = new FloatingIpPoolsController(database, context.policy());
        this.rpc = new L3Rpc(database, context.agents().store(), store, floatingIps);
        this.agentScheduling = new L3AgentScheduling(database, context.agents(), context.policy(), store, scheduler, notifier, routers,
                config.get(L3Options.ALLOW_AUTOMATIC_L3AGENT_FAILOVER));
        context.callbacks().subscribe(Resources.AGENT, Event.AFTER_CREATE, agentScheduling::agentReported);
        context.callbacks().subscribe(Resources.AGENT, Event.AFTER_UPDATE, agentScheduling::agentReported);
        context.callbacks().subscribe(Resources.PORT, Event.PRECOMMIT_DELETE, this::refuseDeletingRouterPorts);
        context.callbacks().subscribe(Resources.PORT, Event.PRECOMMIT_DELETE, e -> floatingIps.portDeleted(e.handle(), e.resourceId()));
        context.callbacks().subscribe(Resources.NETWORK, Event.PRECOMMIT_UPDATE, this::keepExternalWhileUsed);
        for (Event event : List.of(Event.PRECOMMIT_CREATE, Event.PRECOMMIT_UPDATE, Event.PRECOMMIT_DELETE)) {
            context.callbacks().subscribe(Resources.PORT_FORWARDING, event, e -> notifier.routersUpdated(e.handle(),
                    List.of((String) (e.latest() != null ? e.latest() : e.original()).get("router_id"))));
        }
    }

    @Override
    public void register(Registrar registrar) {
        registrar.collection(routers);
        registrar.collection(floatingIps);
        registrar.controller("floatingip_pools", pools);
        registrar.subResource("agents", "l3-routers", agentScheduling::l3Routers);
        registrar.subResource("routers", "l3-agents", agentScheduling::routerL3Agents);
        registrar.rpc(AgentTopics.SYNC_ROUTERS, rpc::syncRouters);
        registrar.rpc(AgentTopics.UPDATE_FLOATINGIP_STATUSES, rpc::updateFloatingIpStatuses);
        registrar.attributes(new ExternalNetworkAttribute(store));
        registrar.attributes(AvailabilityZoneAttributes.routers());
        registrar.action("routers", "add_router_interface", interfaces::add);
        registrar.action("routers", "remove_router_interface", interfaces::remove);
        registrar.action("routers", "add_extraroutes", (context, router, body) -> editRoutes(context, router, body, true));
        registrar.action("routers", "remove_extraroutes", (context, router, body) -> editRoutes(context, router, body, false));
    }

    /** A port a router owns goes with its interface or gateway, never on its own (Neutron's {@code prevent_l3_port_deletion}). */
    private void refuseDeletingRouterPorts(ResourceEvent event) {
        if (store.routerOfPort(event.handle(), event.resourceId()).isPresent()
                || floatingIps.isFloatingIpPort(event.handle(), event.resourceId())) {
            throw NeutronException.conflict("ServicePortInUse", "Port " + event.resourceId() + " cannot be deleted directly via "
                    + "the port API: has device owner " + event.original().get("device_owner") + ".");
        }
    }

    /** A network with router gateways or floating IPs cannot stop being external. */
    private void keepExternalWhileUsed(ResourceEvent event) {
        if (Boolean.TRUE.equals(event.original().get(L3Attributes.EXTERNAL)) && Boolean.FALSE.equals(event.latest().get(L3Attributes.EXTERNAL))
                && store.externalUsers(event.handle(), event.resourceId()) > 0) {
            throw NeutronException.conflict("ExternalNetworkInUse", "External network " + event.resourceId()
                    + " cannot be updated to be made non-external, since it has existing gateway ports.");
        }
    }

    /** add_extraroutes / remove_extraroutes: the union or difference with the router's routes, atomically. */
    private Map<String, Object> editRoutes(RequestContext context, Map<String, Object> router, Map<String, Object> body, boolean add) {
        String id = (String) router.get("id");
        List<?> given = (List<?>) body.getOrDefault("routes", List.of());
        Map<String, Object> updated = database.inTransaction(h -> {
            List<Object> routes = new ArrayList<>((List<?>) routers.lock(h, id).get("routes"));
            for (Object route : given) {
                routes.remove(route);
                if (add) {
                    routes.add(route);
                }
            }
            return routers.replaceRoutes(h, id, routes);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        for (AttributeDef attribute : routers.definition().attributes().values()) {
            boolean adminOnly = attribute.name().equals("distributed") || attribute.name().equals("ha");
            if (attribute.visible() && updated.containsKey(attribute.name()) && (!adminOnly || context.isAdmin())) {
                out.put(attribute.name(), updated.get(attribute.name()));
            }
        }
        return Map.of("router", out);
    }
}
