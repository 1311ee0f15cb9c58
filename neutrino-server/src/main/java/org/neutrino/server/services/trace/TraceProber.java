package org.neutrino.server.services.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;
import org.neutrino.server.api.ApiRequest;

/**
 * A trace's {@code ?probe=true}: reads the packet counters of the path's agents (the router's L3
 * agent, the L2 agents of the router's host and of the port's host), asks the L3 agent to ping
 * from the router's namespace ({@code probe_router}), reads the counters again, and answers where
 * the echo requests went ({@link TraceProbe}).
 */
final class TraceProber {
    /** Echo requests a probe sends. */
    static final int PROBE_PACKETS = 5;
    private final PortTraceService ports;

    TraceProber(PortTraceService ports) {
        this.ports = ports;
    }

    /** Whether the request asks for a probe ({@code ?probe=true}); a value that is not a boolean is a 400. */
    static boolean asked(ApiRequest request) {
        String probe = request.param("probe");
        if (probe == null || probe.equalsIgnoreCase("false")) {
            return false;
        }
        if (!probe.equalsIgnoreCase("true")) {
            throw NeutronException.badRequest("InvalidInput", "Invalid input for probe. Reason: '" + probe + "' is not a boolean.");
        }
        return true;
    }

    /**
     * Pings {@code destination} from router {@code routerId}'s namespace on {@code host}, towards
     * port {@code portId} through the router's interface port {@code routerPortId}.
     *
     * @param floatingIp the floating address pinged (the probe then passes the router's DNAT), or empty for the fixed address
     */
    Map<String, Object> probe(String routerId, String host, String routerPortId, String portId, String destination,
                              Optional<String> floatingIp) {
        TracedPort routerPort = ports.port(routerPortId);
        TracedPort port = ports.port(portId);
        TraceProbe.Snapshot before = snapshot(routerId, host, floatingIp, routerPort, port);
        ObjectNode args = AgentJson.object();
        args.put("router_id", routerId);
        args.put("destination", destination);
        args.put("count", PROBE_PACKETS);
        AgentAnswer ping = ports.ask(AgentTopics.L3_AGENT, AgentTopics.L3_AGENT_TYPE, host, new Message(AgentTopics.PROBE_ROUTER, args));
        if (ping.trace().map(PortTrace::probe).isEmpty()) {
            return TraceProbe.unavailable("the L3 agent on " + host + " did not send the probe: "
                    + ping.failure().orElse("no such agent registered"));
        }
        TraceProbe.Snapshot after = snapshot(routerId, host, floatingIp, routerPort, port);
        PortTrace.Ping sent = ping.trace().get().probe();
        return TraceProbe.render(sent, host, TraceProbe.points(routerPort, port, floatingIp.isPresent(), sent.sent(), before, after));
    }

    private TraceProbe.Snapshot snapshot(String routerId, String host, Optional<String> floatingIp, TracedPort routerPort,
                                         TracedPort port) {
        ObjectNode args = AgentJson.object();
        args.put("router_id", routerId);
        floatingIp.ifPresent(address -> args.put("floating_ip_address", address));
        args.put("counters", true);
        AgentAnswer l3 = ports.ask(AgentTopics.L3_AGENT, AgentTopics.L3_AGENT_TYPE, host, new Message(AgentTopics.TRACE_ROUTER, args));
        return new TraceProbe.Snapshot(l3.trace(), ports.askL2(routerPort, true).trace(), ports.askL2(port, true).trace());
    }
}
