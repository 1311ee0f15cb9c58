package org.neutrino.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Generic storage of one resource type with standard attributes in one table: insert, read,
 * update (bumping {@code revision_number} and {@code updated_at}), delete, and list with
 * filters, extra conditions, sorting and keyset pagination, all as single statements. Rows come
 * back as attribute maps named as in the API. In sorting and paging, NULL is the smallest value
 * on every database (first in ascending order, last in descending order).
 */
public final class ResourceTable {
    private final String table;
    private final Map<String, Column> byAttribute = new LinkedHashMap<>();
    private final String selectList;

    public ResourceTable(String table, List<Column> columns) {
        this.table = table;
        List<Column> all = new ArrayList<>(columns);
        all.add(Column.of("id", Column.Type.STRING));
        all.add(Column.nullable("project_id", Column.Type.STRING));
        all.add(Column.of("created_at", Column.Type.STRING));
        all.add(Column.of("updated_at", Column.Type.STRING));
        all.add(Column.of("revision_number", Column.Type.LONG));
        for (Column column : all) {
            byAttribute.put(column.attribute(), column);
        }
        StringJoiner select = new StringJoiner(", ");
        byAttribute.values().forEach(c -> select.add("t." + c.name()));
        this.selectList = select.toString();
    }

    public String table() {
        return table;
    }

    /** The column of an attribute, if it is stored in this table. */
    public Optional<Column> column(String attribute) {
        return Optional.ofNullable(byAttribute.get(attribute));
    }

    /** Now, as stored in {@code created_at}/{@code updated_at}. */
    public static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Inserts a new row from {@code resource} (attribute names); sets the timestamps and
     * revision 0 into {@code resource} as well.
     */
    public void insert(Handle handle, Map<String, Object> resource) {
        String now = now();
        resource.put("created_at", now);
        resource.put("updated_at", now);
        resource.put("revision_number", 0L);
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        Map<String, Object> binds = new LinkedHashMap<>();
        for (Column column : byAttribute.values()) {
            if (resource.containsKey(column.attribute())) {
                names.add(column.name());
                values.add(":" + column.name());
                binds.put(column.name(), toDb(column, resource.get(column.attribute())));
            }
        }
        handle.createUpdate("INSERT INTO " + table + " (" + names + ") VALUES (" + values + ")")
                .bindMap(binds).execute();
    }

