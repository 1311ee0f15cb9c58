package org.neutrino.server.plugins;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ListQuery;
import org.neutrino.lib.context.RequestContext;

/**
 * What service plugins may ask of the core plugin (ML2), with Neutron's verbs. Every verb runs in
 * the caller's transaction ({@code h}), so that a router interface and its port, or a floating IP
 * and its port, are written together or not at all; the core plugin registers the agents'
 * notifications to be sent after that transaction commits. Resources are attribute maps named as
 * on the wire, completed with every loaded extension's attributes.
 */
public interface CorePlugin {

    Optional<Map<String, Object>> getNetwork(Handle h, String id);

    List<Map<String, Object>> getNetworks(Handle h, ListQuery query);

    Optional<Map<String, Object>> getSubnet(Handle h, String id);

    List<Map<String, Object>> getSubnets(Handle h, ListQuery query);

    Optional<Map<String, Object>> getPort(Handle h, String id);

    List<Map<String, Object>> getPorts(Handle h, ListQuery query);

    /**
     * Creates a port from wire attributes, as {@code POST /v2.0/ports} would (defaults filled and
     * validated from the port definition, addresses allocated, bound); returns it.
     */
    Map<String, Object> createPort(Handle h, RequestContext context, Map<String, Object> attributes);

    /** Changes a port as {@code PUT /v2.0/ports/{id}} would; returns it. */
    Map<String, Object> updatePort(Handle h, RequestContext context, String id, Map<String, Object> changes);

    /** Deletes a port, its addresses going back to their pools. */
    void deletePort(Handle h, RequestContext context, String id);

    /** Locks the port's row until the transaction ends and returns it (concurrent writers wait). */
    Optional<Map<String, Object>> lockPort(Handle h, String id);
}
