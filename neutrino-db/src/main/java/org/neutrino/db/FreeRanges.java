package org.neutrino.db;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Free numbers (addresses, segmentation ids) of named pools, kept as inclusive ranges in one
 * table. Taking the lowest free number locks and shrinks one row found by index, whatever the
 * number of numbers already taken; taking a given number splits the range holding it.
 */
public final class FreeRanges {
    private final String table;
    private final String keyColumn;
    private final String firstColumn;
    private final String lastColumn;

    /** @param table a table with a key column and first/last numeric columns, primary key (key, first) */
    public FreeRanges(String table, String keyColumn, String firstColumn, String lastColumn) {
        this.table = table;
        this.keyColumn = keyColumn;
        this.firstColumn = firstColumn;
        this.lastColumn = lastColumn;
    }

    /** An inclusive range of free numbers. */
    public record Range(BigInteger first, BigInteger last) {
    }

    public void add(Handle handle, String key, BigInteger first, BigInteger last) {
        handle.createUpdate("INSERT INTO " + table + " (" + keyColumn + ", " + firstColumn + ", " + lastColumn
                        + ") VALUES (:k, :f, :l)")
                .bind("k", key).bind("f", new BigDecimal(first)).bind("l", new BigDecimal(last)).execute();
    }

    public void clear(Handle handle, String key) {
        handle.createUpdate("DELETE FROM " + table + " WHERE " + keyColumn + " = :k").bind("k", key).execute();
    }

    /** Takes the lowest free number of the pool; empty when none is left. */
    public Optional<BigInteger> takeLowest(Handle handle, String key) {
        Optional<Range> range = handle.createQuery("SELECT " + firstColumn + ", " + lastColumn + " FROM " + table + " WHERE "
                        + keyColumn + " = :k ORDER BY " + firstColumn + " LIMIT 1 FOR UPDATE")
                .bind("k", key).map((rs, ctx) -> new Range(rs.getBigDecimal(1).toBigIntegerExact(), rs.getBigDecimal(2).toBigIntegerExact()))
                .findOne();
        if (range.isEmpty()) {
            // Under READ COMMITTED a locked LIMIT 1 read can come back empty when the row it
            // waited for was consumed; only an unlocked look tells real exhaustion.
            boolean any = handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + keyColumn + " = :k")
                    .bind("k", key).mapTo(Integer.class).one() > 0;
            if (any) {
                throw new RetryRequest("free range of " + key + " taken concurrently");
            }
            return Optional.empty();
        }
        BigInteger first = range.get().first();
        if (first.equals(range.get().last())) {
            delete(handle, key, first);
        } else {
            handle.createUpdate("UPDATE " + table + " SET " + firstColumn + " = :n WHERE " + keyColumn + " = :k AND "
                            + firstColumn + " = :f")
                    .bind("n", new BigDecimal(first.add(BigInteger.ONE))).bind("k", key).bind("f", new BigDecimal(first)).execute();
        }
        return Optional.of(first);
    }

    /** Removes {@code value} from the free ranges; returns whether it was free. */
    public boolean take(Handle handle, String key, BigInteger value) {
        Optional<Range> range = handle.createQuery("SELECT " + firstColumn + ", " + lastColumn + " FROM " + table + " WHERE "
                        + keyColumn + " = :k AND " + firstColumn + " <= :v AND " + lastColumn + " >= :v FOR UPDATE")
                .bind("k", key).bind("v", new BigDecimal(value))
                .map((rs, ctx) -> new Range(rs.getBigDecimal(1).toBigIntegerExact(), rs.getBigDecimal(2).toBigIntegerExact()))
                .findOne();
        if (range.isEmpty()) {
            return false;
        }
        delete(handle, key, range.get().first());
        if (range.get().first().compareTo(value) < 0) {
            add(handle, key, range.get().first(), value.subtract(BigInteger.ONE));
        }
        if (range.get().last().compareTo(value) > 0) {
            add(handle, key, value.add(BigInteger.ONE), range.get().last());
        }
        return true;
    }

    /** Gives one number back. */
    public void giveBack(Handle handle, String key, BigInteger value) {
        add(handle, key, value, value);
    }

    /** Replaces the free ranges of a pool by {@code ranges} minus {@code used}. */
    public void rebuild(Handle handle, String key, List<Range> ranges, Collection<BigInteger> used) {
        clear(handle, key);
        List<BigInteger> sorted = used.stream().sorted().toList();
        for (Range range : ranges) {
            BigInteger next = range.first();
            for (BigInteger value : sorted) {
                if (value.compareTo(next) < 0 || value.compareTo(range.last()) > 0) {
                    continue;
                }
                if (value.compareTo(next) > 0) {
                    add(handle, key, next, value.subtract(BigInteger.ONE));
                }
                next = value.add(BigInteger.ONE);
            }
            if (next.compareTo(range.last()) <= 0) {
                add(handle, key, next, range.last());
            }
        }
    }

    /** How many numbers are free in each pool. */
    public Map<String, BigInteger> freeCounts(Handle handle, Collection<String> keys) {
        Map<String, BigInteger> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        handle.createQuery("SELECT " + keyColumn + ", SUM(" + lastColumn + " - " + firstColumn + " + 1) FROM " + table
                        + " WHERE " + keyColumn + " IN (<keys>) GROUP BY " + keyColumn)
                .bindList("keys", new ArrayList<>(keys))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBigDecimal(2).toBigInteger()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private void delete(Handle handle, String key, BigInteger first) {
        handle.createUpdate("DELETE FROM " + table + " WHERE " + keyColumn + " = :k AND " + firstColumn + " = :f")
                .bind("k", key).bind("f", new BigDecimal(first)).execute();
    }
}
