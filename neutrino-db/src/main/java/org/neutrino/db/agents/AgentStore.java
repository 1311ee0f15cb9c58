package org.neutrino.db.agents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ResourceTable;

/** Agents (one row per agent type and host, refreshed by heartbeats) and DHCP scheduling. */
public final class AgentStore {

    /**
     * A stored agent.
     *
     * @param configurations JSON text
     */
    public record AgentRow(String id, String agentType, String binary, String topic, String host, boolean adminStateUp,
                           String description, String configurations, String createdAt, String startedAt,
                           String heartbeatTimestamp, String availabilityZone) {
    }

    private static final String COLUMNS = "id, agent_type, binary_name, topic, host, admin_state_up, description, "
            + "configurations, created_at, started_at, heartbeat_timestamp, availability_zone";

    private static List<AgentRow> query(Handle h, String where, Map<String, Object> binds) {
        return h.createQuery("SELECT " + COLUMNS + " FROM agents" + where + " ORDER BY agent_type, host")
                .bindMap(binds)
                .map((rs, ctx) -> new AgentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getString(12)))
                .list();
    }

    /**
     * Records a heartbeat: creates the agent on its first report, else refreshes its
     * configuration and heartbeat ({@code started_at} too when the agent restarted). Returns
     * the row and whether it is new.
     */
    public Map.Entry<AgentRow, Boolean> heartbeat(Handle h, String agentType, String binary, String topic, String host,
                                                  String configurations, String availabilityZone, boolean started) {
        String now = ResourceTable.now();
        Optional<AgentRow> existing = byTypeAndHost(h, agentType, host);
        if (existing.isEmpty()) {
            String id = UUID.randomUUID().toString();
            h.createUpdate("INSERT INTO agents (" + COLUMNS + ") VALUES (:id, :type, :binary, :topic, :host, TRUE, '', :conf, "
                            + ":now, :now, :now, :az)")
                    .bind("id", id).bind("type", agentType).bind("binary", binary).bind("topic", topic).bind("host", host)
                    .bind("conf", configurations).bind("now", now).bind("az", availabilityZone).execute();
            return Map.entry(byTypeAndHost(h, agentType, host).orElseThrow(), true);
        }
        h.createUpdate("UPDATE agents SET binary_name = :binary, topic = :topic, configurations = :conf, heartbeat_timestamp = :now, "
                        + "availability_zone = :az" + (started ? ", started_at = :now" : "") + " WHERE id = :id")
                .bind("binary", binary).bind("topic", topic).bind("conf", configurations).bind("now", now).bind("az", availabilityZone)
                .bind("id", existing.get().id()).execute();
        return Map.entry(find(h, existing.get().id()).orElseThrow(), false);
    }

    public Optional<AgentRow> find(Handle h, String id) {
        return query(h, " WHERE id = :id", Map.of("id", id)).stream().findFirst();
    }

    public Optional<AgentRow> byTypeAndHost(Handle h, String agentType, String host) {
        return query(h, " WHERE agent_type = :t AND host = :h", Map.of("t", agentType, "h", host)).stream().findFirst();
    }

    /** The agents of one host. */
    public List<AgentRow> onHost(Handle h, String host) {
        return query(h, " WHERE host = :h", Map.of("h", host));
    }

    /** The hosts of the DHCP agents hosting a network. */
    public List<String> dhcpHostsOfNetwork(Handle h, String networkId) {
        return h.createQuery("SELECT a.host FROM network_dhcp_agents n JOIN agents a ON a.id = n.agent_id WHERE n.network_id = :n "
                + "ORDER BY a.host").bind("n", networkId).mapTo(String.class).list();
    }

    public List<AgentRow> all(Handle h) {
        return query(h, "", Map.of());
    }

    public List<AgentRow> ofType(Handle h, String agentType) {
        return query(h, " WHERE agent_type = :t", Map.of("t", agentType));
    }

    public void update(Handle h, String id, Boolean adminStateUp, String description) {
        if (adminStateUp != null) {
            h.createUpdate("UPDATE agents SET admin_state_up = :a WHERE id = :id").bind("a", adminStateUp).bind("id", id).execute();
        }
        if (description != null) {
            h.createUpdate("UPDATE agents SET description = :d WHERE id = :id").bind("d", description).bind("id", id).execute();
        }
    }

    public boolean delete(Handle h, String id) {
        return h.createUpdate("DELETE FROM agents WHERE id = :id").bind("id", id).execute() > 0;
    }

    // ---- DHCP scheduling ----

    public List<String> dhcpAgentsOfNetwork(Handle h, String networkId) {
        return h.createQuery("SELECT agent_id FROM network_dhcp_agents WHERE network_id = :n ORDER BY agent_id")
                .bind("n", networkId).mapTo(String.class).list();
    }

    public List<String> networksOfDhcpAgent(Handle h, String agentId) {
        return h.createQuery("SELECT network_id FROM network_dhcp_agents WHERE agent_id = :a ORDER BY network_id")
                .bind("a", agentId).mapTo(String.class).list();
    }

    /** Networks hosted per DHCP agent, for least-loaded scheduling. */
    public Map<String, Integer> networkCounts(Handle h, Collection<String> agentIds) {
        Map<String, Integer> out = new HashMap<>();
        if (agentIds.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT agent_id, COUNT(*) FROM network_dhcp_agents WHERE agent_id IN (<ids>) GROUP BY agent_id")
                .bindList("ids", new ArrayList<>(agentIds)).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Adds a network to a DHCP agent; false when it was already there. */
    public boolean addNetwork(Handle h, String agentId, String networkId) {
        if (dhcpAgentsOfNetwork(h, networkId).contains(agentId)) {
            return false;
        }
        h.createUpdate("INSERT INTO network_dhcp_agents (network_id, agent_id) VALUES (:n, :a)")
                .bind("n", networkId).bind("a", agentId).execute();
        return true;
    }

    public boolean removeNetwork(Handle h, String agentId, String networkId) {
        return h.createUpdate("DELETE FROM network_dhcp_agents WHERE network_id = :n AND agent_id = :a")
                .bind("n", networkId).bind("a", agentId).execute() > 0;
    }
}
