package org.neutrino.server.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neutrino.db.Database;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.RpcHandler;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.server.callbacks.CallbackRegistry;
import org.neutrino.server.callbacks.Event;
import org.neutrino.server.callbacks.ResourceEvent;
import org.neutrino.server.callbacks.Resources;

/**
 * {@code report_state}: an agent's registration and heartbeats. Schedulers learn of new and
 * restarted agents from the {@code agent} events published after the heartbeat is stored.
 */
public final class AgentStateRpc implements RpcHandler {
    private final Database database;
    private final Agents agents;
    private final CallbackRegistry callbacks;

    public AgentStateRpc(Database database, Agents agents, CallbackRegistry callbacks) {
        this.database = database;
        this.agents = agents;
        this.callbacks = callbacks;
    }

    @Override
    public JsonNode handle(Message message) {
        AgentState state = AgentJson.read(message.args().get("agent_state"), AgentState.class);
        Map.Entry<AgentRow, Boolean> stored = database.inTransaction(h -> agents.store().heartbeat(h, state.agentType(),
                state.binary(), state.topic(), state.host(),
                AgentJson.tree(state.configurations() == null ? Map.of() : state.configurations()).toString(),
                state.availabilityZone(), state.startFlag()));
        AgentRow agent = stored.getKey();
        Map<String, Object> latest = new LinkedHashMap<>();
        latest.put("id", agent.id());
        latest.put("agent_type", agent.agentType());
        latest.put("host", agent.host());
        latest.put("start_flag", state.startFlag());
        callbacks.publish(ResourceEvent.of(Resources.AGENT, stored.getValue() ? Event.AFTER_CREATE : Event.AFTER_UPDATE,
                RequestContext.admin(null), agent.id(), null, latest));
        return null;
    }
}
