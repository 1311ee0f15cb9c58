package org.neutrino.db.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.FreeRanges;
import org.neutrino.lib.net.IpAddress;

/**
 * Address allocation for subnets. Free addresses of the allocation pools are kept as
 * {@link FreeRanges}: allocating any address locks and shrinks the lowest range (one indexed
 * read), allocating a given address splits the range that holds it. {@code ipallocations}' primary key
 * (subnet, address) makes a duplicate impossible whatever happens above it.
 */
public final class IpamStore {
    private static final int BATCH = 500;

    /** One address held by a port. */
    public record Allocation(String portId, String subnetId, String ipAddress) {
    }

    private final FreeRanges free = new FreeRanges("ipam_free_ranges", "subnet_id", "first_ip", "last_ip");

    public void addFreeRange(Handle handle, String subnetId, IpAddress first, IpAddress last) {
        free.add(handle, subnetId, first.value(), last.value());
    }

    /** Drops all free ranges of a subnet (before a rebuild). */
    public void clearFreeRanges(Handle handle, String subnetId) {
        free.clear(handle, subnetId);
    }

    /** Takes the lowest free address of the subnet; empty when the pools are exhausted. */
    public Optional<IpAddress> allocateAny(Handle handle, String subnetId, int version) {
        return free.takeLowest(handle, subnetId).map(value -> new IpAddress(version, value));
    }

    /**
     * Removes {@code ip} from the free ranges if it is in one (it may lie outside the pools,
     * which Neutron allows for a requested address). Returns whether it was free in a pool.
     */
    public boolean takeSpecific(Handle handle, String subnetId, IpAddress ip) {
        return free.take(handle, subnetId, ip.value());
    }

    /** Gives an address back to the free ranges (only call it for addresses inside the pools). */
    public void giveBack(Handle handle, String subnetId, IpAddress ip) {
        free.giveBack(handle, subnetId, ip.value());
    }

    /**
     * Rebuilds the free ranges of a subnet from its pools ({@code [first, last]} pairs) minus the
     * addresses its ports hold. The caller must hold the subnet's row lock, which every
     * transaction that allocates or releases addresses of the subnet takes first: an address
     * allocated or released between the read of the allocations and the new ranges would
     * otherwise come back free (and be given twice) or be lost.
     */
    public void rebuildFreeRanges(Handle handle, String subnetId, List<IpAddress[]> pools) {
        List<BigInteger> used = allocationsOfSubnet(handle, subnetId).stream()
                .map(a -> IpAddress.parse(a.ipAddress()).value()).toList();
        free.rebuild(handle, subnetId, pools.stream().map(p -> new FreeRanges.Range(p[0].value(), p[1].value())).toList(), used);
    }

    /** Number of free addresses left in the pools of each subnet. */
    public Map<String, BigInteger> freeCounts(Handle handle, Collection<String> subnetIds) {
        return free.freeCounts(handle, subnetIds);
    }

    // ---- allocations ----

    public boolean isAllocated(Handle handle, String subnetId, String ipAddress) {
        return handle.createQuery("SELECT COUNT(*) FROM ipallocations WHERE subnet_id = :s AND ip_address = :ip")
                .bind("s", subnetId).bind("ip", ipAddress).mapTo(Integer.class).one() > 0;
    }

    public void insertAllocation(Handle handle, Allocation allocation, String networkId) {
        handle.createUpdate("INSERT INTO ipallocations (subnet_id, ip_address, port_id, network_id) VALUES (:s, :ip, :p, :n)")
                .bind("s", allocation.subnetId()).bind("ip", allocation.ipAddress()).bind("p", allocation.portId())
                .bind("n", networkId).execute();
    }

    public void deleteAllocation(Handle handle, Allocation allocation) {
        handle.createUpdate("DELETE FROM ipallocations WHERE subnet_id = :s AND ip_address = :ip AND port_id = :p")
                .bind("s", allocation.subnetId()).bind("ip", allocation.ipAddress()).bind("p", allocation.portId()).execute();
    }

    /** The addresses of each port, in one query per 500 ports. */
    public Map<String, List<Allocation>> allocationsOfPorts(Handle handle, Collection<String> portIds) {
        Map<String, List<Allocation>> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(portIds);
        for (int from = 0; from < all.size(); from += BATCH) {
            handle.createQuery("SELECT port_id, subnet_id, ip_address FROM ipallocations WHERE port_id IN (<ids>) "
                            + "ORDER BY port_id, subnet_id, ip_address")
                    .bindList("ids", all.subList(from, Math.min(all.size(), from + BATCH)))
                    .map((rs, ctx) -> new Allocation(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .forEach(a -> out.computeIfAbsent(a.portId(), k -> new ArrayList<>()).add(a));
        }
        return out;
    }

    public List<Allocation> allocationsOfSubnet(Handle handle, String subnetId) {
        return handle.createQuery("SELECT port_id, subnet_id, ip_address FROM ipallocations WHERE subnet_id = :s")
                .bind("s", subnetId).map((rs, ctx) -> new Allocation(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Allocation counts per subnet. */
    public Map<String, Integer> allocationCounts(Handle handle, Collection<String> subnetIds) {
        Map<String, Integer> out = new HashMap<>();
        if (subnetIds.isEmpty()) {
            return out;
        }
        handle.createQuery("SELECT subnet_id, COUNT(*) FROM ipallocations WHERE subnet_id IN (<ids>) GROUP BY subnet_id")
                .bindList("ids", new ArrayList<>(subnetIds))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
