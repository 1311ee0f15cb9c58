package org.neutrino.server.plugins.ml2.drivers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mechanism driver whose ports are wired by an L2 agent on the host (Neutron's
 * {@code AgentMechanismDriverBase}): it binds to the first segment the host's live agent of its
 * type reaches, as that agent's reported {@code configurations} say.
 */
public abstract class AgentMechanismDriver implements MechanismDriver {

    /** The {@code agent_type} of the agents that wire this driver's ports. */
    protected abstract String agentType();

    /** Whether an agent with {@code configurations} can wire a port on {@code segment}. */
    protected abstract boolean reaches(Map<String, Object> configurations, Segment segment);

    /** The binding of a port on {@code segment}, wired by the agent with {@code configurations}. */
    protected abstract Binding binding(Map<String, Object> configurations, Segment segment);

    @Override
    public final Optional<Binding> bind(List<Segment> segments, Map<String, Map<String, Object>> hostAgents) {
        Map<String, Object> configurations = hostAgents.get(agentType());
        if (configurations == null) {
            return Optional.empty();
        }
        return segments.stream().filter(segment -> reaches(configurations, segment)).findFirst()
                .map(segment -> binding(configurations, segment));
    }

    /**
     * {@code binding:vif_details.port_filter}: whether the agent filters the port's traffic
     * (security groups). True only when the agent reports a {@code firewall_driver} in its
     * configuration and it is not {@code noop}; an agent that says nothing filters nothing that
     * the server knows of, so Nova is not told that a firewall protects the port.
     */
    protected static boolean portFilter(Map<String, Object> configurations) {
        return configurations.get("firewall_driver") instanceof String driver && !driver.isBlank() && !driver.equals("noop");
    }

    /** Whether the physnet of {@code segment} is a key of the mapping option {@code key}. */
    protected static boolean mapped(Map<String, Object> configurations, String key, Segment segment) {
        return configurations.get(key) instanceof Map<?, ?> map && map.containsKey(segment.physicalNetwork());
    }

    /** Whether the list option {@code key} holds the type of {@code segment}. */
    protected static boolean listed(Map<String, Object> configurations, String key, Segment segment) {
        return configurations.get(key) instanceof Collection<?> values && values.contains(segment.networkType());
    }
}
