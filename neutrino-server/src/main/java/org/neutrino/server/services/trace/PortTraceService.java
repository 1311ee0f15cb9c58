package org.neutrino.server.services.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.db.l3.L3Store;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.lib.DeviceNames;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.PortTrace;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.api.ApiRequest;
import org.neutrino.server.api.ApiResponse;
import org.neutrino.server.plugins.CorePlugin;
import org.neutrino.server.policy.PolicyEngine;

/**
 * {@code GET /v2.0/ports/{id}/trace} (admin only, rule {@code get_port_trace}): reads the port's
 * path from the model, asks the L2 agent of its host and the DHCP agents of its network over the
 * bus ({@code trace_port}, in parallel, each within {@link #AGENT_TIMEOUT}), and answers the hops
 * with their verdicts ({@link TraceVerdicts}):
 * {@code {"trace": {"port_id", "host", "broken", "hops": [{kind, name, host, expected, observed, verdict}]}}}.
 */
final class PortTraceService {
    /** How long an agent has to answer; one that does not is the hop "agent did not answer". */
    static final Duration AGENT_TIMEOUT = Duration.ofSeconds(10);
    private static final String NOOP_FIREWALL = "noop";

    private final Database database;
    private final CorePlugin core;
    private final Agents agents;
    private final PolicyEngine policy;
    private final MessageBus bus;
    private final TraceProber prober = new TraceProber(this);
    private final L3Store l3 = new L3Store();

    PortTraceService(Database database, CorePlugin core, Agents agents, PolicyEngine policy, MessageBus bus) {
        this.database = database;
        this.core = core;
        this.agents = agents;
        this.policy = policy;
        this.bus = bus;
    }

    ApiResponse trace(ApiRequest request, String portId, Runnable checkPortVisible) {
        if (!request.method().equals("GET") || request.path().size() != 3) {
            throw new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
        }
        policy.enforce("get_port_trace", request.context(), Map.of());
        checkPortVisible.run();
        boolean probe = TraceProber.asked(request);
        TracedPort port = database.read(h -> model(h, portId));
        Optional<Map<String, Object>> probed = probe ? Optional.of(probe(port)) : Optional.empty();
        List<TraceHop> hops = hops(port);
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("port_id", port.portId());
        trace.put("host", port.bound() ? port.host() : null);
        trace.put("broken", hops.stream().anyMatch(TraceHop::broken));
        trace.put("hops", hops.stream().map(PortTraceService::render).toList());
        probed.ifPresent(p -> trace.put("probe", p));
        return ApiResponse.ok(Map.of("trace", trace));
    }

    /** Pings the port's first fixed IPv4 address from a router with an interface on its network, if one is scheduled. */
    private Map<String, Object> probe(TracedPort port) {
        Optional<String> address = port.fixedIps().stream().filter(ip -> !ip.contains(":")).findFirst();
        Optional<Map<String, Object>> routerPort = database.read(h -> core.getPorts(h, ListQuery.all()
                .and(CoreTables.PORTS.in("network_id", List.of(port.networkId()), "probe_net"))
                .and(CoreTables.PORTS.in("device_owner", List.of("network:router_interface"), "probe_owner")))).stream().findFirst();
        Optional<String> host = routerPort.flatMap(p -> database.read(h -> l3.agentOfRouter(h, (String) p.get("device_id"))
                .flatMap(a -> agents.store().find(h, a)).map(a -> a.host())));
        if (address.isEmpty() || routerPort.isEmpty() || host.isEmpty() || !port.bound()) {
            return TraceProbe.unavailable("no router scheduled to an L3 agent has an interface on the port's network "
                    + "(or the port has no IPv4 address, or is not bound)");
        }
        return prober.probe((String) routerPort.get().get("device_id"), host.get(), (String) routerPort.get().get("id"),
                port.portId(), address.get(), Optional.empty());
    }

    /** The hops of port {@code portId}, which must exist (the caller checked that it may see it). */
    List<TraceHop> hops(String portId) {
        TracedPort port = database.read(h -> model(h, portId));
        return hops(port);
    }