    /** Reads one row, or empty. */
    public Optional<Map<String, Object>> find(Handle handle, String id) {
        return handle.createQuery("SELECT " + selectList + " FROM " + table + " t WHERE t.id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    private Optional<Map<String, Object>> findVisible(Handle handle, String id, ListQuery.Condition scope) {
        if (scope == null) {
            return find(handle, id);
        }
        return handle.createQuery("SELECT " + selectList + " FROM " + table + " t WHERE t.id = :marker_id AND ("
                        + scope.sql() + ")")
                .bindMap(scope.binds()).bind("marker_id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    /** Reads one row and locks it until the transaction ends. */
    public Optional<Map<String, Object>> findForUpdate(Handle handle, String id) {
        return handle.createQuery("SELECT " + selectList + " FROM " + table + " t WHERE t.id = :id FOR UPDATE")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    /**
     * Writes {@code changes} (attribute names), bumps the revision and {@code updated_at}; returns
     * the new revision. Unknown attributes are ignored (they live elsewhere).
     */
    public void update(Handle handle, String id, Map<String, Object> changes) {
        StringJoiner sets = new StringJoiner(", ");
        Map<String, Object> binds = new LinkedHashMap<>();
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            Column column = byAttribute.get(change.getKey());
            if (column == null || column.attribute().equals("id")) {
                continue;
            }
            sets.add(column.name() + " = :" + column.name());
            binds.put(column.name(), toDb(column, change.getValue()));
        }
        sets.add("updated_at = :updated_at");
        binds.put("updated_at", now());
        sets.add("revision_number = revision_number + 1");
        binds.put("id", id);
        handle.createUpdate("UPDATE " + table + " SET " + sets + " WHERE id = :id").bindMap(binds).execute();
    }

    /** Bumps the revision of a row whose dependent data (tags, addresses) changed. */
    public void touch(Handle handle, String id) {
        update(handle, id, Map.of());
    }

    public boolean delete(Handle handle, String id) {
        return handle.createUpdate("DELETE FROM " + table + " WHERE id = :id").bind("id", id).execute() > 0;
    }

    /** Rows matching {@code query}: at most {@code limit}, in the order of its sort keys. */
    public List<Map<String, Object>> list(Handle handle, ListQuery query) {
        Map<String, Object> binds = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, List<Object>> filter : query.filters().entrySet()) {
            Column column = byAttribute.get(filter.getKey());
            if (column == null) {
                continue;
            }
            if (filter.getValue().isEmpty()) {
                where.add("1 = 0");
                continue;
            }
            StringJoiner in = new StringJoiner(", ");
            for (Object value : filter.getValue()) {
                String bind = "f" + n++;
                in.add(":" + bind);
                binds.put(bind, toDb(column, value));
            }
            where.add("t." + column.name() + " IN (" + in + ")");
        }
        for (ListQuery.Condition condition : query.conditions()) {
            where.add("(" + condition.sql() + ")");
            binds.putAll(condition.binds());
        }
        if (query.scope() != null) {
            where.add("(" + query.scope().sql() + ")");
            binds.putAll(query.scope().binds());
        }
        List<ListQuery.Sort> sorts = new ArrayList<>();
        for (ListQuery.Sort sort : query.sorts()) {
            sorts.add(new ListQuery.Sort(sort.attribute(), sort.ascending() != query.pageReverse()));
            if (sort.attribute().equals("id")) {
                break; // ids are unique: later keys cannot change the order
            }
        }
        if (sorts.stream().noneMatch(s -> s.attribute().equals("id"))) {
            sorts.add(new ListQuery.Sort("id", !query.pageReverse()));
        }
        if (query.marker() != null) {
            where.add("(" + afterMarker(handle, query.marker(), query.scope(), sorts, binds) + ")");
        }
        StringJoiner order = new StringJoiner(", ");
        for (ListQuery.Sort sort : sorts) {
            Column column = byAttribute.get(sort.attribute());
            String direction = sort.ascending() ? " ASC" : " DESC";
            if (column.nullable()) {
                order.add("CASE WHEN t." + column.name() + " IS NULL THEN 0 ELSE 1 END" + direction);
            }
            order.add("t." + column.name() + direction);
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(selectList).append(" FROM ").append(table).append(" t");
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        sql.append(" ORDER BY ").append(order);
        if (query.limit() > 0) {
            sql.append(" LIMIT ").append(query.limit());
        }
        Query select = handle.createQuery(sql.toString()).bindMap(binds);
        List<Map<String, Object>> rows = select.map((rs, ctx) -> row(rs)).list();
        if (query.pageReverse()) {
            rows = new ArrayList<>(rows);
            Collections.reverse(rows);
        }
        return rows;
    }

    /**
     * The keyset condition "comes after the marker row" for the sort order: after it on the
     * first key, or equal on the first and after it on the second, and so on (NULL being the
     * smallest value). The marker is looked up within the caller's {@code scope}: one the caller
     * may not see is not found, exactly as one that does not exist.
     */
    private String afterMarker(Handle handle, String marker, ListQuery.Condition scope, List<ListQuery.Sort> sorts,
                               Map<String, Object> binds) {
        Map<String, Object> markerRow = findVisible(handle, marker, scope)
                .orElseThrow(() -> new MarkerNotFoundException(marker));
        List<String> alternatives = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        for (int i = 0; i < sorts.size(); i++) {
            ListQuery.Sort sort = sorts.get(i);
            Column column = byAttribute.get(sort.attribute());
            String col = "t." + column.name();
            Object value = toDb(column, markerRow.get(sort.attribute()));
            String bind = ":m" + i;
            if (value != null) {
                binds.put("m" + i, value);
            }
            String after = value == null ? (sort.ascending() ? col + " IS NOT NULL" : null)
                    : sort.ascending() ? col + " > " + bind
                    : column.nullable() ? "(" + col + " < " + bind + " OR " + col + " IS NULL)" : col + " < " + bind;
            if (after != null) {
                List<String> terms = new ArrayList<>(equalSoFar);
                terms.add(after);
                alternatives.add("(" + String.join(" AND ", terms) + ")");
            }
            equalSoFar.add(value == null ? col + " IS NULL" : col + " = " + bind);
        }
        return alternatives.isEmpty() ? "1 = 0" : String.join(" OR ", alternatives);
    }

    private Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        int i = 1;
        for (Column column : byAttribute.values()) {
            row.put(column.attribute(), fromDb(column, rs, i++));
        }
        return row;
    }

    private static Object toDb(Column column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case JSON -> Json.write(value);
            case LONG -> ((Number) value).longValue();
            case INTEGER -> ((Number) value).intValue();
            default -> value;
        };
    }

    private static Object fromDb(Column column, ResultSet rs, int index) throws SQLException {
        if (column.nullable() && rs.getObject(index) == null) {
            return null;
        }
        return switch (column.type()) {
            case STRING -> rs.getString(index);
            case BOOLEAN -> rs.getBoolean(index);
            case INTEGER -> {
                int value = rs.getInt(index);
                yield rs.wasNull() ? null : value;
            }
            case LONG -> rs.getLong(index);
            case JSON -> Json.read(rs.getString(index));
        };
    }

    /** {@code rows} in the order of {@code ids}: a bulk create answers in the order of its request. */
    public static List<Map<String, Object>> inOrder(List<String> ids, List<Map<String, Object>> rows) {
        return rows.stream().sorted(java.util.Comparator.comparingInt(r -> ids.indexOf((String) r.get("id")))).toList();
    }

    /**
     * Writes the same {@code changes} to several rows in one statement, bumping each revision and
     * {@code updated_at} (status changes reported by agents).
     */
    public void updateAll(Handle handle, Collection<String> ids, Map<String, Object> changes) {
        if (ids.isEmpty()) {
            return;
        }
        StringJoiner sets = new StringJoiner(", ");
        Map<String, Object> binds = new LinkedHashMap<>();
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            Column column = byAttribute.get(change.getKey());
            if (column == null || column.attribute().equals("id")) {
                throw new IllegalArgumentException("no updatable column for " + change.getKey() + " in " + table);
            }
            sets.add(column.name() + " = :" + column.name());
            binds.put(column.name(), toDb(column, change.getValue()));
        }
        sets.add("updated_at = :updated_at");
        binds.put("updated_at", now());
        sets.add("revision_number = revision_number + 1");
        handle.createUpdate("UPDATE " + table + " SET " + sets + " WHERE id IN (<ids>)").bindMap(binds)
                .bindList("ids", List.copyOf(ids)).execute();
    }

    /** A {@code col IN (...)} condition on an attribute of this table (alias {@code t}). */
    public ListQuery.Condition in(String attribute, Collection<?> values, String bindPrefix) {
        Column column = byAttribute.get(attribute);
        if (values.isEmpty()) {
            return new ListQuery.Condition("1 = 0", Map.of());
        }
        StringJoiner in = new StringJoiner(", ");
        Map<String, Object> binds = new LinkedHashMap<>();
        int i = 0;
        for (Object value : values) {
            String bind = bindPrefix + i++;
            in.add(":" + bind);
            binds.put(bind, toDb(column, value));
        }
        return new ListQuery.Condition("t." + column.name() + " IN (" + in + ")", binds);
    }
}
