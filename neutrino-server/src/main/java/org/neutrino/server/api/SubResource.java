package org.neutrino.server.api;

/**
 * A collection under each member of another: {@code /v2.0/networks/{id}/dhcp-agents},
 * {@code /v2.0/agents/{id}/dhcp-networks[/{network_id}]}. It reads any segment after its name
 * from {@link ApiRequest#path()}.
 */
@FunctionalInterface
public interface SubResource {
    /**
     * @param parentId           the member's id
     * @param checkParentVisible answers 404 {@code <Resource>NotFound} unless the parent exists and
     *                           the caller may see it; the sub-resource runs it after its own policy
     *                           check, which Neutron makes first
     */
    ApiResponse handle(ApiRequest request, String parentId, Runnable checkParentVisible);
}
