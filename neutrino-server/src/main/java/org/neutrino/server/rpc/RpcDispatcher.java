package org.neutrino.server.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.RpcHandler;
import org.neutrino.rpc.agent.AgentTopics;

/**
 * The server's side of the agents' calls on {@link AgentTopics#PLUGIN}: each method is answered by
 * the handler a plugin registered for it (device status, l2population, DHCP, L3, security groups).
 */
public final class RpcDispatcher implements RpcHandler {
    private final Map<String, RpcHandler> methods = new ConcurrentHashMap<>();

    /** Answers {@code method} with {@code handler}; a method has one handler. */
    public void register(String method, RpcHandler handler) {
        if (methods.putIfAbsent(method, handler) != null) {
            throw new IllegalStateException("RPC method " + method + " is registered twice");
        }
    }

    @Override
    public JsonNode handle(Message message) throws Exception {
        RpcHandler handler = methods.get(message.method());
        if (handler == null) {
            throw NeutronException.badRequest("UnsupportedMethod", "unknown method " + message.method());
        }
        return handler.handle(message);
    }
}
