package org.neutrino.server.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.neutrino.db.ListQuery;
import org.neutrino.db.TagStore;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.exceptions.NeutronException;

/**
 * The query string of a list request, understood: filters (repeated keys mean OR), tag filters,
 * {@code changed_since},
 * {@code fields}, {@code sort_key}/{@code sort_dir}, {@code limit}/{@code marker}/{@code page_reverse}.
 * As in Neutron, {@code marker} and {@code page_reverse} apply only to a limited list (a
 * {@code limit} or {@code pagination_max_limit}); {@code page_reverse} without a marker is the
 * last page. Filters and sort keys on an attribute the caller may not read are refused like
 * unknown ones: their answers would reveal its values.
 *
 * @param query  what the database is asked
 * @param fields the fields to return, empty for all
 */
public record ListParams(ListQuery query, List<String> fields) {

    private static final Set<String> CONTROL = Set.of("fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse");
    private static final Set<String> TAG_FILTERS = Set.of("tags", "tags-any", "not-tags", "not-tags-any");
    /** The {@code standard-attr-timestamp} filter: resources updated at or after a time. */
    private static final String CHANGED_SINCE = "changed_since";

    /**
     * Parses {@code params} against the attributes of {@code handler}'s resource.
     *
     * @param mayRead whether the caller may read an attribute (by name) of every resource
     */
    public static ListParams parse(Map<String, List<String>> params, ResourceHandler handler, int maxLimit,
                                   Predicate<String> mayRead) {
        Map<String, List<Object>> filters = new LinkedHashMap<>();
        List<ListQuery.Condition> conditions = new ArrayList<>();
        int bind = 0;
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String key = param.getKey();
            if (CONTROL.contains(key)) {
                continue;
            }
            if (key.equals(CHANGED_SINCE)) {
                conditions.add(new ListQuery.Condition("t.updated_at >= :changed_since",
                        Map.of("changed_since", changedSince(param.getValue().get(0)))));
                continue;
            }
            if (TAG_FILTERS.contains(key)) {
                List<String> tags = new ArrayList<>();
                param.getValue().forEach(v -> tags.addAll(List.of(v.split(",", -1))));
                conditions.add(TagStore.condition(key, tags, "tag" + bind++ + "_"));
                continue;
            }
            AttributeDef attr = handler.definition().attribute(key);
            if (attr == null || !attr.filterable() || !mayRead.test(key)) {
                throw NeutronException.badRequest("HTTPBadRequest", "[" + key + "] is invalid attribute for filtering");
            }
            List<Object> values = new ArrayList<>();
            for (String value : param.getValue()) {
                values.add(filterValue(attr, value));
            }
            var special = handler.specialFilter(key, values);
            if (special.isPresent()) {
                conditions.add(special.get());
                continue;
            }
            // tenant_id and project_id are one column: both filters must hold
            filters.merge(key.equals("tenant_id") ? "project_id" : key, values, (a, b) -> a.stream().filter(b::contains).toList());
        }
        List<String> fields = new ArrayList<>();
        for (String field : params.getOrDefault("fields", List.of())) {
            for (String f : field.split(",")) {
                if (!f.isBlank()) {
                    fields.add(f.trim());
                }
            }
        }
        List<ListQuery.Sort> sorts = sorts(params, handler, mayRead);
        int limit = limit(params.get("limit"), maxLimit);
        String marker = limit > 0 && params.containsKey("marker") && !params.get("marker").get(0).isEmpty()
                ? params.get("marker").get(0) : null;
        boolean reverse = limit > 0 && params.containsKey("page_reverse") && Boolean.parseBoolean(params.get("page_reverse").get(0));
        return new ListParams(new ListQuery(filters, conditions, sorts, limit, marker, reverse), fields);
    }

    /**
     * An ISO 8601 time (UTC when it names no offset) as stored in {@code updated_at}
     * ({@code YYYY-MM-DDTHH:MM:SSZ}); a fraction of a second rounds up, since stored times have none.
     */
    private static String changedSince(String value) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                instant = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw NeutronException.invalidInput("The input changed_since must be in the following format: YYYY-MM-DDTHH:MM:SSZ");
            }
        }
        if (instant.getNano() > 0) {
            instant = instant.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        }
        return instant.toString();
    }

    private static Object filterValue(AttributeDef attr, String value) {
        try {
            return attr.converter().convert(attr.name(), value);
        } catch (NeutronException e) {
            throw NeutronException.badRequest("HTTPBadRequest", "Invalid input for " + attr.name() + ". Reason: "
                    + e.getMessage().replaceFirst("^Invalid input for operation: ", "") + ".");
        }
    }

    /**
     * The sort keys in order, each once (a repeated key cannot change the order its first
     * occurrence gives). Empty values are ignored, as in Neutron; more keys than the resource
     * has sortable attributes are refused before anything else is done with them.
     */
    private static List<ListQuery.Sort> sorts(Map<String, List<String>> params, ResourceHandler handler, Predicate<String> mayRead) {
        List<String> keys = nonEmpty(params.get("sort_key"));
        List<String> dirs = nonEmpty(params.get("sort_dir"));
        if (keys.size() != dirs.size() && !dirs.isEmpty()) {
            throw NeutronException.badRequest("HTTPBadRequest", "The number of sort_keys and sort_dirs must be same");
        }
        long sortable = handler.definition().attributes().values().stream().filter(AttributeDef::sortable).count();
        if (keys.size() > sortable) {
            throw NeutronException.badRequest("HTTPBadRequest", "Too many sort_keys: " + keys.size() + " given, at most " + sortable
                    + " (the number of sortable attributes)");
        }
        Map<String, ListQuery.Sort> sorts = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            String column = key.equals("tenant_id") ? "project_id" : key;
            AttributeDef attr = handler.definition().attribute(key);
            if (attr == null || !attr.sortable() || handler.table().column(column).isEmpty() || !mayRead.test(key)) {
                throw NeutronException.badRequest("HTTPBadRequest", key + " is an invalid attribute for sort_key");
            }
            String dir = dirs.isEmpty() ? "asc" : dirs.get(i);
            if (!dir.equals("asc") && !dir.equals("desc")) {
                throw NeutronException.badRequest("HTTPBadRequest", dir + " is an invalid value for sort_dir, valid values are 'asc' and 'desc'");
            }
            sorts.putIfAbsent(column, new ListQuery.Sort(column, dir.equals("asc")));
        }
        return List.copyOf(sorts.values());
    }

    private static List<String> nonEmpty(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> !v.isEmpty()).toList();
    }

    private static int limit(List<String> values, int maxLimit) {
        int limit = 0;
        if (values != null && !values.isEmpty()) {
            try {
                limit = Integer.parseInt(values.get(0));
            } catch (NumberFormatException e) {
                throw NeutronException.badRequest("HTTPBadRequest", "Limit must be an integer 0 or greater and not '" + values.get(0) + "'");
            }
            if (limit < 0) {
                throw NeutronException.badRequest("HTTPBadRequest", "Limit must be an integer 0 or greater and not '" + values.get(0) + "'");
            }
        }
        if (maxLimit > 0 && (limit == 0 || limit > maxLimit)) {
            limit = maxLimit;
        }
        return limit;
    }
}
