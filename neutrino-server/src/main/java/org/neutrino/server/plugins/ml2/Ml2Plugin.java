package org.neutrino.server.plugins.ml2;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.TagStore;
import org.neutrino.db.ipam.IpamStore;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.MacAddress;
import org.neutrino.server.quota.QuotaEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core plugin: networks, subnets and ports with their addresses, stored in the database in
 * one transaction per API call.
 */
public final class Ml2Plugin {
    private static final Logger LOG = LoggerFactory.getLogger(Ml2Plugin.class);
    private static final int MAC_ATTEMPTS = 16;

    private final Database database;
    private final String baseMac;
    private final int defaultMtu;
    private final RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
    private final NetworkHandler networks;
    private final SubnetHandler subnets;
    private final PortHandler ports;

    /**
     * @param subnetDefinition the subnets' attribute table (its limits come from configuration)
     */
    public Ml2Plugin(Database database, QuotaEngine quotas, ResourceDef subnetDefinition, String baseMac, int defaultMtu) {
        this.database = database;
        this.baseMac = baseMac;
        this.defaultMtu = defaultMtu;
        TagStore tags = new TagStore();
        IpamStore ipam = new IpamStore();
        this.networks = new NetworkHandler(CoreResources.networks(), database, tags, quotas, this);
        this.subnets = new SubnetHandler(subnetDefinition, database, tags, ipam, quotas, this);
        this.ports = new PortHandler(CoreResources.ports().extend(CoreResources.portBinding()), database, tags, ipam, quotas, this);
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

    int defaultMtu() {
        return defaultMtu;
    }

    /**
     * 404 {@code NetworkNotFound} when the network does not exist, or when a non-admin creates
     * on a network of another project that is not shared (its existence is not revealed).
     */
    void checkNetworkAccess(RequestContext context, String networkId, String projectId) {
        Map<String, Object> network = database.read(h -> CoreTables.NETWORKS.find(h, networkId))
                .orElseThrow(() -> NetworkHandler.notFound(networkId));
        if (context.isAdmin() || context.hasRole("advsvc") || Boolean.TRUE.equals(network.get("shared"))) {
            return;
        }
        if (!String.valueOf(network.get("project_id")).equals(projectId)) {
            throw NetworkHandler.notFound(networkId);
        }
    }

    /** Adds {@code network:tenant_id} / {@code network:project_id} / {@code networks:shared} for policy rules. */
    Map<String, Object> withNetworkOwner(Map<String, Object> resource) {
        Map<String, Object> target = new HashMap<>(resource);
        Object networkId = resource.get("network_id");
        if (networkId instanceof String id) {
            database.read(h -> CoreTables.NETWORKS.find(h, id)).ifPresent(network -> {
                target.put("network:tenant_id", network.get("project_id"));
                target.put("network:project_id", network.get("project_id"));
                target.put("networks:shared", network.get("shared"));
            });
        }
        return target;
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

    /** Called after each committed change. */
    void afterCommit(String resource, String event, List<String> ids) {
        LOG.debug("{} {} {}", resource, event, ids);
    }
}
