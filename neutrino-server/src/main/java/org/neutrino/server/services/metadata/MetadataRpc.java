package org.neutrino.server.services.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.neutrino.db.Database;
import org.neutrino.db.l3.L3Store;
import org.neutrino.db.ml2.AgentPortQueries;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.rpc.Message;
import org.neutrino.rpc.agent.AgentJson;
import org.neutrino.rpc.agent.MetadataLookup;

/**
 * {@code get_metadata_instance {router_id | network_id, ip_address}} → the one port holding the
 * address, as Neutron's metadata agent finds it: through a router, only on the networks where that
 * router has an interface (the router's own ports, not a port that merely names the router as its
 * device), so that the same address in another project's network never answers; on a network,
 * only there. No port, or more than one, is {@code null}. Without the router plugin no router has
 * interfaces, and the lookup by network still works.
 */
final class MetadataRpc {
    private final Database database;
    private final L3Store routers = new L3Store();
    private final AgentPortQueries ports = new AgentPortQueries();

    MetadataRpc(Database database) {
        this.database = database;
    }

    JsonNode instance(Message message) {
        MetadataLookup lookup;
        try {
            lookup = AgentJson.read(message.args(), MetadataLookup.class);
        } catch (IllegalArgumentException e) {
            throw NeutronException.invalidInput(e.getMessage());
        }
        boolean viaRouter = present(lookup.routerId());
        if (viaRouter == present(lookup.networkId())) {
            throw NeutronException.invalidInput("get_metadata_instance needs exactly one of router_id and network_id");
        }
        String address = IpAddress.tryParse(lookup.ipAddress()).map(IpAddress::toString).orElseThrow(() ->
                NeutronException.invalidInput("'" + lookup.ipAddress() + "' is not a valid IP address"));
        List<AgentPortQueries.AddressHolder> holders = database.read(h -> {
            Set<String> networks = new LinkedHashSet<>();
            if (viaRouter) {
                routers.interfaceAddresses(h, lookup.routerId()).forEach(a -> networks.add(a.networkId()));
            } else {
                networks.add(lookup.networkId());
            }
            return ports.portsWithAddress(h, networks, address);
        });
        if (holders.size() != 1) {
            return null;
        }
        AgentPortQueries.AddressHolder port = holders.getFirst();
        return AgentJson.tree(new MetadataLookup.Instance(port.portId(), port.deviceId(), port.projectId(), port.networkId()));
    }

    private static boolean present(String id) {
        return id != null && !id.isBlank();
    }
}
