package org.neutrino.server.services.trace;

import java.util.Optional;
import org.neutrino.rpc.agent.PortTrace;

/**
 * What asking one agent for a trace gave: its {@link PortTrace}, or why there is none.
 *
 * @param host    the host asked
 * @param trace   the agent's answer
 * @param failure why there is no answer: no such agent registered, or the call failed (timeout,
 *                nobody listening, an error in the agent)
 */
public record AgentAnswer(String host, Optional<PortTrace> trace, Optional<String> failure) {

    public static AgentAnswer of(PortTrace trace) {
        return new AgentAnswer(trace.host(), Optional.of(trace), Optional.empty());
    }

    public static AgentAnswer failed(String host, String why) {
        return new AgentAnswer(host, Optional.empty(), Optional.of(why));
    }

    /** No agent of the kind asked for is registered on the host. */
    public static AgentAnswer noAgent(String host) {
        return new AgentAnswer(host, Optional.empty(), Optional.empty());
    }
}
