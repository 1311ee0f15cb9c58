package org.neutrino.db.ml2;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The reads the agents' RPC makes about ports and networks, each one statement whatever the
 * number of devices or networks asked about.
 */
public final class AgentPortQueries {

    /** A port as l2population needs it: where its MAC lives. */
    public record BoundPort(String id, String networkId, String macAddress, String hostId) {
    }

    /**
     * The ids of the ports bound to {@code host} whose id starts with one of {@code idPrefixes}
     * (a tap device name holds such a prefix).
     */
    public List<String> portIdsOnHost(Handle h, String host, Collection<String> idPrefixes, int prefixLength) {
        if (idPrefixes.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT id FROM ports WHERE binding_host_id = :host AND SUBSTRING(id, 1, " + prefixLength
                        + ") IN (<prefixes>)")
                .bind("host", host).bindList("prefixes", List.copyOf(idPrefixes)).mapTo(String.class).list();
    }

    /** The ACTIVE ports of these networks bound to a host other than {@code exceptHost}. */
    public List<BoundPort> activePortsElsewhere(Handle h, Collection<String> networkIds, String exceptHost) {
        if (networkIds.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT id, network_id, mac_address, binding_host_id FROM ports "
                        + "WHERE network_id IN (<nets>) AND status = 'ACTIVE' AND binding_host_id <> :host")
                .bindList("nets", List.copyOf(networkIds)).bind("host", exceptHost == null ? "" : exceptHost)
                .map((rs, ctx) -> new BoundPort(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    /** A port holding an address: its id, {@code device_id}, project and network. */
    public record AddressHolder(String portId, String deviceId, String projectId, String networkId) {
    }

    /** The ports holding {@code ipAddress} (canonical text) on one of {@code networkIds}. */
    public List<AddressHolder> portsWithAddress(Handle h, Collection<String> networkIds, String ipAddress) {
        if (networkIds.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT p.id, p.device_id, p.project_id, p.network_id FROM ipallocations ia "
                        + "JOIN ports p ON p.id = ia.port_id WHERE ia.ip_address = :ip AND ia.network_id IN (<nets>) "
                        + "ORDER BY p.id")
                .bind("ip", ipAddress).bindList("nets", List.copyOf(networkIds))
                .map((rs, ctx) -> new AddressHolder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Network id → its MTU. */
    public Map<String, Integer> mtus(Handle h, Collection<String> networkIds) {
        Map<String, Integer> out = new HashMap<>();
        if (!networkIds.isEmpty()) {
            h.createQuery("SELECT id, mtu FROM networks WHERE id IN (<ids>)").bindList("ids", List.copyOf(networkIds))
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }
}
