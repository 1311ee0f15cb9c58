package org.neutrino.db.ipam;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.RetryRequest;
import org.neutrino.lib.net.IpAddress;

/**
 * Address allocation for subnets. Free addresses of the allocation pools are kept as ranges;
 * allocating any address locks and shrinks the lowest range (one indexed read), allocating a
 * given address splits the range that holds it. {@code ipallocations}' primary key
 * (subnet, address) makes a duplicate impossible whatever happens above it.
 */
public final class IpamStore {
    private static final int BATCH = 500;

    /** A pool of free addresses, inclusive. */
    public record Range(IpAddress first, IpAddress last) {
    }

    /** One address held by a port. */
    public record Allocation(String portId, String subnetId, String ipAddress) {
    }

    public void addFreeRange(Handle handle, String subnetId, IpAddress first, IpAddress last) {
        handle.createUpdate("INSERT INTO ipam_free_ranges (subnet_id, first_ip, last_ip) VALUES (:s, :f, :l)")
                .bind("s", subnetId).bind("f", number(first)).bind("l", number(last)).execute();
    }

    /** Drops all free ranges of a subnet (before a rebuild). */
    public void clearFreeRanges(Handle handle, String subnetId) {
        handle.createUpdate("DELETE FROM ipam_free_ranges WHERE subnet_id = :s").bind("s", subnetId).execute();
    }

    /** Takes the lowest free address of the subnet; empty when the pools are exhausted. */
    public Optional<IpAddress> allocateAny(Handle handle, String subnetId, int version) {
        Optional<BigInteger[]> range = handle.createQuery(
                "SELECT first_ip, last_ip FROM ipam_free_ranges WHERE subnet_id = :s ORDER BY first_ip LIMIT 1 FOR UPDATE")
                .bind("s", subnetId)
                .map((rs, ctx) -> new BigInteger[] {rs.getBigDecimal(1).toBigIntegerExact(), rs.getBigDecimal(2).toBigIntegerExact()})
                .findOne();
        if (range.isEmpty()) {
            // Under READ COMMITTED a locked LIMIT 1 read can come back empty when the row it
            // waited for was consumed; only an unlocked look tells real exhaustion.
            boolean any = handle.createQuery("SELECT COUNT(*) FROM ipam_free_ranges WHERE subnet_id = :s")
                    .bind("s", subnetId).mapTo(Integer.class).one() > 0;
            if (any) {
                throw new RetryRequest("free range of subnet " + subnetId + " taken concurrently");
            }
            return Optional.empty();
        }
        BigInteger first = range.get()[0];
        BigInteger last = range.get()[1];
        if (first.equals(last)) {
            deleteRange(handle, subnetId, first);
        } else {
            handle.createUpdate("UPDATE ipam_free_ranges SET first_ip = :n WHERE subnet_id = :s AND first_ip = :f")
                    .bind("n", new BigDecimal(first.add(BigInteger.ONE))).bind("s", subnetId).bind("f", new BigDecimal(first))
                    .execute();
        }
        return Optional.of(new IpAddress(version, first));
    }

    /**
     * Removes {@code ip} from the free ranges if it is in one (it may lie outside the pools,
     * which Neutron allows for a requested address). Returns whether it was free in a pool.
     */
    public boolean takeSpecific(Handle handle, String subnetId, IpAddress ip) {
        BigInteger value = ip.value();
        Optional<BigInteger[]> range = handle.createQuery(
                "SELECT first_ip, last_ip FROM ipam_free_ranges WHERE subnet_id = :s AND first_ip <= :ip AND last_ip >= :ip FOR UPDATE")
                .bind("s", subnetId).bind("ip", new BigDecimal(value))
                .map((rs, ctx) -> new BigInteger[] {rs.getBigDecimal(1).toBigIntegerExact(), rs.getBigDecimal(2).toBigIntegerExact()})
                .findOne();
        if (range.isEmpty()) {
            return false;
        }
        BigInteger first = range.get()[0];
        BigInteger last = range.get()[1];
        deleteRange(handle, subnetId, first);
        if (first.compareTo(value) < 0) {
            addFreeRange(handle, subnetId, new IpAddress(ip.version(), first), new IpAddress(ip.version(), value.subtract(BigInteger.ONE)));
        }
        if (last.compareTo(value) > 0) {
            addFreeRange(handle, subnetId, new IpAddress(ip.version(), value.add(BigInteger.ONE)), new IpAddress(ip.version(), last));
        }
        return true;
    }

    /** Gives an address back to the free ranges (only call it for addresses inside the pools). */
    public void giveBack(Handle handle, String subnetId, IpAddress ip) {
        addFreeRange(handle, subnetId, ip, ip);
    }

    private void deleteRange(Handle handle, String subnetId, BigInteger first) {
        handle.createUpdate("DELETE FROM ipam_free_ranges WHERE subnet_id = :s AND first_ip = :f")
                .bind("s", subnetId).bind("f", new BigDecimal(first)).execute();
    }

    /** Number of free addresses left in the pools of each subnet. */
    public Map<String, BigInteger> freeCounts(Handle handle, Collection<String> subnetIds) {
        Map<String, BigInteger> out = new HashMap<>();
        if (subnetIds.isEmpty()) {
            return out;
        }
        handle.createQuery("SELECT subnet_id, SUM(last_ip - first_ip + 1) FROM ipam_free_ranges WHERE subnet_id IN (<ids>) GROUP BY subnet_id")
                .bindList("ids", new ArrayList<>(subnetIds))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBigDecimal(2).toBigInteger()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
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

    private static BigDecimal number(IpAddress ip) {
        return new BigDecimal(ip.value());
    }
}
