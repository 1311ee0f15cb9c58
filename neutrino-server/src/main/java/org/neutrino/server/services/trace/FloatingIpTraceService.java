package org.neutrino.server.services.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.l3.L3Store;
import org.neutrino.db.l3.L3Tables;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.api.ApiRequest;
import org.neutrino.server.api.ApiResponse;
import org.neutrino.server.plugins.CorePlugin;
import org.neutrino.server.policy.PolicyEngine;

/**
 * {@code GET /v2.0/floatingips/{id}/trace} (admin only, rule {@code get_floatingip_trace}; served
 * when the {@code router} plugin is loaded): the router hops of the floating IP
 * ({@link RouterVerdicts}, from the L3 agent of its router's host, {@code trace_router}), then the
 * hops of the associated port ({@link PortTraceService}). Same answer shape as the port trace,
 * with {@code floatingip_id} and {@code port_id}.
 */
final class FloatingIpTraceService {
    private final Database database;
    private final CorePlugin core;
    private final Agents agents;
    private final PolicyEngine policy;
    private final PortTraceService ports;
    private final TraceProber prober;
    private final L3Store l3 = new L3Store();

    FloatingIpTraceService(Database database, CorePlugin core, Agents agents, PolicyEngine policy, PortTraceService ports) {
        this.database = database;
        this.core = core;
        this.agents = agents;
        this.policy = policy;
        this.ports = ports;
        this.prober = new TraceProber(ports);
    }

    ApiResponse trace(ApiRequest request, String floatingIpId, Runnable checkVisible) {
        if (!request.method().equals("GET") || request.path().size() != 3) {
            throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        }
        policy.enforce("get_floatingip_trace", request.context(), Map.of());
        checkVisible.run();
        Map<String, Object> fip = database.read(h -> L3Tables.FLOATING_IPS.find(h, floatingIpId)).orElseThrow(
                () -> NeutronException.notFound("FloatingIPNotFound", "Floating IP " + floatingIpId + " could not be found"));
        boolean probe = TraceProber.asked(request);
        TracedRouter router = database.read(h -> model(h, fip));
        Optional<Map<String, Object>> probed = probe ? Optional.of(probe(router, (String) fip.get("port_id"))) : Optional.empty();
        AgentAnswer answer = AgentAnswer.noAgent(router.host().orElse(""));
        if (router.host().isPresent() && router.routerId().isPresent()) {
            ObjectNode args = AgentJson.object();
            args.put("router_id", router.routerId().get());
            args.put("floating_ip_address", router.floatingIp());
            answer = ports.ask(AgentTopics.L3_AGENT, AgentTopics.L3_AGENT_TYPE, router.host().get(),
                    new Message(AgentTopics.TRACE_ROUTER, args));
        }
        List<TraceHop> gatewaySide = router.gatewayPortId().map(this::side).orElse(List.of());
        List<TraceHop> hops = new ArrayList<>(RouterVerdicts.hops(router, answer, gatewaySide.reversed(),
                router.interfacePort().map(this::side).orElse(List.of())));
        Object portId = fip.get("port_id");
        if (portId != null) {
            hops.addAll(ports.hops((String) portId));
        }
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("floatingip_id", floatingIpId);
        trace.put("port_id", portId);
        trace.put("host", router.host().orElse(null));
        trace.put("broken", hops.stream().anyMatch(TraceHop::broken));
        trace.put("hops", hops.stream().map(PortTraceService::render).toList());
        probed.ifPresent(p -> trace.put("probe", p));
        return ApiResponse.ok(Map.of("trace", trace));
    }

    /** Pings the floating address from the router's namespace, when the floating IP is associated through a scheduled router. */
    private Map<String, Object> probe(TracedRouter router, String portId) {
        if (portId == null || router.routerId().isEmpty() || router.host().isEmpty() || router.interfacePort().isEmpty()) {
            return TraceProbe.unavailable("the floating IP is not associated through a scheduled router with an interface on "
                    + "the port's network");
        }
        return prober.probe(router.routerId().get(), router.host().get(), router.interfacePort().get(), portId,
                router.floatingIp(), Optional.of(router.floatingIp()));
    }

    /** The host side of a router port (its veth's host end, the bridge, the uplink or VXLAN), without an agent that answered. */
    private List<TraceHop> side(String routerPortId) {
        TracedPort port = ports.port(routerPortId);
        return TraceVerdicts.hostSide(port, ports.askL2(port, false)).stream()
                .filter(hop -> !hop.kind().equals("l2_agent") || hop.broken()).toList();
    }

    private TracedRouter model(Handle h, Map<String, Object> fip) {
        Optional<String> routerId = Optional.ofNullable((String) fip.get("router_id"));
        Optional<String> fixedIp = Optional.ofNullable((String) fip.get("fixed_ip_address"));
        Optional<String> host = routerId.flatMap(r -> l3.agentOfRouter(h, r)).flatMap(a -> agents.store().find(h, a))
                .map(a -> a.host());
        Optional<String> gatewayPort = routerId.flatMap(r -> L3Tables.ROUTERS.find(h, r))
                .map(r -> (String) r.get("gw_port_id"));
        Optional<Map<String, Object>> gateway = gatewayPort.flatMap(p -> core.getPort(h, p));
        List<String> gatewayIps = gateway.map(FloatingIpTraceService::ips).orElse(List.of());
        Optional<String> upstream = gateway.stream().flatMap(p -> ((List<?>) p.getOrDefault("fixed_ips", List.of())).stream())
                .map(f -> String.valueOf(((Map<?, ?>) f).get("subnet_id")))
                .flatMap(subnet -> core.getSubnet(h, subnet).stream())
                .filter(s -> Integer.valueOf(4).equals(s.get("ip_version")) && s.get("gateway_ip") != null)
                .map(s -> (String) s.get("gateway_ip")).findFirst();
        Optional<String> network = Optional.ofNullable((String) fip.get("port_id")).flatMap(p -> core.getPort(h, p))
                .map(p -> (String) p.get("network_id"));
        Optional<L3Store.InterfaceAddress> qr = routerId.stream().flatMap(r -> l3.interfaceAddresses(h, r).stream())
                .filter(a -> network.filter(a.networkId()::equals).isPresent() && !a.ipAddress().contains(":"))
                .findFirst();
        return new TracedRouter((String) fip.get("floating_ip_address"), routerId, host, fixedIp, gatewayPort, gatewayIps,
                qr.map(L3Store.InterfaceAddress::portId),
                qr.map(a -> List.of(a.ipAddress() + a.cidr().substring(a.cidr().indexOf('/')))).orElse(List.of()),
                gateway.map(p -> (String) p.get("network_id")), upstream, qr.map(L3Store.InterfaceAddress::networkId),
                qr.map(L3Store.InterfaceAddress::cidr));
    }

    private static List<String> ips(Map<String, Object> port) {
        List<String> out = new ArrayList<>();
        for (Object fixed : (List<?>) port.getOrDefault("fixed_ips", List.of())) {
            String ip = String.valueOf(((Map<?, ?>) fixed).get("ip_address"));
            if (!ip.contains(":")) {
                out.add(ip);
            }
        }
        return out;
    }
}
