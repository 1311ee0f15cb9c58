package org.neutrino.server.services.subnetpools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.TagStore;
import org.neutrino.db.subnetpools.SubnetPoolTables;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;
import org.neutrino.server.api.Revisions;
import org.neutrino.server.extensions.ExtendedAttributes;
import org.neutrino.server.quota.QuotaEngine;

/**
 * Subnet pools: blocks of address space that subnets take their {@code cidr} from. Prefixes are
 * compacted and may only grow on update; at most one pool per IP version is the default (a unique
 * key holds even against concurrent writers). Every write locks the pool's row, as every
 * allocation from the pool does.
 */
final class SubnetPoolHandler extends ShareableResourceHandler {
    private final QuotaEngine quotas;
    private final ScopeMembership scopes;

    SubnetPoolHandler(ResourceDef definition, Database database, TagStore tags, ExtendedAttributes attributes, QuotaEngine quotas,
                      ScopeMembership scopes) {
        super(definition, SubnetPoolTables.SUBNETPOOLS, "SubnetPoolNotFound", "Subnet pool", database, tags, attributes);
        this.quotas = quotas;
        this.scopes = scopes;
    }

    @Override
    public List<Map<String, Object>> create(RequestContext context, List<Map<String, Object>> items) {
        return createInOneTransaction(context, items, this::insert);
    }

    private String insert(Handle h, RequestContext context, Map<String, Object> item) {
        PoolSettings settings = PoolSettings.read(item);
        boolean isDefault = Boolean.TRUE.equals(item.get("is_default"));
        if (isDefault) {
            checkNoDefault(h, settings.ipVersion());
        }
        String id = UUID.randomUUID().toString();
        String scopeId = (String) item.get("address_scope_id");
        scopes.checkJoin(h, context, id, scopeId, settings);
        Map<String, Object> row = new LinkedHashMap<>(item);
        row.put("id", id);
        row.putAll(columns(settings, isDefault));
        row.put("default_quota", item.get("default_quota"));
        row.put("address_scope_id", scopeId);
        quotas.consume(h, (String) row.get("project_id"), "subnetpool", 1);
        SubnetPoolTables.SUBNETPOOLS.insert(h, row);
        writeTags(h, id, item);
        return id;
    }

