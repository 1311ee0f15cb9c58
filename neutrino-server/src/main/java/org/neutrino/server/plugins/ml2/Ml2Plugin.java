package org.neutrino.server.plugins.ml2;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.TagStore;
import org.neutrino.db.ipam.IpamStore;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.Converters;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.MacAddress;
import org.neutrino.db.ml2.SegmentStore;
import org.neutrino.lib.config.Config;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.agents.DhcpScheduler;
import org.neutrino.server.config.ServerOptions;
import org.neutrino.server.plugins.ml2.drivers.Segment;
import org.neutrino.server.quota.QuotaEngine;
import org.neutrino.server.rpc.AgentNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core plugin: networks, subnets and ports with their addresses, stored in the database in
 * one transaction per API call.
 */
public final class Ml2Plugin {
    /**
     * {@code is_default} of networks (Neutron's auto-allocated-topology attribute): whether an
     * external network is the default one for auto-allocation. Neutron accepts it on every
     * network and it has no effect on one that is not external, and clients send it unasked
     * (openstack4j 3.12 puts {@code "is_default": false} in every network it creates). Neutrino
     * has no external networks yet: the attribute is validated, checked by policy
     * ({@code create_network:is_default} is admin-only) and not stored.
     */
    static final AttributeDef IS_DEFAULT = AttributeDef.of("is_default").postPut().defaultValue(false)
            .convert(Converters.BOOLEAN).policy().build();

    private static final Logger LOG = LoggerFactory.getLogger(Ml2Plugin.class);
    private static final int MAC_ATTEMPTS = 16;

    private final Database database;
    private final String baseMac;
    private final RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
    private final NetworkSegments segments;
    private final MechanismManager mechanisms;
    private final Agents agents;
    private final DhcpScheduler dhcpScheduler;
    private final AgentNotifier notifier;
    private final NetworkHandler networks;
    private final SubnetHandler subnets;
    private final PortHandler ports;

    /**
     * @param subnetDefinition   the subnets' attribute table (its limits come from configuration)
     * @param maxFixedIpsPerPort {@code [DEFAULT] max_fixed_ips_per_port}
     */
    public Ml2Plugin(Database database, QuotaEngine quotas, ResourceDef subnetDefinition, String baseMac, int maxFixedIpsPerPort,
                     TypeManager types, MechanismManager mechanisms, Agents agents, DhcpScheduler dhcpScheduler,
                     AgentNotifier notifier) {
        this.database = database;
        this.baseMac = baseMac;
        this.segments = new NetworkSegments(types, new SegmentStore());
        this.mechanisms = mechanisms;
        this.agents = agents;
        this.dhcpScheduler = dhcpScheduler;
        this.notifier = notifier;
        TagStore tags = new TagStore();
        IpamStore ipam = new IpamStore();
        ResourceDef networkDefinition = CoreResources.networks().extend(CoreResources.provider())
                .extend(CoreResources.multiProviderSegments()).extend(IS_DEFAULT);
        this.networks = new NetworkHandler(networkDefinition, database, tags, quotas, this);
        this.subnets = new SubnetHandler(subnetDefinition, database, tags, ipam, quotas, this);
        this.ports = new PortHandler(CoreResources.ports().extend(CoreResources.portBinding()), database, tags,
                new PortAddresses(ipam, maxFixedIpsPerPort), quotas, this);
        database.inTransaction(h -> {
            types.initialize(h);
            return null;
        });
    }

    /** Builds ML2 from {@code [ml2]}, {@code [ml2_type_*]} and the server options. */
    public static Ml2Plugin fromConfig(Config config, Database database, QuotaEngine quotas, Agents agents, AgentNotifier notifier) {
        SegmentStore store = new SegmentStore();
        for (String name : config.get(Ml2Options.EXTENSION_DRIVERS)) {
            LOG.warn("[ml2] extension_drivers: '{}' is not provided and is ignored", name);
        }
        return new Ml2Plugin(database, quotas,
                CoreResources.subnets(config.get(ServerOptions.MAX_DNS_NAMESERVERS), config.get(ServerOptions.MAX_SUBNET_HOST_ROUTES)),
                config.get(ServerOptions.BASE_MAC), config.get(ServerOptions.MAX_FIXED_IPS_PER_PORT), TypeManager.fromConfig(config, store),
                MechanismManager.fromNames(config.get(Ml2Options.MECHANISM_DRIVERS), agents), agents,
                new DhcpScheduler(agents, config.get(Ml2Options.DHCP_AGENTS_PER_NETWORK), config.get(Ml2Options.NETWORK_AUTO_SCHEDULE)),
                notifier);
    }

    public NetworkHandler networks() {
        return networks;
    }

    public SubnetHandler subnets() {
        return subnets;
    }

    public PortHandler ports() {
        return ports;
    }

    NetworkSegments segments() {
        return segments;
    }

    public Agents agents() {
        return agents;
    }

    public DhcpScheduler dhcpScheduler() {
        return dhcpScheduler;
    }

    public AgentNotifier notifier() {
        return notifier;
    }

    public Database database() {
        return database;
    }

