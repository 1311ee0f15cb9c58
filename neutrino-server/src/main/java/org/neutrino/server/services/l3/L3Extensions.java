package org.neutrino.server.services.l3;

import static org.neutrino.lib.api.AttributeDef.of;

import java.util.List;
import org.neutrino.lib.api.ActionDef;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.api.Validators;

/**
 * The API extensions of the router plugin, after neutron-lib's definitions, with the legacy
 * default policies of Neutron's {@code conf/policies/router.py} and {@code floatingip.py}.
 */
final class L3Extensions {
    private L3Extensions() {
    }

    static List<ExtensionDescriptor> all() {
        return List.of(
            ExtensionDescriptor.builder("external-net")
                .describedAs("Neutron external network", "Adds external network attribute to network resource.",
                        "2013-01-14T10:00:00-00:00")
                .attributes("networks", L3Attributes.external())
                .build(),
            ExtensionDescriptor.builder("router")
                .describedAs("Neutron L3 Router", "Router abstraction for basic L3 forwarding between L2 Neutron networks and "
                        + "access to external networks via a NAT gateway.", "2012-07-20T10:00:00-00:00")
                .collection(L3Attributes.routers())
                .collection(L3Attributes.floatingIps())
                .action(ActionDef.put("routers", "add_router_interface", L3Attributes.interfaceBody()))
                .action(ActionDef.put("routers", "remove_router_interface", L3Attributes.interfaceBody()))
                .writePolicy("create_router", "rule:regular_user")
                .writePolicy("create_router:external_gateway_info", "rule:admin_or_owner")
                .writePolicy("create_router:external_gateway_info:network_id", "rule:admin_or_owner")
                .writePolicy("create_router:external_gateway_info:enable_snat", "rule:admin_only")
                .writePolicy("create_router:external_gateway_info:external_fixed_ips", "rule:admin_only")
                .writePolicy("create_router:distributed", "rule:admin_only")
                .writePolicy("create_router:ha", "rule:admin_only")
                .policy("get_router", "rule:admin_or_owner")
                .policy("get_router:distributed", "rule:admin_only")
                .policy("get_router:ha", "rule:admin_only")
                .writePolicy("update_router", "rule:admin_or_owner")
                .writePolicy("update_router:external_gateway_info", "rule:admin_or_owner")
                .writePolicy("update_router:external_gateway_info:network_id", "rule:admin_or_owner")
                .writePolicy("update_router:external_gateway_info:enable_snat", "rule:admin_only")
                .writePolicy("update_router:external_gateway_info:external_fixed_ips", "rule:admin_only")
                .writePolicy("update_router:distributed", "rule:admin_only")
                .writePolicy("update_router:ha", "rule:admin_only")
                .writePolicy("delete_router", "rule:admin_or_owner")
                .writePolicy("add_router_interface", "rule:admin_or_owner")
                .writePolicy("remove_router_interface", "rule:admin_or_owner")
                .writePolicy("create_floatingip", "rule:regular_user")
                .writePolicy("create_floatingip:floating_ip_address", "rule:admin_only")
                .policy("get_floatingip", "rule:admin_or_owner")
                .writePolicy("update_floatingip", "rule:admin_or_owner")
                .writePolicy("delete_floatingip", "rule:admin_or_owner")
                .quota("router", L3Options.QUOTA_ROUTER)
                .quota("floatingip", L3Options.QUOTA_FLOATINGIP)
                .requires("external-net")
                .build(),
            ExtensionDescriptor.builder("fip-port-details")
                .describedAs("Floating IP Port Details Extension", "Add port_details attribute to Floating IP resource",
                        "2018-04-09T10:00:00-00:00")
                .attributes("floatingips", L3Attributes.portDetails())
                .requires("router")
                .build(),
            ExtensionDescriptor.builder("floatingip-pools")
                .describedAs("Floating IP Pools Extension", "Provides a floating IP pools API (GET /v2.0/floatingip_pools).",
                        "2018-03-21T10:00:00-00:00")
                .policy("get_floatingip_pool", "rule:regular_user")
                .requires("router")
                .build(),
            ExtensionDescriptor.builder("ext-gw-mode")
                .describedAs("Neutron L3 Configurable external gateway mode", "Extension of the router abstraction for specifying "
                        + "whether SNAT should occur on the external gateway", "2013-03-28T10:00:00-00:00")
                .requires("router")
                .build(),
            ExtensionDescriptor.builder("extraroute")
                .describedAs("Neutron Extra Route", "Extra routes configuration for L3 router", "2013-02-01T10:00:00-00:00")
                .attributes("routers", L3Attributes.routes())
                .requires("router")
                .build(),
            ExtensionDescriptor.builder("extraroute-atomic")
                .describedAs("Atomically add/remove extra routes", "Edit extra routes of a router on server side by atomically "
                        + "adding/removing extra routes", "2019-07-10T00:00:00-00:00")
                .action(ActionDef.putWrapped("routers", "add_extraroutes", "router", L3Attributes.extraRoutesBody()))
                .action(ActionDef.putWrapped("routers", "remove_extraroutes", "router", L3Attributes.extraRoutesBody()))
                .writePolicy("add_extraroutes", "rule:admin_or_owner")
                .writePolicy("remove_extraroutes", "rule:admin_or_owner")
                .requires("extraroute")
                .build(),
            ExtensionDescriptor.builder("l3_agent_scheduler")
                .describedAs("L3 Agent Scheduler", "Schedule routers among l3 agents", "2013-02-07T10:00:00-00:00")
                .subResource("agents", "l3-routers")
                .subResource("routers", "l3-agents")
                .writePolicy("create_l3-router", "rule:admin_only")
                .policy("get_l3-routers", "rule:admin_only")
                .writePolicy("delete_l3-router", "rule:admin_only")
                .policy("get_l3-agents", "rule:admin_only")
                .requires("router", "agent")
                .build(),
            ExtensionDescriptor.builder("dvr")
                .describedAs("Distributed Virtual Router", "Enables configuration of Distributed Virtual Routers (only "
                        + "distributed = false is served).", "2014-06-1T10:00:00-00:00")
                .attributes("routers", L3Attributes.adminFlag("distributed"))
                .requires("router")
                .build(),
            ExtensionDescriptor.builder("l3-ha")
                .describedAs("HA Router extension", "Adds HA capability to routers (only ha = false is served).",
                        "2014-04-26T00:00:00-00:00")
                .attributes("routers", L3Attributes.adminFlag("ha"))
                .requires("router")
                .build(),
            ExtensionDescriptor.builder("router_availability_zone")
                .describedAs("Router Availability Zone", "Availability zone support for router.", "2015-01-01T10:00:00-00:00")
                .attributes("routers", of("availability_zones").build(),
                        of("availability_zone_hints").post().defaultValue(List.of()).validate(Validators.AVAILABILITY_ZONE_HINTS).build())
                .requires("router", "availability_zone")
                .build());
    }
}
