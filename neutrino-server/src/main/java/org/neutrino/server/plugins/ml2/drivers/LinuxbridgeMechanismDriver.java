package org.neutrino.server.plugins.ml2.drivers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neutrino.rpc.agent.AgentTopics;

/**
 * Binds ports to hosts running a live Linux bridge agent that reaches the segment: local
 * always; flat and vlan when the physnet is in the agent's {@code interface_mappings} or
 * {@code bridge_mappings}; vxlan when the agent lists it in {@code tunnel_types}.
 */
public final class LinuxbridgeMechanismDriver implements MechanismDriver {

    @Override
    public String name() {
        return "linuxbridge";
    }

    @Override
    public Optional<Binding> bind(List<Segment> segments, Map<String, Map<String, Object>> hostAgents) {
        Map<String, Object> agent = hostAgents.get(AgentTopics.LINUXBRIDGE_AGENT_TYPE);
        if (agent == null) {
            return Optional.empty();
        }
        for (Segment segment : segments) {
            if (reaches(agent, segment)) {
                return Optional.of(new Binding(segment, "bridge", Map.of("port_filter", true, "connectivity", "l2")));
            }
        }
        return Optional.empty();
    }

    private static boolean reaches(Map<String, Object> agent, Segment segment) {
        return switch (segment.networkType()) {
            case "local" -> true;
            case "flat", "vlan" -> mapped(agent.get("interface_mappings"), segment.physicalNetwork())
                    || mapped(agent.get("bridge_mappings"), segment.physicalNetwork());
            case "vxlan" -> agent.get("tunnel_types") instanceof Collection<?> types && types.contains("vxlan");
            default -> false;
        };
    }

    private static boolean mapped(Object mappings, String physnet) {
        return mappings instanceof Map<?, ?> map && map.containsKey(physnet);
    }
}
