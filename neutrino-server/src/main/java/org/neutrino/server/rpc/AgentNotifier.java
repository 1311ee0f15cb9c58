package org.neutrino.server.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import org.neutrino.db.Database;
import org.neutrino.db.agents.AgentStore;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.MessageBus;
import org.neutrino.rpc.RpcException;
import org.neutrino.rpc.Target;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.AgentTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells agents what changed, after the change is committed: thin casts carrying ids (see
 * {@link AgentTopics}). A cast that cannot be sent is logged, never fails the API call: agents
 * converge by their periodic resync.
 */
public final class AgentNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(AgentNotifier.class);

    private final MessageBus bus;
    private final Database database;
    private final AgentStore agents;

    public AgentNotifier(MessageBus bus, Database database, AgentStore agents) {
        this.bus = bus;
        this.database = database;
        this.agents = agents;
    }

    public void portChanged(String portId, String networkId) {
        fanout(AgentTopics.PORT_UPDATE, AgentTopics.PORT_UPDATE_METHOD, portId, networkId);
        dhcpNetworkChanged(networkId);
        fdbChanged(List.of(networkId));
    }

    public void portDeleted(String portId, String networkId) {
        fanout(AgentTopics.PORT_DELETE, AgentTopics.PORT_DELETE_METHOD, portId, networkId);
        dhcpNetworkChanged(networkId);
        fdbChanged(List.of(networkId));
    }

    public void networkChanged(String networkId) {
        fanout(AgentTopics.NETWORK_UPDATE, AgentTopics.NETWORK_UPDATE_METHOD, null, networkId);
        dhcpNetworkChanged(networkId);
    }

    /** @param dhcpHosts the hosts whose DHCP agent served the network before it was deleted */
    public void networkDeleted(String networkId, Collection<String> dhcpHosts) {
        fanout(AgentTopics.NETWORK_DELETE, AgentTopics.NETWORK_DELETE_METHOD, null, networkId);
        for (String host : dhcpHosts) {
            dhcpCast(host, AgentTopics.NETWORK_REMOVED, networkId);
        }
    }

    /** Subnets or ports of the network changed: its DHCP agents re-sync it. */
    public void dhcpNetworkChanged(String networkId) {
        for (String host : database.read(h -> agents.dhcpHostsOfNetwork(h, networkId))) {
            dhcpCast(host, AgentTopics.NETWORK_CHANGED, networkId);
        }
    }

    public void dhcpCast(String host, String method, String networkId) {
        ObjectNode args = AgentJson.object();
        args.put("network_id", networkId);
        send(() -> bus.cast(Target.server(AgentTopics.DHCP_AGENT, host), new Message(method, args)), method);
    }

    /** l2population: where MACs live changed on these networks. */
    public void fdbChanged(Collection<String> networkIds) {
        if (networkIds.isEmpty()) {
            return;
        }
        ObjectNode args = AgentJson.object();
        args.set("network_ids", AgentJson.tree(networkIds));
        send(() -> bus.fanoutCast(AgentTopics.L2POPULATION, new Message(AgentTopics.FDB_CHANGED, args)), AgentTopics.FDB_CHANGED);
    }

    private void fanout(String topic, String method, String portId, String networkId) {
        ObjectNode args = AgentJson.object();
        if (portId != null) {
            args.put("port_id", portId);
        }
        args.put("network_id", networkId);
        send(() -> bus.fanoutCast(topic, new Message(method, args)), method);
    }

    private static void send(Runnable cast, String what) {
        try {
            cast.run();
        } catch (RpcException e) {
            LOG.warn("could not notify agents ({}): {}; they will catch up at their next resync", what, e.getMessage());
        }
    }
}
