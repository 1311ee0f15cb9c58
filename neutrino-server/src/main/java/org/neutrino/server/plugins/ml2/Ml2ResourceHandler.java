package org.neutrino.server.plugins.ml2;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ResourceTable;
import org.neutrino.db.TagStore;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.ResourceHandler;
import org.neutrino.server.quota.QuotaEngine;

/**
 * What the core resources share: their definition and table, their not-found error, reads
 * through one {@link #load} that completes rows in a fixed number of queries, and — for
 * resources that live on a network (subnets, ports) — the network access check and the
 * {@code network:*} policy target keys.
 */
abstract class Ml2ResourceHandler implements ResourceHandler {
    protected final ResourceDef definition;
    protected final Database database;
    protected final TagStore tags;
    protected final QuotaEngine quotas;
    protected final Ml2Plugin plugin;
    private final ResourceTable table;
    private final String notFoundType;
    private final String displayName;
    private final boolean onNetwork;

    /**
     * @param displayName the word in "{@code <displayName> <id> could not be found.}"
     * @param onNetwork   whether each resource belongs to a network (subnets, ports)
     */
    Ml2ResourceHandler(ResourceDef definition, ResourceTable table, String displayName, boolean onNetwork, Database database,
                       TagStore tags, QuotaEngine quotas, Ml2Plugin plugin) {
        this.definition = definition;
        this.table = table;
        this.notFoundType = displayName + "NotFound";
        this.displayName = displayName;
        this.onNetwork = onNetwork;
        this.database = database;
        this.tags = tags;
        this.quotas = quotas;
        this.plugin = plugin;
    }

    @Override
    public final ResourceDef definition() {
        return definition;
    }

    @Override
    public final ResourceTable table() {
        return table;
    }

    @Override
    public final String notFoundType() {
        return notFoundType;
    }

    /** 404 with Neutron's type and message for this resource. */
    final NeutronException notFound(String id) {
        return NeutronException.notFound(notFoundType, displayName + " " + id + " could not be found.");
    }

    /** 404 {@code NetworkNotFound}, raised by every resource that refers to a network. */
    static NeutronException networkNotFound(String id) {
        return NeutronException.notFound("NetworkNotFound", "Network " + id + " could not be found.");
    }

    /** 404 {@code SubnetNotFound}, raised by ports that name a subnet. */
    static NeutronException subnetNotFound(String id) {
        return NeutronException.notFound("SubnetNotFound", "Subnet " + id + " could not be found.");
    }

    @Override
    public void beforeCreate(RequestContext context, Map<String, Object> item) {
        if (onNetwork) {
            plugin.checkNetworkAccess(context, (String) item.get("network_id"), (String) item.get("project_id"));
        }
    }

    @Override
    public Map<String, Object> policyTarget(Map<String, Object> resource) {
        return onNetwork ? plugin.withNetworkOwner(resource) : resource;
    }

    /** Rows matching {@code query}, completed with what lives in other tables. */
    protected abstract List<Map<String, Object>> load(Handle h, ListQuery query);

    @Override
    public final Optional<Map<String, Object>> find(String id) {
        return database.read(h -> load(h, ListQuery.all().and(table.in("id", List.of(id), "id")))).stream().findFirst();
    }

    @Override
    public final List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        return database.read(h -> load(h, query));
    }

    /** The resources with these ids, in this order (answers of bulk creates). */
    protected final List<Map<String, Object>> loadInOrder(List<String> ids) {
        return CoreTables.inOrder(ids, database.read(h -> load(h, ListQuery.all().and(table.in("id", ids, "id")))));
    }
}
