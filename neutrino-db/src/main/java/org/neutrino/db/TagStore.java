package org.neutrino.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;

/** Tags of any resource ({@code standard-attr-tag}), read in batches and filtered in SQL. */
public final class TagStore {
    private static final int BATCH = 500;

    /** The tags of each id, sorted; ids without tags are absent. One query per 500 ids. */
    public Map<String, List<String>> tagsOf(Handle handle, Collection<String> ids) {
        Map<String, List<String>> out = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
            handle.createQuery("SELECT resource_id, tag FROM tags WHERE resource_id IN (<ids>) ORDER BY resource_id, tag")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        return out;
    }

    public List<String> tagsOf(Handle handle, String id) {
        return handle.createQuery("SELECT tag FROM tags WHERE resource_id = :id ORDER BY tag")
                .bind("id", id).mapTo(String.class).list();
    }

    /** Adds a tag; false when it was already there. */
    public boolean add(Handle handle, String id, String tag) {
        boolean present = handle.createQuery("SELECT COUNT(*) FROM tags WHERE resource_id = :id AND tag = :tag")
                .bind("id", id).bind("tag", tag).mapTo(Integer.class).one() > 0;
        if (present) {
            return false;
        }
        handle.createUpdate("INSERT INTO tags (resource_id, tag) VALUES (:id, :tag)").bind("id", id).bind("tag", tag).execute();
        return true;
    }

    public boolean remove(Handle handle, String id, String tag) {
        return handle.createUpdate("DELETE FROM tags WHERE resource_id = :id AND tag = :tag")
                .bind("id", id).bind("tag", tag).execute() > 0;
    }

    public void removeAll(Handle handle, String id) {
        handle.createUpdate("DELETE FROM tags WHERE resource_id = :id").bind("id", id).execute();
    }

    /** Replaces all tags of a resource. */
    public void replace(Handle handle, String id, Collection<String> tags) {
        removeAll(handle, id);
        for (String tag : new java.util.LinkedHashSet<>(tags)) {
            handle.createUpdate("INSERT INTO tags (resource_id, tag) VALUES (:id, :tag)").bind("id", id).bind("tag", tag).execute();
        }
    }

    /**
     * The SQL condition for a tag filter on rows aliased {@code t}: {@code tags} (all of),
     * {@code tags-any}, {@code not-tags} (not all of), {@code not-tags-any} (none of).
     * {@code tags} must not be empty.
     */
    public static ListQuery.Condition condition(String filter, List<String> tags, String bindPrefix) {
        Map<String, Object> binds = new LinkedHashMap<>();
        StringJoiner in = new StringJoiner(", ");
        List<String> distinct = tags.stream().distinct().toList();
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("a tag filter needs at least one tag (\"IN ()\" is not SQL)");
        }
        for (int i = 0; i < distinct.size(); i++) {
            binds.put(bindPrefix + i, distinct.get(i));
            in.add(":" + bindPrefix + i);
        }
        String any = "t.id IN (SELECT resource_id FROM tags WHERE tag IN (" + in + "))";
        String all = "t.id IN (SELECT resource_id FROM tags WHERE tag IN (" + in + ") GROUP BY resource_id HAVING COUNT(*) = "
                + distinct.size() + ")";
        String sql = switch (filter) {
            case "tags" -> all;
            case "tags-any" -> any;
            case "not-tags" -> "NOT " + all;
            case "not-tags-any" -> "NOT " + any;
            default -> throw new IllegalArgumentException(filter);
        };
        return new ListQuery.Condition(sql, binds);
    }
}
