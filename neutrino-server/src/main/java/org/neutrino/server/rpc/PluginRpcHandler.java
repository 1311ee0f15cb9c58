package org.neutrino.server.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.db.ipam.IpamStore;
import org.neutrino.db.ipam.IpamStore.Allocation;
import org.neutrino.lib.DeviceNames;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.RpcHandler;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentState;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DeviceDetails;
import org.neutrino.rpc.agent.DhcpNetwork;
import org.neutrino.rpc.agent.NetworkFdb;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.api.RequestBodies;
import org.neutrino.server.plugins.ml2.Ml2Plugin;
import org.neutrino.server.plugins.ml2.drivers.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the agents' calls ({@link AgentTopics#PLUGIN}): registration, device
 * details and status for the L2 agents, l2population entries, and what DHCP agents serve.
 * Every answer is built with a fixed number of queries whatever the number of devices.
 */
public final class PluginRpcHandler implements RpcHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRpcHandler.class);
    private static final String DHCP_OWNER = "network:dhcp";

    private final Ml2Plugin plugin;
    private final Database database;
    private final Agents agents;
    private final IpamStore ipam = new IpamStore();

    public PluginRpcHandler(Ml2Plugin plugin) {
        this.plugin = plugin;
        this.database = plugin.database();
        this.agents = plugin.agents();
    }

    @Override
    public JsonNode handle(Message message) {
        JsonNode args = message.args();
        String host = args.path("host").asText(null);
        return switch (message.method()) {
            case AgentTopics.REPORT_STATE -> reportState(AgentJson.read(args.get("agent_state"), AgentState.class));
            case AgentTopics.GET_DEVICES_DETAILS_LIST -> AgentJson.tree(devicesDetails(strings(args.get("devices")), host));
            case AgentTopics.UPDATE_DEVICE_LIST -> updateDeviceList(strings(args.get("devices_up")), strings(args.get("devices_down")), host);
            case AgentTopics.GET_NETWORK_FDB -> AgentJson.tree(networkFdb(strings(args.get("network_ids")), host));
            case AgentTopics.GET_ACTIVE_NETWORKS -> AgentJson.tree(activeNetworks(host));
            case AgentTopics.GET_NETWORK_INFO -> AgentJson.tree(networkInfo(args.path("network_id").asText()));
            case AgentTopics.GET_DHCP_PORT -> AgentJson.tree(dhcpPort(args.path("network_id").asText(), host));
            case AgentTopics.RELEASE_DHCP_PORT -> {
                releaseDhcpPort(args.path("network_id").asText(), host);
                yield null;
            }
            default -> throw NeutronException.badRequest("UnsupportedMethod", "unknown method " + message.method());
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    // ---- agents ----

    private JsonNode reportState(AgentState state) {
        List<String> scheduled = database.inTransaction(h -> {
            var row = agents.store().heartbeat(h, state.agentType(), state.binary(), state.topic(), state.host(),
                    AgentJson.tree(state.configurations() == null ? Map.of() : state.configurations()).toString(), state.startFlag());
            if (state.agentType().equals(AgentTopics.DHCP_AGENT_TYPE) && (row.getValue() || state.startFlag())) {
                return plugin.dhcpScheduler().scheduleUnhosted(h, row.getKey());
            }
            return List.<String>of();
        });
        scheduled.forEach(n -> plugin.notifier().dhcpCast(state.host(), AgentTopics.NETWORK_CHANGED, n));
        return null;
    }

    // ---- L2 agents ----

    /**
     * Ports bound to {@code host}, by their tap name (which holds the first
     * {@value DeviceNames#ID_PREFIX_LENGTH} characters of the id). Only the asked ports are read,
     * so the cost follows the request, not the number of ports on the host.
     */
    private Map<String, Map<String, Object>> portsByDevice(Handle h, Collection<String> devices, String host) {
        Set<String> prefixes = new HashSet<>();
        for (String device : devices) {
            DeviceNames.portIdPrefixOfTap(device).ifPresent(prefixes::add);
        }
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (prefixes.isEmpty()) {
            return out;
        }
        List<String> ids = h.createQuery("SELECT id FROM ports WHERE binding_host_id = :host AND SUBSTRING(id, 1, "
                        + DeviceNames.ID_PREFIX_LENGTH + ") IN (<prefixes>)")
                .bind("host", host).bindList("prefixes", new ArrayList<>(prefixes)).mapTo(String.class).list();
        if (ids.isEmpty()) {
            return out;
        }
        for (Map<String, Object> port : plugin.ports().list(RequestContext.admin(null),
                new ListQuery(Map.of("id", List.copyOf(ids)), List.of(), List.of(), 0, null, false))) {
            out.put(DeviceNames.tap((String) port.get("id")), port);
        }
        return out;
    }

    private List<DeviceDetails> devicesDetails(List<String> devices, String host) {
        Map<String, Map<String, Object>> ports = database.read(h -> portsByDevice(h, devices, host));
        rebindFailed(ports.values());
        Map<String, List<Segment>> segments = new HashMap<>();
        Map<String, Integer> mtus = new HashMap<>();
        database.read(h -> {
            for (Map<String, Object> port : ports.values()) {
                String networkId = (String) port.get("network_id");
                segments.computeIfAbsent(networkId, n -> plugin.segmentsOf(h, n));
            }
            if (!segments.isEmpty()) {
                h.createQuery("SELECT id, mtu FROM networks WHERE id IN (<ids>)").bindList("ids", new ArrayList<>(segments.keySet()))
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2))).forEach(e -> mtus.put(e.getKey(), e.getValue()));
            }
            return null;
        });
        List<DeviceDetails> out = new ArrayList<>();
        for (String device : devices) {
            Map<String, Object> port = ports.get(device);
            List<Segment> networkSegments = port == null ? List.of() : segments.getOrDefault((String) port.get("network_id"), List.of());
            if (port == null || networkSegments.isEmpty()) {
                out.add(DeviceDetails.unknown(device));
                continue;
            }
            Segment segment = networkSegments.get(0);
            List<DeviceDetails.FixedIp> fixedIps = new ArrayList<>();
            for (Object ip : (List<?>) port.get("fixed_ips")) {
                Map<?, ?> map = (Map<?, ?>) ip;
                fixedIps.add(new DeviceDetails.FixedIp((String) map.get("subnet_id"), (String) map.get("ip_address")));
            }
            out.add(new DeviceDetails(device, (String) port.get("id"), (String) port.get("network_id"),
                    (String) port.get("mac_address"), (Boolean) port.get("admin_state_up"), segment.networkType(),
                    segment.physicalNetwork(), segment.segmentationId(), mtus.get((String) port.get("network_id")), fixedIps,
                    (String) port.get("device_owner")));
        }
        return out;
    }

    /** Ports whose binding failed (their agent was not up yet) are bound again when their agent asks. */
    private void rebindFailed(Collection<Map<String, Object>> ports) {
        List<Map<String, Object>> failed = ports.stream()
                .filter(p -> "binding_failed".equals(p.get("binding:vif_type"))).toList();
        if (failed.isEmpty()) {
            return;
        }
        database.inTransaction(h -> {
            for (Map<String, Object> port : failed) {
                plugin.bindPort(h, port);
                h.createUpdate("UPDATE ports SET binding_vif_type = :t, binding_vif_details = :d WHERE id = :id")
                        .bind("t", (String) port.get("binding:vif_type"))
                        .bind("d", AgentJson.tree(port.get("binding:vif_details")).toString())
                        .bind("id", (String) port.get("id")).execute();
            }
            return null;
        });
    }

    private JsonNode updateDeviceList(List<String> up, List<String> down, String host) {
        Set<String> networks = new HashSet<>();
        Map<String, List<String>> result = database.inTransaction(h -> {
            Map<String, Map<String, Object>> ports = portsByDevice(h, concat(up, down), host);
            Map<String, List<String>> out = new LinkedHashMap<>();
            out.put("devices_up", new ArrayList<>());
            out.put("devices_down", new ArrayList<>());
            out.put("failed_devices_up", new ArrayList<>());
            out.put("failed_devices_down", new ArrayList<>());
            setStatus(h, up, ports, "ACTIVE", out.get("devices_up"), out.get("failed_devices_up"), networks);
            setStatus(h, down, ports, "DOWN", out.get("devices_down"), out.get("failed_devices_down"), networks);
            return out;
        });
        plugin.notifier().fdbChanged(networks);
        return AgentJson.tree(result);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void setStatus(Handle h, List<String> devices, Map<String, Map<String, Object>> ports, String status,
                                  List<String> done, List<String> failed, Set<String> changedNetworks) {
        List<String> ids = new ArrayList<>();
        for (String device : devices) {
            Map<String, Object> port = ports.get(device);
            if (port == null) {
                failed.add(device);
                continue;
            }
            done.add(device);
            if (!status.equals(port.get("status"))) {
                ids.add((String) port.get("id"));
                changedNetworks.add((String) port.get("network_id"));
            }
        }
        if (!ids.isEmpty()) {
            h.createUpdate("UPDATE ports SET status = :s, revision_number = revision_number + 1, updated_at = :now WHERE id IN (<ids>)")
                    .bind("s", status).bind("now", org.neutrino.db.ResourceTable.now()).bindList("ids", ids).execute();
        }
    }

    /** l2population: for each VXLAN network, the ACTIVE ports on other hosts behind their host's VTEP. */
    private Map<String, NetworkFdb> networkFdb(List<String> networkIds, String host) {
        return database.read(h -> {
            Map<String, NetworkFdb> out = new LinkedHashMap<>();
            if (networkIds.isEmpty()) {
                return out;
            }
            Map<String, String> vteps = new HashMap<>();
            for (AgentRow agent : agents.store().ofType(h, AgentTopics.LINUXBRIDGE_AGENT_TYPE)) {
                Object ip = Agents.configurations(agent).get("tunneling_ip");
                if (ip instanceof String s && !s.isEmpty() && agents.isAlive(agent)) {
                    vteps.put(agent.host(), s);
                }
            }
            List<Map<String, Object>> ports = h.createQuery("SELECT id, network_id, mac_address, binding_host_id FROM ports "
                            + "WHERE network_id IN (<nets>) AND status = 'ACTIVE' AND binding_host_id <> :host")
                    .bindList("nets", networkIds).bind("host", host == null ? "" : host).mapToMap().list();
            Map<String, List<Allocation>> ips = ipam.allocationsOfPorts(h, ports.stream().map(p -> (String) p.get("id")).toList());
            for (String networkId : networkIds) {
                Optional<Segment> vxlan = plugin.segmentsOf(h, networkId).stream()
                        .filter(s -> s.networkType().equals("vxlan")).findFirst();
                if (vxlan.isEmpty()) {
                    continue;
                }
                Map<String, List<NetworkFdb.Entry>> byVtep = new LinkedHashMap<>();
                for (Map<String, Object> port : ports) {
                    String vtep = vteps.get((String) port.get("binding_host_id"));
                    if (!networkId.equals(port.get("network_id")) || vtep == null) {
                        continue;
                    }
                    List<Allocation> portIps = ips.getOrDefault((String) port.get("id"), List.of());
                    String ip = portIps.isEmpty() ? null : portIps.get(0).ipAddress();
                    byVtep.computeIfAbsent(vtep, v -> new ArrayList<>()).add(new NetworkFdb.Entry((String) port.get("mac_address"), ip));
                }
                out.put(networkId, new NetworkFdb("vxlan", vxlan.get().segmentationId(), byVtep));
            }
            return out;
        });
    }

    // ---- DHCP agents ----

    private List<String> activeNetworks(String host) {
        return database.read(h -> agents.store().byTypeAndHost(h, AgentTopics.DHCP_AGENT_TYPE, host)
                .map(a -> agents.store().networksOfDhcpAgent(h, a.id())).orElse(List.of()));
    }

    private DhcpNetwork networkInfo(String networkId) {
        RequestContext admin = RequestContext.admin(null);
        Optional<Map<String, Object>> network = plugin.networks().find(networkId);
        if (network.isEmpty()) {
            return null;
        }
        List<DhcpNetwork.Subnet> subnets = new ArrayList<>();
        for (Map<String, Object> s : plugin.subnets().list(admin, filterByNetwork(networkId))) {
            List<DhcpNetwork.HostRoute> routes = new ArrayList<>();
            for (Object r : (List<?>) s.get("host_routes")) {
                Map<?, ?> map = (Map<?, ?>) r;
                routes.add(new DhcpNetwork.HostRoute((String) map.get("destination"), (String) map.get("nexthop")));
            }
            subnets.add(new DhcpNetwork.Subnet((String) s.get("id"), (String) s.get("cidr"), (Integer) s.get("ip_version"),
                    (String) s.get("gateway_ip"), (Boolean) s.get("enable_dhcp"),
                    ((List<?>) s.get("dns_nameservers")).stream().map(String::valueOf).toList(), routes,
                    (String) s.get("ipv6_address_mode")));
        }
        List<DhcpNetwork.Port> ports = new ArrayList<>();
        for (Map<String, Object> p : plugin.ports().list(admin, filterByNetwork(networkId))) {
            ports.add(dhcpView(p));
        }
        return new DhcpNetwork(networkId, (Boolean) network.get().get("admin_state_up"), (Integer) network.get().get("mtu"), subnets, ports);
    }

    private static ListQuery filterByNetwork(String networkId) {
        return new ListQuery(Map.of("network_id", List.of(networkId)), List.of(), List.of(), 0, null, false);
    }

    private static DhcpNetwork.Port dhcpView(Map<String, Object> port) {
        List<DeviceDetails.FixedIp> ips = new ArrayList<>();
        for (Object ip : (List<?>) port.get("fixed_ips")) {
            Map<?, ?> map = (Map<?, ?>) ip;
            ips.add(new DeviceDetails.FixedIp((String) map.get("subnet_id"), (String) map.get("ip_address")));
        }
        return new DhcpNetwork.Port((String) port.get("id"), (String) port.get("mac_address"), ips,
                (String) port.get("device_owner"), (String) port.get("device_id"));
    }

    /** Neutron's device id of a host's DHCP port: {@code dhcp<uuid5(host)>-<network id>}. */
    static String dhcpDeviceId(String host, String networkId) {
        return "dhcp" + java.util.UUID.nameUUIDFromBytes(host.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "-" + networkId;
    }

    private Optional<Map<String, Object>> existingDhcpPort(String networkId, String host) {
        return plugin.ports().list(RequestContext.admin(null), new ListQuery(Map.of("network_id", List.of(networkId),
                "device_id", List.of(dhcpDeviceId(host, networkId))), List.of(), List.of(), 0, null, false)).stream().findFirst();
    }

    private DhcpNetwork.Port dhcpPort(String networkId, String host) {
        RequestContext admin = RequestContext.admin(null);
        Map<String, Object> network = plugin.networks().find(networkId)
                .orElseThrow(() -> NeutronException.notFound("NetworkNotFound", "Network " + networkId + " could not be found."));
        List<String> dhcpSubnets = plugin.subnets().list(admin, filterByNetwork(networkId)).stream()
                .filter(s -> Boolean.TRUE.equals(s.get("enable_dhcp")) && Integer.valueOf(4).equals(s.get("ip_version")))
                .map(s -> (String) s.get("id")).toList();
        Optional<Map<String, Object>> existing = existingDhcpPort(networkId, host);
        if (existing.isEmpty()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("network_id", networkId);
            item.put("tenant_id", network.get("project_id"));
            item.put("device_owner", DHCP_OWNER);
            item.put("device_id", dhcpDeviceId(host, networkId));
            item.put("binding:host_id", host);
            item.put("fixed_ips", dhcpSubnets.stream().map(s -> Map.of("subnet_id", s)).toList());
            Map<String, Object> prepared = RequestBodies.prepareCreate(plugin.ports().definition(), item, admin, new ArrayList<>());
            LOG.info("creating the DHCP port of network {} on host {}", networkId, host);
            return dhcpView(plugin.ports().create(admin, List.of(prepared)).get(0));
        }
        Map<String, Object> port = existing.get();
        Set<String> has = new HashSet<>();
        for (Object ip : (List<?>) port.get("fixed_ips")) {
            has.add((String) ((Map<?, ?>) ip).get("subnet_id"));
        }
        boolean missing = dhcpSubnets.stream().anyMatch(s -> !has.contains(s));
        if (missing || !host.equals(port.get("binding:host_id"))) {
            List<Object> fixedIps = new ArrayList<>((List<?>) port.get("fixed_ips"));
            dhcpSubnets.stream().filter(s -> !has.contains(s)).forEach(s -> fixedIps.add(Map.of("subnet_id", s)));
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("fixed_ips", fixedIps);
            changes.put("binding:host_id", host);
            port = plugin.ports().update(admin, (String) port.get("id"), changes, null);
        }
        return dhcpView(port);
    }

    private void releaseDhcpPort(String networkId, String host) {
        existingDhcpPort(networkId, host).ifPresent(p -> plugin.ports().delete(RequestContext.admin(null), (String) p.get("id"), null));
    }
}