    /** The stored form of checked settings, with the default marker of the unique key. */
    private static Map<String, Object> columns(PoolSettings settings, boolean isDefault) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ip_version", settings.ipVersion());
        out.put("prefixes", settings.prefixes().texts());
        out.put("min_prefixlen", settings.minPrefixlen());
        out.put("max_prefixlen", settings.maxPrefixlen());
        out.put("default_prefixlen", settings.defaultPrefixlen());
        out.put("is_default", isDefault);
        out.put("default_ip_version", isDefault ? settings.ipVersion() : null);
        return out;
    }

    private static void checkNoDefault(Handle h, int ipVersion) {
        if (h.createQuery("SELECT COUNT(*) FROM subnetpools WHERE default_ip_version = :v").bind("v", ipVersion)
                .mapTo(Integer.class).one() > 0) {
            throw NeutronException.invalidInput("A default subnetpool for this IP family has already been set. Only one default "
                    + "may exist per IP family");
        }
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> current = lockAndLoad(h, id);
            Revisions.check(expectedRevision, current);
            apply(h, context, current, changes);
            return null;
        });
        return find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Checks and writes {@code changes} to a pool whose row the transaction holds: the merged pool
     * is read again as on create, and its prefixes must contain the current ones.
     */
    void apply(Handle h, RequestContext context, Map<String, Object> current, Map<String, Object> changes) {
        String id = (String) current.get("id");
        Map<String, Object> merged = new LinkedHashMap<>(current);
        merged.putAll(changes);
        int version = ((Number) current.get("ip_version")).intValue();
        PrefixSet before = PrefixSet.parse(version, (List<?>) current.get("prefixes"));
        if (changes.containsKey("prefixes")) {
            PoolSettings grown = PoolSettings.read(Map.of("prefixes", changes.get("prefixes")));
            if (grown.ipVersion() != version || !grown.prefixes().containsAll(before)) {
                throw prefixUpdate("Existing prefixes must be a subset of the new prefixes");
            }
        }
        PoolSettings settings = PoolSettings.read(merged);
        boolean isDefault = Boolean.TRUE.equals(merged.get("is_default"));
        if (isDefault && !Boolean.TRUE.equals(current.get("is_default"))) {
            checkNoDefault(h, version);
        }
        String oldScope = (String) current.get("address_scope_id");
        if (oldScope != null) {
            scopes.checkPoolUpdateAllowed(h, context, id, oldScope);
        }
        String newScope = (String) merged.get("address_scope_id");
        scopes.checkJoin(h, context, id, newScope, settings);
        Map<String, Object> write = new LinkedHashMap<>(changes);
        write.putAll(columns(settings, isDefault));
        SubnetPoolTables.SUBNETPOOLS.update(h, id, write);
    }

    static NeutronException prefixUpdate(String message) {
        return NeutronException.badRequest("IllegalSubnetPoolPrefixUpdate", "Illegal update to prefixes: " + message + ".");
    }

    /** {@code add_prefixes}: the pool's prefixes become the compacted union with the given ones. */
    Map<String, Object> addPrefixes(RequestContext context, Map<String, Object> member, Map<String, Object> body) {
        List<String> prefixes = requestedPrefixes(body);
        String id = (String) member.get("id");
        return database.inTransaction(h -> {
            Map<String, Object> current = lockAndLoad(h, id);
            List<Object> union = new ArrayList<>((List<?>) current.get("prefixes"));
            union.addAll(prefixes);
            apply(h, context, current, Map.of("prefixes", union));
            return Map.of("prefixes", find(h, id).orElseThrow(() -> notFound(id)).get("prefixes"));
        });
    }

    /**
     * {@code remove_prefixes}: the given addresses leave the pool, unless a subnet allocated from
     * it holds some of them ({@code IllegalSubnetPoolPrefixUpdate}).
     */
    Map<String, Object> removePrefixes(RequestContext context, Map<String, Object> member, Map<String, Object> body) {
        List<String> prefixes = requestedPrefixes(body);
        String id = (String) member.get("id");
        return database.inTransaction(h -> {
            Map<String, Object> current = lockAndLoad(h, id);
            int version = ((Number) current.get("ip_version")).intValue();
            PrefixSet all = PrefixSet.parse(version, (List<?>) current.get("prefixes"));
            List<Cidr> removal = prefixes.stream().map(Cidr::parse).filter(c -> c.version() == version).toList();
            PrefixSet removed = PrefixSet.of(version, removal);
            if (!all.intersects(removed)) {
                return Map.of("prefixes", current.get("prefixes"));
            }
            if (PrefixSet.of(version, allocations(h, id)).intersects(removed)) {
                throw prefixUpdate("One or more the prefixes to be removed is in use by a subnet");
            }
            List<String> remaining = all.minus(removed).texts();
            SubnetPoolTables.SUBNETPOOLS.update(h, id, Map.of("prefixes", remaining));
            return Map.of("prefixes", remaining);
        });
    }

    /** The {@code prefixes} of an action body: a non-empty list (400 otherwise, as Neutron). */
    private static List<String> requestedPrefixes(Map<String, Object> body) {
        if (!(body.get("prefixes") instanceof List<?> list) || list.isEmpty()) {
            throw NeutronException.badRequest("HTTPBadRequest", "Request body contains invalid data");
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** The cidrs of the subnets allocated from a pool. */
    static List<Cidr> allocations(Handle h, String poolId) {
        return h.createQuery("SELECT cidr FROM subnets WHERE subnetpool_id = :p").bind("p", poolId)
                .mapTo(String.class).list().stream().map(Cidr::parse).toList();
    }

    @Override
    public void delete(RequestContext context, String id, Long expectedRevision) {
        database.inTransaction(h -> {
            Map<String, Object> current = lockAndLoad(h, id);
            Revisions.check(expectedRevision, current);
            if (h.createQuery("SELECT COUNT(*) FROM subnets WHERE subnetpool_id = :p").bind("p", id).mapTo(Integer.class).one() > 0) {
                throw NeutronException.badRequest("SubnetPoolDeleteError",
                        "Unable to delete subnet pool: Subnet pool has existing allocations.");
            }
            tags.removeAll(h, id);
            SubnetPoolTables.SUBNETPOOLS.delete(h, id);
            quotas.release(h, (String) current.get("project_id"), "subnetpool", 1);
            return null;
        });
    }
}
