package org.neutrino.server.plugins.ml2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neutrino.db.Database;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.db.ipam.IpamStore;
import org.neutrino.db.ipam.IpamStore.Allocation;
import org.neutrino.db.ml2.AgentPortQueries;
import org.neutrino.db.ml2.AgentPortQueries.BoundPort;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.rpc.agent.NetworkFdb;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.plugins.ml2.drivers.Segment;

/**
 * l2population, pulled: {@code get_network_fdb} answers, for each VXLAN network, the ACTIVE ports
 * on other hosts behind their host's VTEP, in a fixed number of queries.
 */
final class L2populationRpc {
    private final Database database;
    private final Agents agents;
    private final NetworkSegments segments;
    private final AgentPortQueries queries = new AgentPortQueries();
    private final IpamStore ipam;

    L2populationRpc(Database database, Agents agents, NetworkSegments segments, IpamStore ipam) {
        this.database = database;
        this.agents = agents;
        this.segments = segments;
        this.ipam = ipam;
    }

    JsonNode networkFdb(Message message) {
        JsonNode args = message.args();
        return AgentJson.tree(networkFdb(AgentViews.strings(args.get("network_ids")), args.path("host").asText(null)));
    }

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
            List<BoundPort> ports = queries.activePortsElsewhere(h, networkIds, host);
            Map<String, List<Allocation>> ips = ipam.allocationsOfPorts(h, ports.stream().map(BoundPort::id).toList());
            for (String networkId : networkIds) {
                Optional<Segment> vxlan = segments.segmentsOf(h, networkId).stream()
                        .filter(s -> s.networkType().equals("vxlan")).findFirst();
                if (vxlan.isEmpty()) {
                    continue;
                }
                Map<String, List<NetworkFdb.Entry>> byVtep = new LinkedHashMap<>();
                for (BoundPort port : ports) {
                    String vtep = vteps.get(port.hostId());
                    if (!networkId.equals(port.networkId()) || vtep == null) {
                        continue;
                    }
                    List<Allocation> portIps = ips.getOrDefault(port.id(), List.of());
                    String ip = portIps.isEmpty() ? null : portIps.get(0).ipAddress();
                    byVtep.computeIfAbsent(vtep, v -> new ArrayList<>()).add(new NetworkFdb.Entry(port.macAddress(), ip));
                }
                out.put(networkId, new NetworkFdb("vxlan", vxlan.get().segmentationId(), byVtep));
            }
            return out;
        });
    }
}
