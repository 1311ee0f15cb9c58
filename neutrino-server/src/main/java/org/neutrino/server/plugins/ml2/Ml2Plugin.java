package org.neutrino.server.plugins.ml2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ipam.IpamStore;
import org.neutrino.db.ml2.CoreTables;
import org.neutrino.db.ml2.SegmentStore;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.agents.DhcpScheduler;
import org.neutrino.server.api.RequestBodies;
import org.neutrino.server.callbacks.Event;
import org.neutrino.server.callbacks.Resources;
import org.neutrino.server.config.ServerOptions;
import org.neutrino.server.extensions.ApiDefinitions;
import org.neutrino.server.plugins.CorePlugin;
import org.neutrino.server.plugins.ServerContext;
import org.neutrino.server.plugins.ServicePlugin;
import org.neutrino.server.rpc.AgentNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core plugin: networks, subnets and ports with their addresses, stored in one transaction
 * per API call; segments from the type drivers, bindings from the mechanism drivers; the L2 and
 * DHCP agents' RPC. Other plugins use it through Neutron's verbs ({@link CorePlugin}).
 */
public final class Ml2Plugin implements CorePlugin, ServicePlugin {
    private static final Logger LOG = LoggerFactory.getLogger(Ml2Plugin.class);

    private final Database database;
    private final ServerContext context;
    private final NetworkSegments segments;
    private final AgentNotifier notifier;
    private final NetworkHandler networks;
    private final SubnetHandler subnets;
    private final PortHandler ports;
    private final DeviceRpc deviceRpc;
    private final L2populationRpc l2population;
    private final DhcpRpc dhcpRpc;
    private final DhcpAgentScheduling dhcpScheduling;

    Ml2Plugin(ServerContext context) {
        Config config = context.config();
        for (String name : config.get(Ml2Options.EXTENSION_DRIVERS)) {
            if (Ml2Options.PROVIDED_EXTENSION_DRIVERS.contains(name)) {
                continue;
            }
            LOG.warn("[ml2] extension_drivers: '{}' is not provided and is ignored", name);
        }
        this.context = context;
        this.database = context.database();
        SegmentStore segmentStore = new SegmentStore();
        TypeManager types = TypeManager.fromConfig(config, segmentStore);
        this.segments = new NetworkSegments(types, segmentStore);
        PortBinder binder = new PortBinder(MechanismManager.fromNames(config.get(Ml2Options.MECHANISM_DRIVERS), context.agents()), segments);
        this.notifier = new AgentNotifier(context.bus(), database, context.agents().store());
        DhcpScheduler dhcpScheduler = new DhcpScheduler(context.agents(), config.get(Ml2Options.DHCP_AGENTS_PER_NETWORK),
                config.get(Ml2Options.NETWORK_AUTO_SCHEDULE));
        ResourceServices services = new ResourceServices(database, context.tags(), context.quotas(), new NetworkAccess(database),
                context.attributes(), context.callbacks(), notifier);
        IpamStore ipam = new IpamStore();
        ApiDefinitions definitions = context.definitions();
        this.ports = new PortHandler(definitions.collection("ports"), services,
                new PortAddresses(ipam, config.get(ServerOptions.MAX_FIXED_IPS_PER_PORT)),
                new MacAddresses(config.get(ServerOptions.BASE_MAC)), binder);
        this.subnets = new SubnetHandler(definitions.collection("subnets"), services, ipam, dhcpScheduler);
        this.networks = new NetworkHandler(definitions.collection("networks"), services, segments, context.agents().store(),
                subnets, ports);
        this.deviceRpc = new DeviceRpc(database, ports, segments, binder, notifier);
        this.l2population = new L2populationRpc(database, context.agents(), segments, ipam);
        this.dhcpRpc = new DhcpRpc(database, context.agents(), dhcpScheduler, notifier, networks, subnets, ports);
        this.dhcpScheduling = new DhcpAgentScheduling(context.agents(), database, context.policy(), notifier, networks);
        context.callbacks().subscribe(Resources.AGENT, Event.AFTER_CREATE, dhcpRpc::agentReported);
        context.callbacks().subscribe(Resources.AGENT, Event.AFTER_UPDATE, dhcpRpc::agentReported);
        database.inTransaction(h -> {
            types.initialize(h);
            return null;
        });
    }

    @Override
    public void register(Registrar registrar) {
        registrar.collection(networks);
        registrar.collection(subnets);
        registrar.collection(ports);
        registrar.controller("network-ip-availabilities", new IpAvailabilityController(database, context.policy()));
        registrar.subResource("agents", "dhcp-networks", dhcpScheduling::dhcpNetworks);
        registrar.subResource("networks", "dhcp-agents", dhcpScheduling::networkDhcpAgents);
        registrar.rpc(AgentTopics.GET_DEVICES_DETAILS_LIST, deviceRpc::devicesDetails);
        registrar.rpc(AgentTopics.UPDATE_DEVICE_LIST, deviceRpc::updateDeviceList);
        registrar.rpc(AgentTopics.GET_NETWORK_FDB, l2population::networkFdb);
        registrar.rpc(AgentTopics.GET_ACTIVE_NETWORKS, dhcpRpc::activeNetworks);
        registrar.rpc(AgentTopics.GET_NETWORK_INFO, dhcpRpc::networkInfo);
        registrar.rpc(AgentTopics.GET_DHCP_PORT, dhcpRpc::dhcpPort);
        registrar.rpc(AgentTopics.RELEASE_DHCP_PORT, dhcpRpc::releaseDhcpPort);
    }

    // ---- the verbs other plugins use, in their transaction ----

    @Override
    public Optional<Map<String, Object>> getNetwork(Handle h, String id) {
        return networks.find(h, id);
    }

    @Override
    public List<Map<String, Object>> getNetworks(Handle h, ListQuery query) {
        return networks.loadAll(h, query);
    }

    @Override
    public Optional<Map<String, Object>> getSubnet(Handle h, String id) {
        return subnets.find(h, id);
    }

    @Override
    public List<Map<String, Object>> getSubnets(Handle h, ListQuery query) {
        return subnets.loadAll(h, query);
    }

    @Override
    public Optional<Map<String, Object>> getPort(Handle h, String id) {
        return ports.find(h, id);
    }

    @Override
    public List<Map<String, Object>> getPorts(Handle h, ListQuery query) {
        return ports.loadAll(h, query);
    }

    @Override
    public Map<String, Object> createPort(Handle h, RequestContext context, Map<String, Object> attributes) {
        Map<String, Object> prepared = RequestBodies.prepareCreate(ports.definition(), attributes, context, new ArrayList<>());
        String id = ports.createPort(h, context, prepared);
        return ports.find(h, id).orElseThrow(() -> ports.notFound(id));
    }

    @Override
    public Map<String, Object> updatePort(Handle h, RequestContext context, String id, Map<String, Object> changes) {
        return ports.updatePort(h, context, id, RequestBodies.prepareUpdate(ports.definition(), changes), null);
    }

    @Override
    public void deletePort(Handle h, RequestContext context, String id) {
        ports.deletePort(h, context, id, null);
    }

    @Override
    public Optional<Map<String, Object>> lockPort(Handle h, String id) {
        return CoreTables.PORTS.findForUpdate(h, id).flatMap(row -> ports.find(h, id));
    }

    /** The L2 and DHCP agents' notifications (the all-in-one and tests watch them). */
    public AgentNotifier notifier() {
        return notifier;
    }
}
