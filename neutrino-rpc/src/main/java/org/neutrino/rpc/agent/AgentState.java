package org.neutrino.rpc.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What an agent reports in {@code report_state}: who it is and how it is configured.
 *
 * @param binary         e.g. {@code neutrino-linuxbridge-agent}
 * @param host           the host it serves
 * @param topic          its topic ({@code dhcp_agent}, or {@code N/A})
 * @param agentType      {@link AgentTopics#LINUXBRIDGE_AGENT_TYPE}, {@link AgentTopics#DHCP_AGENT_TYPE}
 * @param configurations free-form; the linuxbridge agent reports {@code interface_mappings}
 *                       (physnet → interface), {@code tunnel_types} ({@code ["vxlan"]}),
 *                       {@code tunneling_ip}, {@code l2_population}, {@code devices}
 * @param startFlag      true on the first report after a start
 * @param availabilityZone the zone of a DHCP or L3 agent ({@code [AGENT] availability_zone}),
 *                       {@code null} for agents without one
 */
public record AgentState(String binary, String host, String topic,
                         @JsonProperty("agent_type") String agentType,
                         Map<String, Object> configurations,
                         @JsonProperty("start_flag") boolean startFlag,
                         @JsonProperty("availability_zone") String availabilityZone) {

    /** The state of an agent without an availability zone (L2 agents). */
    public AgentState(String binary, String host, String topic, String agentType, Map<String, Object> configurations,
                      boolean startFlag) {
        this(binary, host, topic, agentType, configurations, startFlag, null);
    }
}
