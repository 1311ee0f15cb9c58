package org.neutrino.server.plugins.ml2;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.server.plugins.ml2.AllocationPools.Pool;

/**
 * What address allocation needs to know of a subnet.
 *
 * @param id          the subnet id
 * @param cidr        its network
 * @param pools       its allocation pools
 * @param autoAddress whether ports get EUI-64 addresses (SLAAC, DHCPv6-stateless)
 */
record Subnet(String id, Cidr cidr, List<Pool> pools, boolean autoAddress) {

    /**
     * The subnets of a network, oldest first (the order in which Neutron tries them), with their
     * rows locked until the transaction ends. A subnet's row lock guards its pools and its free
     * ranges: a pool update holds it while it rebuilds the free ranges from the addresses in use,
     * so every transaction that allocates or releases addresses takes it first (in this one
     * order, so that they cannot deadlock).
     */
    static List<Subnet> lockAllOfNetwork(Handle h, String networkId) {
        return h.createQuery("SELECT id, cidr, allocation_pools, ipv6_address_mode FROM subnets WHERE network_id = :n "
                        + "ORDER BY created_at, id FOR UPDATE")
                .bind("n", networkId)
                .map((rs, ctx) -> new Subnet(rs.getString(1), Cidr.parse(rs.getString(2)),
                        AllocationPools.fromJsonText(rs.getString(3)),
                        "slaac".equals(rs.getString(4)) || "dhcpv6-stateless".equals(rs.getString(4))))
                .list();
    }

    int version() {
        return cidr.version();
    }

    boolean inPools(IpAddress ip) {
        return AllocationPools.inAny(pools, ip);
    }
}
