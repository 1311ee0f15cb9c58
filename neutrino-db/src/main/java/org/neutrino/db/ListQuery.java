package org.neutrino.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A list request after validation: filters on columns (values already converted; several
 * values mean OR), extra SQL conditions (tags, fixed IPs), the caller's visibility scope, sort
 * order, and keyset pagination.
 *
 * @param filters     attribute → accepted values
 * @param conditions  extra SQL conditions ANDed to the filters
 * @param sorts       sort keys in order (the id is added last as a tie-break when absent)
 * @param limit       page size, 0 for all
 * @param marker      the id of the last row of the previous page, or {@code null}
 * @param pageReverse whether to page backwards: the rows before the marker, or the last page
 *                    without one (rows still come back in sort order)
 * @param scope       the rows the caller may see, or {@code null} for all (an admin): it limits
 *                    the rows listed and the lookup of the marker alike
 */
public record ListQuery(Map<String, List<Object>> filters, List<Condition> conditions, List<Sort> sorts,
                        int limit, String marker, boolean pageReverse, Condition scope) {

    public ListQuery {
        filters = Map.copyOf(filters);
        conditions = List.copyOf(conditions);
        sorts = List.copyOf(sorts);
    }

    /** A query without a visibility scope. */
    public ListQuery(Map<String, List<Object>> filters, List<Condition> conditions, List<Sort> sorts,
                     int limit, String marker, boolean pageReverse) {
        this(filters, conditions, sorts, limit, marker, pageReverse, null);
    }

    public static ListQuery all() {
        return new ListQuery(Map.of(), List.of(), List.of(), 0, null, false);
    }

    /** A copy with one more condition. */
    public ListQuery and(Condition condition) {
        List<Condition> more = new ArrayList<>(conditions);
        more.add(condition);
        return new ListQuery(filters, more, sorts, limit, marker, pageReverse, scope);
    }

    /** A copy limited to what {@code visible} lets the caller see. */
    public ListQuery scopedTo(Condition visible) {
        return new ListQuery(filters, conditions, sorts, limit, marker, pageReverse, visible);
    }

    /** A sort key. */
    public record Sort(String attribute, boolean ascending) {
    }

    /**
     * A piece of SQL with named binds. Bind names must be unique across the query: use
     * {@link #bindPrefix} style names. The SQL is always parenthesised where it is combined.
     */
    public record Condition(String sql, Map<String, Object> binds) {
        public Condition {
            binds = Map.copyOf(binds);
        }
    }
}
