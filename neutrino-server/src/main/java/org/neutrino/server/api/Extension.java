package org.neutrino.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API extension this server really implements, as listed by {@code GET /v2.0/extensions}.
 *
 * @param alias       Neutron's alias, what clients test for
 * @param name        display name
 * @param description what it adds
 * @param updated     the version stamp of the contract implemented
 */
public record Extension(String alias, String name, String description, String updated) {

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("alias", alias);
        out.put("description", description);
        out.put("updated", updated);
        out.put("links", List.of());
        return out;
    }

    /** The extensions of the core API server: networks, subnets, ports, ML2 and agents. */
    public static List<Extension> core() {
        return List.of(
            new Extension("agent", "agent", "The agents of each host, their heartbeats and configuration (GET/PUT/DELETE /v2.0/agents).", "2013-02-03T10:00:00-00:00"),
            new Extension("dhcp_agent_scheduler", "DHCP Agent Scheduler", "Which DHCP agents serve which network, and changing it.", "2013-02-07T10:00:00-00:00"),
            new Extension("multi-provider", "Multi Provider Network", "Networks made of several segments (segments attribute).", "2013-06-27T10:00:00-00:00"),
            new Extension("provider", "Provider Network", "provider:network_type, provider:physical_network and provider:segmentation_id of networks (admin only).", "2012-09-07T10:00:00-00:00"),
            new Extension("binding", "Port Binding", "Port attributes saying where and how a port is bound (binding:host_id, vif_type, vif_details, vnic_type, profile).", "2014-02-03T10:00:00-00:00"),
            new Extension("filter-validation", "Filter parameters validation", "Unknown list filters are refused with 400 instead of ignored.", "2018-07-04T10:00:00-00:00"),
            new Extension("net-mtu", "Network MTU", "The mtu attribute of networks.", "2015-03-25T10:00:00-00:00"),
            new Extension("net-mtu-writable", "Network MTU (writable)", "The mtu of a network can be set on create and update.", "2017-07-12T00:00:00-00:00"),
            new Extension("network-ip-availability", "Network IP Availability", "Total and used addresses per network and subnet.", "2015-09-24T00:00:00-00:00"),
            new Extension("pagination", "Pagination support", "limit, marker and page_reverse on lists, with next/previous links.", "2016-06-12T00:00:00-00:00"),
            new Extension("project-id", "project_id field enabled", "Resources carry project_id next to tenant_id.", "2016-09-09T09:09:09-09:09"),
            new Extension("quotas", "Quota management support", "Per-project limits on the number of resources.", "2012-07-29T10:00:00-00:00"),
            new Extension("quota_details", "Quota details management support", "Limit, used and reserved counts per resource.", "2017-02-10T10:00:00-00:00"),
            new Extension("revision-if-match", "If-Match constraints based on revision_number", "If-Match: revision_number=N makes an update or delete conditional (412 otherwise).", "2016-12-11T00:00:00-00:00"),
            new Extension("sorting", "Sorting support", "sort_key and sort_dir on lists.", "2016-06-12T00:00:00-00:00"),
            new Extension("standard-attr-description", "standard-attr-description", "A description on every resource.", "2016-02-10T10:00:00-00:00"),
            new Extension("standard-attr-revisions", "Resource revision numbers", "revision_number on every resource, bumped on every change.", "2016-04-11T10:00:00-00:00"),
            new Extension("standard-attr-tag", "Tag support for resources with standard attribute", "Tags on every resource and the tags, tags-any, not-tags, not-tags-any filters.", "2017-01-01T00:00:00-00:00"),
            new Extension("standard-attr-timestamp", "Resource timestamps", "created_at and updated_at on every resource.", "2016-09-12T10:00:00-00:00"),
            new Extension("tag-creation", "Tag support for resource creation", "Tags can be given when a resource is created.", "2019-06-20T00:00:00-00:00"));
    }
}
