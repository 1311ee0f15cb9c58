package org.neutrino.server.plugins.ml2.drivers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.neutrino.rpc.agent.AgentTopics;

/**
 * Binds ports to hosts running a live Open vSwitch agent that reaches the segment: local
 * always; flat and vlan when the physnet is in the agent's {@code bridge_mappings}; vxlan, gre
 * and geneve when the agent lists the type in {@code tunnel_types}. {@code binding:vif_type} is
 * {@code ovs}; {@code binding:vif_details} carry what the agent reports of its integration
 * bridge ({@code integration_bridge}, {@code datapath_type}, default {@code system}, and
 * {@code ovs_hybrid_plug}), as Nova's os-vif expects them, and {@code port_filter} ({@link #portFilter}).
 */
public final class OpenvswitchMechanismDriver extends AgentMechanismDriver {

    @Override
    public String name() {
        return "openvswitch";
    }

    @Override
    protected String agentType() {
        return AgentTopics.OPENVSWITCH_AGENT_TYPE;
    }

    @Override
    protected boolean reaches(Map<String, Object> configurations, Segment segment) {
        return switch (segment.networkType()) {
            case "local" -> true;
            case "flat", "vlan" -> mapped(configurations, "bridge_mappings", segment);
            case "vxlan", "gre", "geneve" -> listed(configurations, "tunnel_types", segment);
            default -> false;
        };
    }

    @Override
    protected Binding binding(Map<String, Object> configurations, Segment segment) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("port_filter", portFilter(configurations));
        details.put("connectivity", "l2");
        details.put("ovs_hybrid_plug", Boolean.TRUE.equals(configurations.get("ovs_hybrid_plug")));
        details.put("datapath_type", configurations.getOrDefault("datapath_type", "system"));
        if (configurations.get("integration_bridge") instanceof String bridge && !bridge.isEmpty()) {
            details.put("bridge_name", bridge);
        }
        return new Binding(segment, "ovs", details);
    }
}
