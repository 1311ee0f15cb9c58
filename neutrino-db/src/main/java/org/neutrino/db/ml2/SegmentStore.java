package org.neutrino.db.ml2;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.FreeRanges;

/**
 * Network segments and the allocation of segmentation ids: {@code segment_allocations} holds
 * every id in use (its primary key forbids a double allocation); the configured tenant ranges
 * are pools of {@link FreeRanges}, rebuilt when the configuration changes.
 */
public final class SegmentStore {
    private final FreeRanges free = new FreeRanges("segment_free_ranges", "pool", "first_id", "last_id");

    /** A stored segment. */
    public record SegmentRow(String id, String networkId, String networkType, String physicalNetwork,
                             Integer segmentationId, int index) {
    }

    public void insert(Handle handle, SegmentRow row) {
        handle.createUpdate("INSERT INTO networksegments (id, network_id, network_type, physical_network, segmentation_id, "
                        + "segment_index) VALUES (:id, :n, :t, :p, :s, :i)")
                .bind("id", row.id()).bind("n", row.networkId()).bind("t", row.networkType()).bind("p", row.physicalNetwork())
                .bind("s", row.segmentationId()).bind("i", row.index()).execute();
    }

    /** The segments of each network, in index order; one query per call. */
    public Map<String, List<SegmentRow>> segmentsOf(Handle handle, Collection<String> networkIds) {
        Map<String, List<SegmentRow>> out = new LinkedHashMap<>();
        if (networkIds.isEmpty()) {
            return out;
        }
        handle.createQuery("SELECT id, network_id, network_type, physical_network, segmentation_id, segment_index "
                        + "FROM networksegments WHERE network_id IN (<ids>) ORDER BY network_id, segment_index")
                .bindList("ids", new ArrayList<>(networkIds))
                .map((rs, ctx) -> new SegmentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Integer) rs.getObject(5, Integer.class), rs.getInt(6)))
                .forEach(row -> out.computeIfAbsent(row.networkId(), k -> new ArrayList<>()).add(row));
        return out;
    }

    public List<SegmentRow> segmentsOf(Handle handle, String networkId) {
        return segmentsOf(handle, List.of(networkId)).getOrDefault(networkId, List.of());
    }

    public void deleteSegments(Handle handle, String networkId) {
        handle.createUpdate("DELETE FROM networksegments WHERE network_id = :n").bind("n", networkId).execute();
    }

    /** Marks an id as used by a network; false when it already is. */
    public boolean reserve(Handle handle, String type, String physicalNetwork, int segmentationId, String networkId) {
        boolean taken = handle.createQuery("SELECT COUNT(*) FROM segment_allocations WHERE network_type = :t "
                        + "AND physical_network = :p AND segmentation_id = :s")
                .bind("t", type).bind("p", nonNull(physicalNetwork)).bind("s", segmentationId).mapTo(Integer.class).one() > 0;
        if (taken) {
            return false;
        }
        handle.createUpdate("INSERT INTO segment_allocations (network_type, physical_network, segmentation_id, network_id) "
                        + "VALUES (:t, :p, :s, :n)")
                .bind("t", type).bind("p", nonNull(physicalNetwork)).bind("s", segmentationId).bind("n", networkId).execute();
        return true;
    }

    public void release(Handle handle, String type, String physicalNetwork, int segmentationId) {
        handle.createUpdate("DELETE FROM segment_allocations WHERE network_type = :t AND physical_network = :p "
                        + "AND segmentation_id = :s")
                .bind("t", type).bind("p", nonNull(physicalNetwork)).bind("s", segmentationId).execute();
    }

    /**
     * Makes the free ranges of {@code pool} match the configured {@code ranges} (each
     * {@code [first, last]}) minus the ids in use, when the configuration changed since the last
     * call.
     */
    public void syncPool(Handle handle, String pool, List<int[]> ranges, String type, String physicalNetwork) {
        String text = ranges.stream().map(r -> r[0] + ":" + r[1]).reduce((a, b) -> a + "," + b).orElse("");
        Optional<String> stored = handle.createQuery("SELECT ranges FROM segment_pools WHERE pool = :p FOR UPDATE")
                .bind("p", pool).mapTo(String.class).findOne();
        if (stored.isPresent() && stored.get().equals(text)) {
            return;
        }
        List<BigInteger> used = handle.createQuery("SELECT segmentation_id FROM segment_allocations WHERE network_type = :t "
                        + "AND physical_network = :p")
                .bind("t", type).bind("p", nonNull(physicalNetwork)).mapTo(Integer.class).map(BigInteger::valueOf).list();
        free.rebuild(handle, pool, ranges.stream().map(r -> new FreeRanges.Range(BigInteger.valueOf(r[0]), BigInteger.valueOf(r[1]))).toList(), used);
        if (stored.isPresent()) {
            handle.createUpdate("UPDATE segment_pools SET ranges = :r WHERE pool = :p").bind("r", text).bind("p", pool).execute();
        } else {
            handle.createUpdate("INSERT INTO segment_pools (pool, ranges) VALUES (:p, :r)").bind("r", text).bind("p", pool).execute();
        }
    }

    /** The lowest free id of a pool, taken. */
    public OptionalInt allocate(Handle handle, String pool) {
        return free.takeLowest(handle, pool).map(v -> OptionalInt.of(v.intValueExact())).orElse(OptionalInt.empty());
    }

    /** Takes a given id out of a pool if it is free there. */
    public void takeFromPool(Handle handle, String pool, int id) {
        free.take(handle, pool, BigInteger.valueOf(id));
    }

    public void giveBack(Handle handle, String pool, int id) {
        free.giveBack(handle, pool, BigInteger.valueOf(id));
    }

    private static String nonNull(String physicalNetwork) {
        return physicalNetwork == null ? "" : physicalNetwork;
    }
}