    private List<TraceHop> hops(TracedPort port) {
        Message message = traceMessage(port, false);
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<AgentAnswer> l2 = CompletableFuture.supplyAsync(() -> askL2(port, message), calls);
            List<CompletableFuture<AgentAnswer>> dhcp = port.dhcp().stream()
                    .map(s -> CompletableFuture.supplyAsync(() -> ask(AgentTopics.DHCP_AGENT, AgentTopics.DHCP_AGENT_TYPE, s.host(), message), calls))
                    .toList();
            return TraceVerdicts.hops(port, l2.join(), dhcp.stream().map(CompletableFuture::join).toList());
        }
    }

    /** The model of port {@code portId}, which must exist. */
    TracedPort port(String portId) {
        return database.read(h -> model(h, portId));
    }

    /** What the L2 agent of the port's host sees of it (with the devices' packet counters when {@code counters}). */
    AgentAnswer askL2(TracedPort port, boolean counters) {
        return askL2(port, traceMessage(port, counters));
    }

    private AgentAnswer askL2(TracedPort port, Message message) {
        return port.bound() ? ask(AgentTopics.L2_AGENT, AgentTopics.LINUXBRIDGE_AGENT_TYPE, port.host(), message)
                : AgentAnswer.noAgent("");
    }

    private static Message traceMessage(TracedPort port, boolean counters) {
        ObjectNode args = AgentJson.object();
        args.put("port_id", port.portId());
        args.put("network_id", port.networkId());
        args.put("mac_address", port.mac());
        args.put("network_type", port.networkType());
        port.segmentationId().ifPresentOrElse(id -> args.put("segmentation_id", id), () -> args.putNull("segmentation_id"));
        port.uplink().ifPresent(uplink -> args.put("uplink", uplink));
        args.put("ipv6", port.fixedIps().stream().anyMatch(ip -> ip.contains(":")));
        args.put("counters", counters);
        return new Message(AgentTopics.TRACE_PORT, args);
    }

    /** Asks the agent of {@code agentType} on {@code host} on its {@code topic}; never throws. */
    AgentAnswer ask(String topic, String agentType, String host, Message message) {
        if (database.read(h -> agents.store().byTypeAndHost(h, agentType, host)).isEmpty()) {
            return AgentAnswer.noAgent(host);
        }
        try {
            JsonNode reply = bus.call(Target.server(topic, host), message, AGENT_TIMEOUT);
            return AgentAnswer.of(AgentJson.read(reply, PortTrace.class));
        } catch (RuntimeException e) {
            return AgentAnswer.failed(host, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private TracedPort model(Handle h, String portId) {
        Map<String, Object> port = core.getPort(h, portId)
                .orElseThrow(() -> NeutronException.notFound("PortNotFound", "Port " + portId + " could not be found."));
        String networkId = (String) port.get("network_id");
        Map<String, Object> network = core.getNetwork(h, networkId).orElseThrow();
        String host = Objects.toString(port.get("binding:host_id"), "");
        String networkType = Objects.toString(network.get("provider:network_type"), "");
        Optional<Integer> segmentationId = network.get("provider:segmentation_id") instanceof Number n
                ? Optional.of(n.intValue()) : Optional.empty();

        Optional<AgentRow> l2 = host.isEmpty() ? Optional.empty()
                : agents.store().byTypeAndHost(h, AgentTopics.LINUXBRIDGE_AGENT_TYPE, host);
        Map<String, Object> l2Config = l2.map(Agents::configurations).orElse(Map.of());
        Optional<String> localIp = Optional.ofNullable((String) l2Config.get("tunneling_ip"));
        Optional<String> physnet = Optional.ofNullable((String) network.get("provider:physical_network"));
        Optional<String> uplink = physnet.map(p -> l2Config.get("interface_mappings") instanceof Map<?, ?> m ? m.get(p) : null)
                .map(String::valueOf)
                .map(device -> "vlan".equals(networkType) && segmentationId.isPresent()
                        ? DeviceNames.vlanSubinterface(device, segmentationId.get()) : device);
        String firewall = Objects.toString(l2Config.get("firewall_driver"), NOOP_FIREWALL);

        List<Map<String, Object>> networkPorts = core.getPorts(h,
                ListQuery.all().and(CoreTables.PORTS.in("network_id", List.of(networkId), "trace_net")));
        Set<String> peerHosts = new LinkedHashSet<>();
        for (Map<String, Object> p : networkPorts) {
            String other = Objects.toString(p.get("binding:host_id"), "");
            if (!other.isEmpty() && !other.equals(host)) {
                peerHosts.add(other);
            }
        }
        List<String> peerVteps = new ArrayList<>();
        for (String peer : peerHosts) {
            agents.store().byTypeAndHost(h, AgentTopics.LINUXBRIDGE_AGENT_TYPE, peer)
                    .map(a -> (String) Agents.configurations(a).get("tunneling_ip"))
                    .filter(ip -> ip != null && localIp.map(l -> !l.equals(ip)).orElse(true) && !peerVteps.contains(ip))
                    .ifPresent(peerVteps::add);
        }

        List<TracedPort.DhcpServer> dhcp = new ArrayList<>();
        for (String dhcpHost : agents.store().dhcpHostsOfNetwork(h, networkId)) {
            Optional<Map<String, Object>> dhcpPort = networkPorts.stream()
                    .filter(p -> "network:dhcp".equals(p.get("device_owner")) && dhcpHost.equals(p.get("binding:host_id")))
                    .findFirst();
            dhcp.add(new TracedPort.DhcpServer(dhcpHost, dhcpPort.map(p -> (String) p.get("id")),
                    dhcpPort.map(PortTraceService::addresses).orElse(List.of())));
        }
        boolean needsDhcp = false;
        for (Object fixed : (List<?>) port.getOrDefault("fixed_ips", List.of())) {
            Object subnetId = ((Map<?, ?>) fixed).get("subnet_id");
            needsDhcp |= core.getSubnet(h, String.valueOf(subnetId)).map(s -> Boolean.TRUE.equals(s.get("enable_dhcp"))).orElse(false);
        }
        String owner = Objects.toString(port.get("device_owner"), "");
        boolean portSecurity = !Boolean.FALSE.equals(port.get("port_security_enabled"));
        @SuppressWarnings("unchecked")
        List<String> groups = port.get("security_groups") instanceof List<?> l ? (List<String>) l : List.of();
        boolean filtered = portSecurity && !owner.startsWith("network:") && !NOOP_FIREWALL.equals(firewall);
        return new TracedPort(portId, networkId, (String) port.get("mac_address"), addresses(port), host,
                Objects.toString(port.get("status"), ""), networkType, segmentationId, localIp, peerVteps, filtered, groups,
                dhcp, needsDhcp && !owner.startsWith("network:"), physnet, uplink);
    }

    private static List<String> addresses(Map<String, Object> port) {
        List<String> out = new ArrayList<>();
        for (Object fixed : (List<?>) port.getOrDefault("fixed_ips", List.of())) {
            out.add(String.valueOf(((Map<?, ?>) fixed).get("ip_address")));
        }
        return out;
    }

    static Map<String, Object> render(TraceHop hop) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", hop.kind());
        out.put("name", hop.name());
        out.put("host", hop.host());
        out.put("expected", hop.expected());
        out.put("observed", hop.observed());
        out.put("verdict", hop.verdict());
        return out;
    }
}
