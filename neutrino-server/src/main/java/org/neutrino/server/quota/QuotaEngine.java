package org.neutrino.server.quota;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.QuotaStore;
import org.neutrino.lib.exceptions.NeutronException;

/**
 * Quota enforcement: limits are the configured defaults overridden per project; usage counters
 * are changed in the caller's transaction, and a change that goes over a limit raises 409
 * {@code OverQuota}, rolling the whole transaction back.
 */
public final class QuotaEngine {
    private final QuotaStore store;
    private final Map<String, Integer> defaults;

    /** @param defaults resource → default limit, in display order */
    public QuotaEngine(QuotaStore store, Map<String, Integer> defaults) {
        this.store = store;
        this.defaults = new LinkedHashMap<>(defaults);
    }

    /** Registers a resource counted by a service plugin, with its default limit. */
    public void register(String resource, int defaultLimit) {
        defaults.put(resource, defaultLimit);
    }

    public Map<String, Integer> defaults() {
        return Map.copyOf(defaults);
    }

    public boolean knows(String resource) {
        return defaults.containsKey(resource);
    }

    /** The limits in force for a project, in display order. */
    public Map<String, Integer> limits(Handle handle, String projectId) {
        Map<String, Integer> out = new LinkedHashMap<>(defaults);
        store.limits(handle, projectId).forEach((resource, limit) -> {
            if (out.containsKey(resource)) {
                out.put(resource, limit);
            }
        });
        return out;
    }

    /**
     * Counts {@code delta} more of {@code resource} for the project; 409 when that exceeds the
     * limit. Every resource has an owner (requests without one are refused before), so there is
     * no resource outside quota.
     */
    public void consume(Handle handle, String projectId, String resource, int delta) {
        Objects.requireNonNull(projectId, "a resource without project");
        if (projectId.isEmpty()) {
            return; // owned by no project (router gateway and floating IP ports): outside quota, as in Neutron
        }
        QuotaStore.Usage usage = store.addUsageReadingLimit(handle, projectId, resource, delta);
        if (delta <= 0) {
            return;
        }
        Integer limit = usage.limit() != null ? usage.limit() : defaults.get(resource);
        if (limit != null && limit >= 0 && usage.inUse() > limit) {
            throw NeutronException.conflict("OverQuota", "Quota exceeded for resources: ['" + resource + "'].");
        }
    }

    /** Gives back {@code count} of {@code resource}. */
    public void release(Handle handle, String projectId, String resource, int count) {
        if (projectId == null || projectId.isEmpty()) {
            return;
        }
        store.addUsage(handle, projectId, resource, -count);
    }

    public Map<String, Integer> usage(Handle handle, String projectId) {
        return store.usage(handle, projectId);
    }

    public QuotaStore store() {
        return store;
    }
}
