package org.neutrino.server.services.portforwarding;

import org.neutrino.db.Database;
import org.neutrino.db.TagStore;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.server.api.ApiRequest;
import org.neutrino.server.api.ApiResponse;
import org.neutrino.server.api.ResourceController;
import org.neutrino.server.api.SubResource;
import org.neutrino.server.callbacks.CallbackRegistry;
import org.neutrino.server.policy.PolicyEngine;

/**
 * {@code /v2.0/floatingips/<id>/port_forwardings[/<id>]}: the generic {@link ResourceController}
 * (bodies, policy, fields, filters, sorting, pagination) over the forwardings of that one floating
 * IP, once the caller may see the floating IP (404 {@code FloatingIPNotFound} otherwise, whatever
 * the method: another project learns nothing about it).
 */
final class PortForwardingsResource implements SubResource {
    private final ResourceDef definition;
    private final Database database;
    private final PolicyEngine policy;
    private final TagStore tags;
    private final int maxLimit;
    private final ForwardingTargets targets;
    private final CallbackRegistry callbacks;

    PortForwardingsResource(ResourceDef definition, Database database, PolicyEngine policy, TagStore tags, int maxLimit,
                            ForwardingTargets targets, CallbackRegistry callbacks) {
        this.definition = definition;
        this.database = database;
        this.policy = policy;
        this.tags = tags;
        this.maxLimit = maxLimit;
        this.targets = targets;
        this.callbacks = callbacks;
    }

    /** The forwardings of one floating IP. */
    PortForwardingHandler of(String floatingIpId) {
        return new PortForwardingHandler(definition, database, floatingIpId, targets, callbacks);
    }

    @Override
    public ApiResponse handle(ApiRequest request, String parentId, Runnable checkParentVisible) {
        checkParentVisible.run();
        ResourceController controller = new ResourceController(of(parentId), policy, database, tags, maxLimit,
                "floatingips/" + parentId + "/" + PortForwardingExtensions.COLLECTION, PortForwardingExtensions.POLICY_MEMBER);
        return controller.handle(new ApiRequest(request.method(), request.path().subList(2, request.path().size()),
                request.params(), request.header(), request.body(), request.context(), request.baseUrl()));
    }
}
