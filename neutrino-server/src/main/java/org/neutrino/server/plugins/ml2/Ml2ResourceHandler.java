package org.neutrino.server.plugins.ml2;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;
import org.neutrino.db.ResourceTable;
import org.neutrino.db.TagStore;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.api.TableResourceHandler;
import org.neutrino.server.callbacks.Event;
import org.neutrino.server.callbacks.ResourceEvent;
import org.neutrino.server.extensions.ExtendedAttributes;
import org.neutrino.server.quota.QuotaEngine;
import org.neutrino.server.rpc.AgentNotifier;

/**
 * What the core resources share: their definition and table, their not-found error, reads
 * through one {@link #load} that completes rows in a fixed number of queries (other plugins'
 * attributes included), events published to the callback registry, and — for resources that live
 * on a network (subnets, ports) — the network access check and the {@code network:*} policy
 * target keys.
 */
abstract class Ml2ResourceHandler extends TableResourceHandler {
    protected final TagStore tags;
    protected final QuotaEngine quotas;
    protected final NetworkAccess access;
    protected final ExtendedAttributes attributes;
    protected final AgentNotifier notifier;
    private final ResourceServices services;
    private final String displayName;
    private final boolean onNetwork;

    /**
     * @param displayName the word in "{@code <displayName> <id> could not be found.}"
     * @param onNetwork   whether each resource belongs to a network (subnets, ports)
     */
    Ml2ResourceHandler(ResourceDef definition, ResourceTable table, String displayName, boolean onNetwork, ResourceServices services) {
        super(definition, table, displayName + "NotFound", services.database());
        this.displayName = displayName;
        this.onNetwork = onNetwork;
        this.services = services;
        this.tags = services.tags();
        this.quotas = services.quotas();
        this.access = services.access();
        this.attributes = services.attributes();
        this.notifier = services.notifier();
    }

    /** The collection's name, e.g. {@code ports}. */
    final String collection() {
        return definition.collection();
    }

    /** 404 with Neutron's type and message for this resource. */
    final NeutronException notFound(String id) {
        return NeutronException.notFound(notFoundType(), displayName + " " + id + " could not be found.");
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
            access.checkCanUse(context, (String) item.get("network_id"), (String) item.get("project_id"));
        }
    }

    @Override
    public Map<String, Object> policyTarget(Map<String, Object> resource) {
        return onNetwork ? access.withOwner(resource) : resource;
    }

    /** Rows matching {@code query} from the resource's own tables. */
    protected abstract List<Map<String, Object>> load(Handle h, ListQuery query);

    /** Rows matching {@code query}, with the attributes of every extension. */
    @Override
    public final List<Map<String, Object>> loadAll(Handle h, ListQuery query) {
        List<Map<String, Object>> rows = load(h, query);
        attributes.extend(collection(), h, rows);
        return rows;
    }

    /**
     * Locks the resource's row until {@code h}'s transaction ends, then reads it completed with
     * every extension's attributes; 404 when it does not exist.
     */
    final Map<String, Object> lockAndLoad(Handle h, String id) {
        table.findForUpdate(h, id).orElseThrow(() -> notFound(id));
        return find(h, id).orElseThrow(() -> notFound(id));
    }

    /** Filters on the resource's own computed attributes ({@code fixed_ips}); empty for columns. */
    protected Optional<ListQuery.Condition> ownFilter(String attribute, List<Object> values) {
        return Optional.empty();
    }

    @Override
    public final Optional<ListQuery.Condition> specialFilter(String attribute, List<Object> values) {
        Optional<ListQuery.Condition> own = ownFilter(attribute, values);
        return own.isPresent() ? own : attributes.filter(collection(), attribute, values);
    }

    // ---- events ----

    /** Publishes a {@code BEFORE_*} event, before the transaction. */
    final void publishBefore(Event event, RequestContext context, String id, Map<String, Object> original,
                             Map<String, Object> request) {
        if (services.callbacks().hasSubscribers(definition.member(), event)) {
            services.callbacks().publish(ResourceEvent.of(definition.member(), event, context, id, original, request));
        }
    }

    /** Publishes a {@code PRECOMMIT_*} event inside {@code h}'s transaction. */
    final void publishPrecommit(Handle h, Event event, RequestContext context, String id, Map<String, Object> original,
                                Map<String, Object> latest) {
        if (services.callbacks().hasSubscribers(definition.member(), event)) {
            services.callbacks().publish(ResourceEvent.precommit(definition.member(), event, h, context, id, original, latest));
        }
    }

    /**
     * Publishes an {@code AFTER_*} event once {@code h}'s transaction commits, with the resource
     * as {@code latest} reads it then (not read when nobody listens).
     */
    final void publishAfterCommit(Handle h, Event event, RequestContext context, String id, Map<String, Object> original,
                                  Supplier<Map<String, Object>> latest) {
        if (services.callbacks().hasSubscribers(definition.member(), event)) {
            h.afterCommit(() -> services.callbacks().publish(ResourceEvent.of(definition.member(), event, context, id,
                    original, latest.get())));
        }
    }
}
