package org.neutrino.db;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Per-project quota limits (overrides of the configured defaults) and usage counters. Usage is
 * changed in the same transaction as the resource rows, so it is exact and costs one row
 * update whatever the number of resources.
 */
public final class QuotaStore {

    /** The limits set for a project (resource → limit); defaults are not included. */
    public Map<String, Integer> limits(Handle handle, String projectId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        handle.createQuery("SELECT resource, hard_limit FROM quotas WHERE project_id = :p")
                .bind("p", projectId).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Projects that have at least one limit set. */
    public List<String> projectsWithLimits(Handle handle) {
        return handle.createQuery("SELECT DISTINCT project_id FROM quotas ORDER BY project_id").mapTo(String.class).list();
    }

    public void setLimit(Handle handle, String projectId, String resource, int limit) {
        int updated = handle.createUpdate("UPDATE quotas SET hard_limit = :l WHERE project_id = :p AND resource = :r")
                .bind("l", limit).bind("p", projectId).bind("r", resource).execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO quotas (project_id, resource, hard_limit) VALUES (:p, :r, :l)")
                    .bind("l", limit).bind("p", projectId).bind("r", resource).execute();
        }
    }

    public void deleteLimits(Handle handle, String projectId) {
        handle.createUpdate("DELETE FROM quotas WHERE project_id = :p").bind("p", projectId).execute();
    }

    /** Adds {@code delta} to the usage counter (locking it) and returns the new usage. */
    public int addUsage(Handle handle, String projectId, String resource, int delta) {
        return addUsageReadingLimit(handle, projectId, resource, delta).inUse();
    }

    /**
     * Adds {@code delta} to the usage counter (locking it) and returns the new usage with the
     * limit set for the project, read together.
     */
    public Usage addUsageReadingLimit(Handle handle, String projectId, String resource, int delta) {
        String project = projectId == null ? "" : projectId;
        int updated = handle.createUpdate("UPDATE quota_usages SET in_use = in_use + :d WHERE project_id = :p AND resource = :r")
                .bind("d", delta).bind("p", project).bind("r", resource).execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO quota_usages (project_id, resource, in_use) VALUES (:p, :r, :d)")
                    .bind("d", Math.max(delta, 0)).bind("p", project).bind("r", resource).execute();
        }
        return handle.createQuery("SELECT u.in_use, q.hard_limit FROM quota_usages u LEFT JOIN quotas q "
                        + "ON q.project_id = u.project_id AND q.resource = u.resource WHERE u.project_id = :p AND u.resource = :r")
                .bind("p", project).bind("r", resource)
                .map((rs, ctx) -> new Usage(rs.getInt(1), rs.getObject(2) == null ? null : rs.getInt(2))).one();
    }

    /** A project's usage of a resource and the limit set for it ({@code null}: the default applies). */
    public record Usage(int inUse, Integer limit) {
    }

    /** Usage per resource of a project. */
    public Map<String, Integer> usage(Handle handle, String projectId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        handle.createQuery("SELECT resource, in_use FROM quota_usages WHERE project_id = :p")
                .bind("p", projectId).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
