package org.neutrino.server.agents;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.agents.AgentStore;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.server.api.JsonCodec;

/**
 * What the server knows of its agents: registration by heartbeat, liveness
 * ({@code [DEFAULT] agent_down_time}), and their API representation.
 */
public final class Agents {
    private final AgentStore store;
    private final Duration downTime;
    private final Clock clock;

    public Agents(AgentStore store, Duration downTime, Clock clock) {
        this.store = store;
        this.downTime = downTime;
        this.clock = clock;
    }

    public AgentStore store() {
        return store;
    }

    /** Whether the agent reported within {@code agent_down_time}. */
    public boolean isAlive(AgentRow agent) {
        return Instant.parse(agent.heartbeatTimestamp()).plus(downTime).isAfter(clock.instant());
    }

    /** Alive agents of a type on a host that are administratively up. */
    public List<AgentRow> usable(Handle h, String agentType, String host) {
        return store.byTypeAndHost(h, agentType, host).filter(a -> a.adminStateUp() && isAlive(a)).stream().toList();
    }

    public static Map<String, Object> configurations(AgentRow agent) {
        try {
            return JsonCodec.mapper().readValue(agent.configurations(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** The agent as {@code GET /v2.0/agents} shows it. */
    public Map<String, Object> render(AgentRow agent) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", agent.id());
        out.put("agent_type", agent.agentType());
        out.put("binary", agent.binary());
        out.put("topic", agent.topic());
        out.put("host", agent.host());
        out.put("admin_state_up", agent.adminStateUp());
        out.put("created_at", apiTime(agent.createdAt()));
        out.put("started_at", apiTime(agent.startedAt()));
        out.put("heartbeat_timestamp", apiTime(agent.heartbeatTimestamp()));
        out.put("description", agent.description());
        out.put("alive", isAlive(agent));
        out.put("configurations", configurations(agent));
        out.put("availability_zone", agent.availabilityZone());
        out.put("resources_synced", null);
        return out;
    }

    /** Neutron shows agent times as {@code YYYY-MM-DD HH:MM:SS}. */
    private static String apiTime(String iso) {
        return iso.replace('T', ' ').replace("Z", "");
    }
}
