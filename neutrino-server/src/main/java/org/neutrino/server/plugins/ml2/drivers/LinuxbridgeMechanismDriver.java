package org.neutrino.server.plugins.ml2.drivers;

import java.util.Map;
import org.neutrino.rpc.agent.AgentTopics;

/**
 * Binds ports to hosts running a live Linux bridge agent that reaches the segment: local
 * always; flat and vlan when the physnet is in the agent's {@code interface_mappings} or
 * {@code bridge_mappings}; vxlan when the agent lists it in {@code tunnel_types}. {@code port_filter}
 * says whether the agent filters ports ({@link #portFilter}).
 */
public final class LinuxbridgeMechanismDriver extends AgentMechanismDriver {

    @Override
    public String name() {
        return "linuxbridge";
    }

    @Override
    protected String agentType() {
        return AgentTopics.LINUXBRIDGE_AGENT_TYPE;
    }

    @Override
    protected boolean reaches(Map<String, Object> configurations, Segment segment) {
        return switch (segment.networkType()) {
            case "local" -> true;
            case "flat", "vlan" -> mapped(configurations, "interface_mappings", segment)
                    || mapped(configurations, "bridge_mappings", segment);
            case "vxlan" -> listed(configurations, "tunnel_types", segment);
            default -> false;
        };
    }

    @Override
    protected Binding binding(Map<String, Object> configurations, Segment segment) {
        return new Binding(segment, "bridge", Map.of("port_filter", portFilter(configurations), "connectivity", "l2"));
    }
}