    /** The segments of a network, in order. */
    public List<Segment> segmentsOf(Handle h, String networkId) {
        return segments.segmentsOf(h, networkId);
    }

    /** Binds {@code port} (attribute map) for its {@code binding:host_id}; no I/O. */
    public void bindPort(Handle h, Map<String, Object> port) {
        mechanisms.bind(h, port, segments.segmentsOf(h, (String) port.get("network_id")));
    }

    /** Schedules a network to DHCP agents if it needs some (inside the caller's transaction). */
    void scheduleDhcp(Handle h, String networkId) {
        dhcpScheduler.schedule(h, networkId);
    }

    List<String> dhcpHosts(Handle h, String networkId) {
        return agents.store().dhcpHostsOfNetwork(h, networkId);
    }

    // ---- after commit: tell the agents ----

    void portChanged(Map<String, Object> port) {
        notifier.portChanged((String) port.get("id"), (String) port.get("network_id"));
    }

    void portDeleted(Map<String, Object> port) {
        notifier.portDeleted((String) port.get("id"), (String) port.get("network_id"));
    }

    void subnetsChanged(String networkId) {
        notifier.dhcpNetworkChanged(networkId);
    }

    void networkChanged(String networkId) {
        notifier.networkChanged(networkId);
    }

    void networkDeleted(String networkId, List<String> dhcpHosts) {
        notifier.networkDeleted(networkId, dhcpHosts);
    }

    /**
     * 404 {@code NetworkNotFound} when the network does not exist, or when a non-admin creates
     * on a network of another project that is not shared (its existence is not revealed).
     */
    void checkNetworkAccess(RequestContext context, String networkId, String projectId) {
        Map<String, Object> network = database.read(h -> CoreTables.NETWORKS.find(h, networkId))
                .orElseThrow(() -> Ml2ResourceHandler.networkNotFound(networkId));
        if (context.isAdvsvc() || Boolean.TRUE.equals(network.get("shared"))) {
            return;
        }
        if (!String.valueOf(network.get("project_id")).equals(projectId)) {
            throw Ml2ResourceHandler.networkNotFound(networkId);
        }
    }

    /**
     * Adds {@code network:tenant_id} / {@code network:project_id} / {@code networks:shared} for
     * policy rules; rows loaded with {@link #addNetworkOwners} carry them already (clients cannot
     * set these keys: unknown attributes are refused).
     */
    Map<String, Object> withNetworkOwner(Map<String, Object> resource) {
        Map<String, Object> target = new HashMap<>(resource);
        Object networkId = resource.get("network_id");
        if (networkId instanceof String id && !resource.containsKey("network:project_id")) {
            database.read(h -> CoreTables.NETWORKS.find(h, id)).ifPresent(network -> putNetworkOwner(target, network));
        }
        return target;
    }

    /**
     * Puts the policy keys of {@link #withNetworkOwner} into rows of a list, reading their
     * networks in one query per 500, so that rendering a list needs no query per row.
     */
    void addNetworkOwners(Handle h, List<Map<String, Object>> rows) {
        List<String> networkIds = rows.stream().map(r -> (String) r.get("network_id")).distinct().toList();
        Map<String, Map<String, Object>> networks = new HashMap<>();
        for (int from = 0; from < networkIds.size(); from += 500) {
            List<String> batch = networkIds.subList(from, Math.min(networkIds.size(), from + 500));
            CoreTables.NETWORKS.list(h, ListQuery.all().and(CoreTables.NETWORKS.in("id", batch, "owner")))
                    .forEach(network -> networks.put((String) network.get("id"), network));
        }
        for (Map<String, Object> row : rows) {
            Map<String, Object> network = networks.get(row.get("network_id"));
            if (network != null) {
                putNetworkOwner(row, network);
            }
        }
    }

    private static void putNetworkOwner(Map<String, Object> target, Map<String, Object> network) {
        target.put("network:tenant_id", network.get("project_id"));
        target.put("network:project_id", network.get("project_id"));
        target.put("networks:shared", network.get("shared"));
    }

    /** A random MAC from {@code base_mac} not used on the network. */
    String freeMac(Handle h, String networkId) {
        for (int i = 0; i < MAC_ATTEMPTS; i++) {
            String mac = MacAddress.random(baseMac, random);
            boolean used = h.createQuery("SELECT COUNT(*) FROM ports WHERE network_id = :n AND mac_address = :m")
                    .bind("n", networkId).bind("m", mac).mapTo(Integer.class).one() > 0;
            if (!used) {
                return mac;
            }
        }
        throw NeutronException.serviceUnavailable("MacAddressGenerationFailure",
                "Unable to generate unique mac on network " + networkId + ".");
    }

    /** Deletes the ports Neutron removes with their network (DHCP ports). */
    void deleteAutoDeletedPorts(Handle h, String networkId) {
        for (String portId : h.createQuery("SELECT id FROM ports WHERE network_id = :n AND device_owner = 'network:dhcp'")
                .bind("n", networkId).mapTo(String.class).list()) {
            CoreTables.PORTS.findForUpdate(h, portId).ifPresent(port -> ports.deleteLocked(h, port));
        }
    }

}
