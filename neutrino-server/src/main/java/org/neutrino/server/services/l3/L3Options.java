package org.neutrino.server.services.l3;

import java.util.List;
import org.neutrino.lib.config.Opt;

/** The router plugin's options, with Neutron's sections and names. */
public final class L3Options {
    private L3Options() {
    }

    public static final Opt<Boolean> ENABLE_SNAT_BY_DEFAULT = Opt.bool("DEFAULT", "enable_snat_by_default", true,
            "The enable_snat of a router gateway when the request does not say.");
    public static final Opt<Integer> MAX_ROUTES = Opt.integer("DEFAULT", "max_routes", 30, 0, null,
            "Maximum number of extra routes per router.");
    public static final Opt<Boolean> ROUTER_AUTO_SCHEDULE = Opt.bool("DEFAULT", "router_auto_schedule", true,
            "Schedule routers with a gateway or an interface to the least loaded live L3 agent, and give a new L3 agent the routers that have none.");
    public static final Opt<Boolean> ALLOW_AUTOMATIC_L3AGENT_FAILOVER = Opt.bool("DEFAULT", "allow_automatic_l3agent_failover", false,
            "Move the routers of an L3 agent that stopped reporting (agent_down_time) to live L3 agents; checked whenever an L3 agent reports its state.");
    public static final Opt<Integer> QUOTA_ROUTER = Opt.integer("quotas", "quota_router", 10, -1, null,
            "Number of routers allowed per project; -1 for unlimited.");
    public static final Opt<Integer> QUOTA_FLOATINGIP = Opt.integer("quotas", "quota_floatingip", 50, -1, null,
            "Number of floating IPs allowed per project; -1 for unlimited.");

    public static List<Opt<?>> all() {
        return List.of(ENABLE_SNAT_BY_DEFAULT, MAX_ROUTES, ROUTER_AUTO_SCHEDULE, ALLOW_AUTOMATIC_L3AGENT_FAILOVER, QUOTA_ROUTER,
                QUOTA_FLOATINGIP);
    }
}
