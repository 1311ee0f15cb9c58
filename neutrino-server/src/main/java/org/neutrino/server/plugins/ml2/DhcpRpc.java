package org.neutrino.server.plugins.ml2;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.DhcpNetwork;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.agents.DhcpScheduler;
import org.neutrino.server.api.RequestBodies;
import org.neutrino.server.callbacks.Event;
import org.neutrino.server.callbacks.ResourceEvent;
import org.neutrino.server.rpc.AgentNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCP agents' surface: which networks a host serves, a network's subnets and ports, and the
 * host's DHCP port on a network; and, on an {@code agent} event, the networks a new or restarted
 * DHCP agent is given.
 */
final class DhcpRpc {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpRpc.class);
    private static final String DHCP_OWNER = "network:dhcp";

    private final Database database;
    private final Agents agents;
    private final DhcpScheduler scheduler;
    private final AgentNotifier notifier;
    private final NetworkHandler networks;
    private final SubnetHandler subnets;
    private final PortHandler ports;

    DhcpRpc(Database database, Agents agents, DhcpScheduler scheduler, AgentNotifier notifier, NetworkHandler networks,
            SubnetHandler subnets, PortHandler ports) {
        this.database = database;
        this.agents = agents;
        this.scheduler = scheduler;
        this.notifier = notifier;
        this.networks = networks;
        this.subnets = subnets;
        this.ports = ports;
    }

    /** A DHCP agent registered or restarted: it gets the networks no live agent serves. */
    void agentReported(ResourceEvent event) {
        Map<String, Object> agent = event.latest();
        if (!AgentTopics.DHCP_AGENT_TYPE.equals(agent.get("agent_type"))
                || !(event.event() == Event.AFTER_CREATE || Boolean.TRUE.equals(agent.get("start_flag")))) {
            return;
        }
        String host = (String) agent.get("host");
        List<String> scheduled = database.inTransaction(h -> agents.store().find(h, (String) agent.get("id"))
                .map(row -> scheduler.scheduleUnhosted(h, row)).orElse(List.of()));
        scheduled.forEach(n -> notifier.dhcpCast(host, AgentTopics.NETWORK_CHANGED, n));
    }

    JsonNode activeNetworks(Message message) {
        String host = message.args().path("host").asText(null);
        return AgentJson.tree(database.read(h -> agents.store().byTypeAndHost(h, AgentTopics.DHCP_AGENT_TYPE, host)
                .map(a -> agents.store().networksOfDhcpAgent(h, a.id())).orElse(List.of())));
    }

    JsonNode networkInfo(Message message) {
        return AgentJson.tree(networkInfo(message.args().path("network_id").asText()));
    }

    JsonNode dhcpPort(Message message) {
        JsonNode args = message.args();
        return AgentJson.tree(dhcpPort(args.path("network_id").asText(), args.path("host").asText(null)));
    }

    JsonNode releaseDhcpPort(Message message) {
        JsonNode args = message.args();
        existingDhcpPort(args.path("network_id").asText(), args.path("host").asText(null))
                .ifPresent(p -> ports.delete(RequestContext.admin(null), (String) p.get("id"), null));
        return null;
    }

    private DhcpNetwork networkInfo(String networkId) {
        RequestContext admin = RequestContext.admin(null);
        Optional<Map<String, Object>> network = networks.find(networkId);
        if (network.isEmpty()) {
            return null;
        }
        List<DhcpNetwork.Subnet> out = new ArrayList<>();
        for (Map<String, Object> s : subnets.list(admin, onNetwork(networkId))) {
            List<DhcpNetwork.HostRoute> routes = new ArrayList<>();
            for (Object r : (List<?>) s.get("host_routes")) {
                Map<?, ?> map = (Map<?, ?>) r;
                routes.add(new DhcpNetwork.HostRoute((String) map.get("destination"), (String) map.get("nexthop")));
            }
            out.add(new DhcpNetwork.Subnet((String) s.get("id"), (String) s.get("cidr"), (Integer) s.get("ip_version"),
                    (String) s.get("gateway_ip"), (Boolean) s.get("enable_dhcp"),
                    ((List<?>) s.get("dns_nameservers")).stream().map(String::valueOf).toList(), routes,
                    (String) s.get("ipv6_address_mode"), (String) s.get("ipv6_ra_mode")));
        }
        List<DhcpNetwork.Port> portViews = new ArrayList<>();
        for (Map<String, Object> p : ports.list(admin, onNetwork(networkId))) {
            portViews.add(dhcpView(p));
        }
        return new DhcpNetwork(networkId, (Boolean) network.get().get("admin_state_up"), (Integer) network.get().get("mtu"), out,
                portViews);
    }

    private static ListQuery onNetwork(String networkId) {
        return new ListQuery(Map.of("network_id", List.of(networkId)), List.of(), List.of(), 0, null, false);
    }

    private static DhcpNetwork.Port dhcpView(Map<String, Object> port) {
        return new DhcpNetwork.Port((String) port.get("id"), (String) port.get("mac_address"), AgentViews.fixedIps(port),
                (String) port.get("device_owner"), (String) port.get("device_id"), extraDhcpOpts(port));
    }

    /** The port's {@code extra_dhcp_opts} (the extra_dhcp_opt extension's attribute), none when it has not any. */
    private static List<DhcpNetwork.ExtraDhcpOpt> extraDhcpOpts(Map<String, Object> port) {
        List<DhcpNetwork.ExtraDhcpOpt> out = new ArrayList<>();
        if (port.get("extra_dhcp_opts") instanceof List<?> options) {
            for (Object option : options) {
                Map<?, ?> o = (Map<?, ?>) option;
                out.add(new DhcpNetwork.ExtraDhcpOpt((String) o.get("opt_name"), (String) o.get("opt_value"),
                        ((Number) o.get("ip_version")).intValue()));
            }
        }
        return out;
    }

    /** Neutron's device id of a host's DHCP port: {@code dhcp<uuid5(host)>-<network id>}. */
    static String dhcpDeviceId(String host, String networkId) {
        return "dhcp" + UUID.nameUUIDFromBytes(host.getBytes(StandardCharsets.UTF_8)) + "-" + networkId;
    }

    private Optional<Map<String, Object>> existingDhcpPort(String networkId, String host) {
        return ports.list(RequestContext.admin(null), new ListQuery(Map.of("network_id", List.of(networkId),
                "device_id", List.of(dhcpDeviceId(host, networkId))), List.of(), List.of(), 0, null, false)).stream().findFirst();
    }

    /**
     * The host's DHCP port on the network, as Neutron's DHCP agent keeps it
     * ({@code setup_dhcp_port}): created with an address on every DHCP-enabled subnet, IPv4 and
     * IPv6; later given an address on a DHCP-enabled subnet it lacks, and relieved of its address
     * on a subnet whose DHCP was turned off, keeping the addresses it has. Automatic addresses
     * (SLAAC, DHCPv6-stateless) are the server's: the port gets them with every other port and
     * keeps them. Bound to the host.
     */
    private DhcpNetwork.Port dhcpPort(String networkId, String host) {
        RequestContext admin = RequestContext.admin(null);
        Map<String, Object> network = networks.find(networkId)
                .orElseThrow(() -> NeutronException.notFound("NetworkNotFound", "Network " + networkId + " could not be found."));
        List<Map<String, Object>> all = subnets.list(admin, onNetwork(networkId));
        Set<String> dhcpSubnets = new LinkedHashSet<>();
        Set<String> automatic = new HashSet<>();
        for (Map<String, Object> subnet : all) {
            if (Boolean.TRUE.equals(subnet.get("enable_dhcp"))) {
                dhcpSubnets.add((String) subnet.get("id"));
            }
            if (SubnetHandler.isAutoAddress(subnet)) {
                automatic.add((String) subnet.get("id"));
            }
        }
        Optional<Map<String, Object>> existing = existingDhcpPort(networkId, host);
        if (existing.isEmpty()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("network_id", networkId);
            item.put("tenant_id", network.get("project_id"));
            item.put("device_owner", DHCP_OWNER);
            item.put("device_id", dhcpDeviceId(host, networkId));
            item.put("binding:host_id", host);
            item.put("fixed_ips", dhcpSubnets.stream().map(s -> Map.of("subnet_id", s)).toList());
            Map<String, Object> prepared = RequestBodies.prepareCreate(ports.definition(), item, admin, new ArrayList<>());
            LOG.info("creating the DHCP port of network {} on host {}", networkId, host);
            return dhcpView(ports.create(admin, List.of(prepared)).get(0));
        }
        Map<String, Object> port = existing.get();
        List<Object> fixedIps = new ArrayList<>();
        Set<String> has = new HashSet<>();
        boolean changed = false;
        for (Object ip : (List<?>) port.get("fixed_ips")) {
            String subnetId = (String) ((Map<?, ?>) ip).get("subnet_id");
            has.add(subnetId);
            if (dhcpSubnets.contains(subnetId) || automatic.contains(subnetId)) {
                fixedIps.add(ip);
            } else {
                changed = true;
            }
        }
        for (String subnetId : dhcpSubnets) {
            if (!has.contains(subnetId) && !automatic.contains(subnetId)) {
                fixedIps.add(Map.of("subnet_id", subnetId));
                changed = true;
            }
        }
        if (changed || !host.equals(port.get("binding:host_id"))) {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("fixed_ips", fixedIps);
            changes.put("binding:host_id", host);
            LOG.info("DHCP port {} of network {} on host {} follows the DHCP subnets: {}", port.get("id"), networkId, host, dhcpSubnets);
            port = ports.update(admin, (String) port.get("id"), changes, null);
        }
        return dhcpView(port);
    }
}
