package org.neutrino.server.api;

import java.util.List;
import org.neutrino.lib.api.ExtensionDescriptor;

/**
 * The extensions the API layer itself implements for every collection: list queries, fields and
 * filters, standard attributes, revisions, tags and quotas.
 */
public final class ApiExtensions {
    private ApiExtensions() {
    }

    public static List<ExtensionDescriptor> all() {
        return List.of(
            ExtensionDescriptor.builder("filter-validation")
            .describedAs("Filter parameters validation", "Unknown list filters are refused with 400 instead of ignored.",
                    "2018-07-04T10:00:00-00:00").build(),
            ExtensionDescriptor.builder("pagination")
            .describedAs("Pagination support", "limit, marker and page_reverse on lists, with next/previous links.",
                    "2016-06-12T00:00:00-00:00").build(),
            ExtensionDescriptor.builder("project-id")
            .describedAs("project_id field enabled", "Resources carry project_id next to tenant_id.",
                    "2016-09-09T09:09:09-09:09").build(),
            ExtensionDescriptor.builder("quotas")
            .describedAs("Quota management support", "Per-project limits on the number of resources.",
                    "2012-07-29T10:00:00-00:00").build(),
            ExtensionDescriptor.builder("quota_details")
            .describedAs("Quota details management support", "Limit, used and reserved counts per resource.",
                    "2017-02-10T10:00:00-00:00").build(),
            ExtensionDescriptor.builder("revision-if-match")
            .describedAs("If-Match constraints based on revision_number", "If-Match: revision_number=N makes an update or delete conditional (412 otherwise).",
                    "2016-12-11T00:00:00-00:00").build(),
            ExtensionDescriptor.builder("sorting")
            .describedAs("Sorting support", "sort_key and sort_dir on lists.",
                    "2016-06-12T00:00:00-00:00").build(),
            ExtensionDescriptor.builder("standard-attr-description")
            .describedAs("standard-attr-description", "A description on every resource.",
                    "2016-02-10T10:00:00-00:00").build(),
            ExtensionDescriptor.builder("standard-attr-revisions")
            .describedAs("Resource revision numbers", "revision_number on every resource, bumped on every change.",
                    "2016-04-11T10:00:00-00:00").build(),
            ExtensionDescriptor.builder("standard-attr-tag")
            .describedAs("Tag support for resources with standard attribute", "Tags on every resource and the tags, tags-any, not-tags, not-tags-any filters.",
                    "2017-01-01T00:00:00-00:00").build(),
            ExtensionDescriptor.builder("standard-attr-timestamp")
            .describedAs("Resource timestamps", "created_at and updated_at on every resource.",
                    "2016-09-12T10:00:00-00:00").build(),
            ExtensionDescriptor.builder("tag-creation")
            .describedAs("Tag support for resource creation", "Tags can be given when a resource is created.",
                    "2019-06-20T00:00:00-00:00").build());
    }
}
