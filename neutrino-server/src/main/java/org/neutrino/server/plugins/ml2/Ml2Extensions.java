package org.neutrino.server.plugins.ml2;

import java.util.List;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.api.ExtensionDescriptor;

/** The API extensions ML2 implements: provider networks, port binding, MTU, agents and DHCP scheduling. */
final class Ml2Extensions {
    private Ml2Extensions() {
    }

    static List<ExtensionDescriptor> all() {
        return List.of(
            ExtensionDescriptor.builder("provider")
                .describedAs("Provider Network", "provider:network_type, provider:physical_network and provider:segmentation_id of networks (admin only).",
                        "2012-09-07T10:00:00-00:00")
                .attributes("networks", CoreResources.provider())
                .build(),
            ExtensionDescriptor.builder("multi-provider")
                .describedAs("Multi Provider Network", "Networks made of several segments (segments attribute).",
                        "2013-06-27T10:00:00-00:00")
                .attributes("networks", CoreResources.multiProviderSegments())
                .build(),
            ExtensionDescriptor.builder("binding")
                .describedAs("Port Binding", "Port attributes saying where and how a port is bound (binding:host_id, vif_type, vif_details, vnic_type, profile).",
                        "2014-02-03T10:00:00-00:00")
                .attributes("ports", CoreResources.portBinding())
                .build(),
            ExtensionDescriptor.builder("net-mtu")
                .describedAs("Network MTU", "The mtu attribute of networks.",
                        "2015-03-25T10:00:00-00:00")
                .build(),
            ExtensionDescriptor.builder("net-mtu-writable")
                .describedAs("Network MTU (writable)", "The mtu of a network can be set on create and update.",
                        "2017-07-12T00:00:00-00:00")
                .build(),
            ExtensionDescriptor.builder("network-ip-availability")
                .describedAs("Network IP Availability", "Total and used addresses per network and subnet.",
                        "2015-09-24T00:00:00-00:00")
                .build(),
            ExtensionDescriptor.builder("agent")
                .describedAs("agent", "The agents of each host, their heartbeats and configuration (GET/PUT/DELETE /v2.0/agents).",
                        "2013-02-03T10:00:00-00:00")
                .build(),
            ExtensionDescriptor.builder("dhcp_agent_scheduler")
                .describedAs("DHCP Agent Scheduler", "Which DHCP agents serve which network, and changing it.",
                        "2013-02-07T10:00:00-00:00")
                .subResource("agents", "dhcp-networks")
                .subResource("networks", "dhcp-agents")
                .build());
    }
}
