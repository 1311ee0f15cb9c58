package org.neutrino.server.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.MarkerNotFoundException;
import org.neutrino.db.TagStore;
import org.neutrino.lib.api.ActionDef;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.api.Validator;
import org.neutrino.lib.api.Validators;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.server.policy.PolicyEngine;

/**
 * The one controller behind every resource collection, like Neutron's {@code api/v2/base.py}:
 * list, show, create (single and bulk), update, delete, the tags sub-resource, member actions and
 * plugins' sub-resources, driven by the handler's {@link ResourceDef}.
 */
public final class ResourceController implements Controller, SubResourceParent {
    private static final Validator TAGS = Validators.tags(CoreResources.MAX_TAGS, CoreResources.MAX_TAG_LENGTH);
    private static final Validator TAG = Validators.tag(CoreResources.MAX_TAG_LENGTH);

    private final ResourceHandler handler;
    private final PolicyEngine policy;
    private final Database database;
    private final TagStore tags;
    private final int maxLimit;
    private final String prefix;
    private final String policyMember;
    private final Map<String, SubResource> subResources = new LinkedHashMap<>();
    private final Map<String, BoundAction> actions = new LinkedHashMap<>();

    /** A member action's declaration and behaviour. */
    private record BoundAction(ActionDef definition, MemberAction action) {
    }

    /** Performs the declared member action {@code definition} with {@code action}. */
    public void withAction(ActionDef definition, MemberAction action) {
        if (actions.putIfAbsent(definition.name(), new BoundAction(definition, action)) != null) {
            throw new IllegalStateException("action " + definition.name() + " of " + prefix + " is registered twice");
        }
    }

    @Override
    public void withSubResource(String name, SubResource sub) {
        if (subResources.putIfAbsent(name, sub) != null) {
            throw new IllegalStateException("sub-resource " + name + " of " + prefix + " is registered twice");
        }
    }

    public ResourceController(ResourceHandler handler, PolicyEngine policy, Database database, TagStore tags, int maxLimit) {
        this(handler, policy, database, tags, maxLimit, handler.definition().path(), handler.definition().member());
    }

    /**
     * A controller of a collection served under another path, e.g. the sub-collection
     * {@code floatingips/<id>/port_forwardings} with its rules named {@code get_floatingip_port_forwarding}:
     * requests come with paths relative to {@code path} ({@code [port_forwardings, <id>]}).
     *
     * @param path         where the collection is served below {@code /v2.0}, for pagination links
     * @param policyMember the member name in its policy rules ({@code <action>_<policyMember>})
     */
    public ResourceController(ResourceHandler handler, PolicyEngine policy, Database database, TagStore tags, int maxLimit,
                              String path, String policyMember) {
        this.handler = handler;
        this.policy = policy;
        this.database = database;
        this.tags = tags;
        this.maxLimit = maxLimit;
        this.prefix = "/v2.0/" + path;
        this.policyMember = policyMember;
    }

    private ResourceDef def() {
        return handler.definition();
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        List<String> path = request.path();
        String method = request.method();
        if (path.size() == 1) {
            return switch (method) {
                case "GET" -> list(request);
                case "POST" -> create(request);
                default -> throw methodNotAllowed();
            };
        }
        String id = path.get(1);
        if (path.size() == 2) {
            return switch (method) {
                case "GET" -> show(request, id);
                case "PUT" -> update(request, id);
                case "DELETE" -> delete(request, id);
                default -> throw methodNotAllowed();
            };
        }
        if (path.get(2).equals("tags") && path.size() <= 4) {
            return tagRequest(request, id, path.size() == 4 ? path.get(3) : null);
        }
        BoundAction action = actions.get(path.get(2));
        if (action != null && path.size() == 3) {
            return perform(request, id, action);
        }
        SubResource sub = subResources.get(path.get(2));
        if (sub != null && path.size() <= 4) {
            return sub.handle(request, id, () -> findVisible(request.context(), id));
        }
        throw Controller.notFound();
    }

    static NeutronException methodNotAllowed() {
        return new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
    }

    // ---- read ----

    private ApiResponse list(ApiRequest request) {
        RequestContext context = request.context();
        ListParams params = ListParams.parse(request.params(), handler, maxLimit, attribute -> mayReadEverywhere(context, attribute));
        ListQuery query = handler.scopedFor(context, params.query());
        List<Map<String, Object>> rows;
        try {
            rows = handler.list(context, query);
        } catch (MarkerNotFoundException e) {
            throw notFound(e.marker());
        }
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            out.add(render(context, row, params.fields()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(def().collection(), out);
        if (query.limit() > 0) {
            body.put(def().collection() + "_links", links(request, rows, query));
        }
        return ApiResponse.ok(body);
    }

    /**
     * Whether the caller may read {@code attribute} of every resource of the collection: it has
     * no read rule, or its rule passes whatever the resource (a rule that depends on the
     * resource, e.g. an owner check, does not).
     */
    private boolean mayReadEverywhere(RequestContext context, String attribute) {
        AttributeDef attr = def().attribute(attribute);
        String rule = "get_" + policyMember + ":" + attribute;
        return !attr.enforcePolicy() || !policy.has(rule) || policy.checkForEveryTarget(rule, context);
    }

    /**
     * Neutron's pagination links ({@code api_common.get_pagination_links}): {@code next} unless
     * a forward page is short, {@code previous} unless a backward page is short; their markers
     * are the last and the first row of the page (none on an empty page).
     */
    private List<Map<String, String>> links(ApiRequest request, List<Map<String, Object>> rows, ListQuery query) {
        List<Map<String, String>> links = new ArrayList<>();
        boolean shortPage = rows.size() < query.limit();
        if (!(shortPage && !query.pageReverse())) {
            links.add(Map.of("rel", "next", "href", pageHref(request, rows.isEmpty() ? null : rows.get(rows.size() - 1).get("id"), false)));
        }
        if (!(shortPage && query.pageReverse())) {
            links.add(Map.of("rel", "previous", "href", pageHref(request, rows.isEmpty() ? null : rows.get(0).get("id"), true)));
        }
        return links;
    }

    /** The request's own query with {@code marker} (if any) and, going backwards, {@code page_reverse=True}. */
    private String pageHref(ApiRequest request, Object marker, boolean reverse) {
        StringBuilder href = new StringBuilder(request.baseUrl()).append(prefix);
        List<String> query = new ArrayList<>();
        for (Map.Entry<String, List<String>> param : request.params().entrySet()) {
            if (param.getKey().equals("marker") || param.getKey().equals("page_reverse")) {
                continue;
            }
            for (String value : param.getValue()) {
                query.add(encode(param.getKey()) + "=" + encode(value));
            }
        }
        if (marker != null) {
            query.add("marker=" + encode(String.valueOf(marker)));
        }
        if (reverse) {
            query.add("page_reverse=True");
        }
        return href.append('?').append(String.join("&", query)).toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private ApiResponse show(ApiRequest request, String id) {
        Map<String, Object> resource = findVisible(request.context(), id);
        List<String> fields = new ArrayList<>();
        request.params().getOrDefault("fields", List.of()).forEach(f -> fields.addAll(List.of(f.split(","))));
        return ApiResponse.ok(Map.of(def().member(), render(request.context(), resource, fields)));
    }

    /** The resource if the caller may see it; 404 otherwise, never 403. */
    private Map<String, Object> findVisible(RequestContext context, String id) {
        Map<String, Object> resource = handler.find(id).orElseThrow(() -> notFound(id));
        if (!policy.check("get_" + policyMember, context, handler.policyTarget(resource))) {
            throw notFound(id);
        }
        return resource;
    }

    private NeutronException notFound(String id) {
        String type = handler.notFoundType();
        String what = type.replace("NotFound", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return NeutronException.notFound(type, what + " " + id + " could not be found.");
    }

    /** Drops hidden attributes and those the caller's policy may not read, then applies {@code fields}. */
    private Map<String, Object> render(RequestContext context, Map<String, Object> resource, List<String> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> target = null;
        for (AttributeDef attr : def().attributes().values()) {
            if (!attr.visible() || !resource.containsKey(attr.name())) {
                continue;
            }
            if (!fields.isEmpty() && !fields.contains(attr.name())) {
                continue;
            }
            String rule = "get_" + policyMember + ":" + attr.name();
            if (attr.enforcePolicy() && policy.has(rule)) {
                if (target == null) {
                    target = handler.policyTarget(resource);
                }
                if (!policy.check(rule, context, target)) {
                    continue;
                }
            }
            out.put(attr.name(), resource.get(attr.name()));
        }
        return out;
    }

    // ---- write ----

    private ApiResponse create(ApiRequest request) {
        RequestContext context = request.context();
        Object body = JsonCodec.parse(request.body());
        List<Map<String, Object>> raw = RequestBodies.createItems(def(), body);
        boolean bulk = body instanceof Map<?, ?> root && root.containsKey(def().collection());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> item : raw) {
            List<String> explicit = new ArrayList<>();
            Map<String, Object> prepared = RequestBodies.prepareCreate(def(), item, context, explicit);
            handler.beforeCreate(context, prepared);
            enforce("create_" + policyMember, context, handler.policyTarget(prepared), explicit);
            items.add(prepared);
        }
        List<Map<String, Object>> created = handler.create(context, items);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> resource : created) {
            out.add(render(context, resource, List.of()));
        }
        return ApiResponse.created(bulk ? Map.of(def().collection(), out) : Map.of(def().member(), out.get(0)));
    }

    private ApiResponse update(ApiRequest request, String id) {
        RequestContext context = request.context();
        Map<String, Object> original = findVisible(context, id);
        Map<String, Object> changes = RequestBodies.prepareUpdate(def(), RequestBodies.updateItem(def(), JsonCodec.parse(request.body())));
        Map<String, Object> target = new LinkedHashMap<>(handler.policyTarget(original));
        target.putAll(changes);
        enforce("update_" + policyMember, context, target, new ArrayList<>(changes.keySet()));
        Map<String, Object> updated = handler.update(context, id, changes, expectedRevision(request));
        return ApiResponse.ok(Map.of(def().member(), render(context, updated, List.of())));
    }

    private ApiResponse delete(ApiRequest request, String id) {
        RequestContext context = request.context();
        Map<String, Object> original = findVisible(context, id);
        enforce("delete_" + policyMember, context, handler.policyTarget(original), List.of());
        handler.delete(context, id, expectedRevision(request));
        return ApiResponse.noContent();
    }

    /** The base rule AND every per-attribute rule that exists for an attribute the client set. */
    private void enforce(String action, RequestContext context, Map<String, Object> target, List<String> explicit) {
        enforce(def(), action, context, target, explicit);
    }

    /** The base rule AND every per-attribute rule of {@code definition} that exists for an attribute the client set. */
    private void enforce(ResourceDef definition, String action, RequestContext context, Map<String, Object> target,
                         List<String> explicit) {
        policy.enforce(action, context, target);
        for (String name : explicit) {
            AttributeDef attr = definition.attribute(name);
            String rule = action + ":" + name;
            if (attr != null && attr.enforcePolicy() && policy.has(rule)) {
                policy.enforce(rule, context, target);
                for (String sub : subAttributes(target.get(name))) {
                    if (policy.has(rule + ":" + sub)) {
                        policy.enforce(rule + ":" + sub, context, target);
                    }
                }
            }
        }
    }

    /**
     * The keys used by the objects of a list value, e.g. {@code ip_address} in {@code fixed_ips}, or
     * by an object value ({@code enable_snat} in {@code external_gateway_info}): as in Neutron,
     * {@code create_port:fixed_ips:ip_address} applies when an item sets it.
     */
    private static Set<String> subAttributes(Object value) {
        Set<String> keys = new TreeSet<>();
        if (value instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> keys.add(String.valueOf(key)));
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    map.keySet().forEach(key -> keys.add(String.valueOf(key)));
                }
            }
        }
        return keys;
    }

    /** {@code If-Match: revision_number=N}; other entity tags are ignored, as in Neutron. */
    static Long expectedRevision(ApiRequest request) {
        String header = request.header().apply("If-Match");
        if (header == null) {
            return null;
        }
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.startsWith("revision_number=")) {
                try {
                    return Long.parseLong(t.substring("revision_number=".length()));
                } catch (NumberFormatException e) {
                    throw NeutronException.badRequest("HTTPBadRequest", "Invalid If-Match header: " + header);
                }
            }
        }
        return null;
    }

    // ---- member actions ----

    /**
     * A member action: the member must be visible (404 otherwise), the body is prepared from the
     * action's declaration like an update body, and the action's rule and per-attribute rules are
     * enforced on the member with the body's values.
     */
    private ApiResponse perform(ApiRequest request, String id, BoundAction bound) {
        ActionDef definition = bound.definition();
        if (!request.method().equals(definition.method())) {
            throw methodNotAllowed();
        }
        RequestContext context = request.context();
        Map<String, Object> member = findVisible(context, id);
        ResourceDef bodyDefinition = definition.bodyDefinition();
        Object parsed = JsonCodec.parse(request.body());
        Map<String, Object> raw = definition.wrapper() == null ? RequestBodies.asObject(parsed, "Body")
                : RequestBodies.updateItem(bodyDefinition, parsed);
        Map<String, Object> body = RequestBodies.prepareUpdate(bodyDefinition, raw);
        Map<String, Object> target = new LinkedHashMap<>(handler.policyTarget(member));
        target.putAll(body);
        enforce(bodyDefinition, definition.name(), context, target, new ArrayList<>(body.keySet()));
        return ApiResponse.ok(bound.action().perform(context, member, body));
    }

    // ---- tags ----

    private ApiResponse tagRequest(ApiRequest request, String id, String tag) {
        RequestContext context = request.context();
        Map<String, Object> resource = findVisible(context, id);
        String method = request.method();
        if (method.equals("GET")) {
            List<String> current = database.read(h -> tags.tagsOf(h, id));
            if (tag == null) {
                return ApiResponse.ok(Map.of("tags", current));
            }
            if (!current.contains(tag)) {
                throw NeutronException.notFound("TagNotFound", "Tag " + tag + " could not be found.");
            }
            return ApiResponse.noContent();
        }
        policy.enforce("update_" + policyMember, context, handler.policyTarget(resource));
        Long expected = expectedRevision(request);
        switch (method) {
            case "PUT" -> {
                if (tag == null) {
                    Map<String, Object> body = RequestBodies.asObject(JsonCodec.parse(request.body()), "Body");
                    if (!body.containsKey("tags")) {
                        throw NeutronException.invalidInput("Invalid tags body.");
                    }
                    validate(TAGS, body.get("tags"));
                    @SuppressWarnings("unchecked")
                    List<String> newTags = (List<String>) body.get("tags");
                    database.inTransaction(h -> {
                        checkRevision(h, id, expected);
                        tags.replace(h, id, newTags);
                        handler.table().touch(h, id);
                        return null;
                    });
                    return ApiResponse.ok(Map.of("tags", newTags));
                }
                validate(TAG, tag);
                database.inTransaction(h -> {
                    checkRevision(h, id, expected);
                    List<String> current = tags.tagsOf(h, id);
                    if (current.contains(tag)) {
                        return null;
                    }
                    if (current.size() >= CoreResources.MAX_TAGS) {
                        throw NeutronException.invalidInput(Validators.tooManyTags(CoreResources.MAX_TAGS) + ".");
                    }
                    tags.add(h, id, tag);
                    handler.table().touch(h, id);
                    return null;
                });
                return ApiResponse.created(null);
            }
            case "DELETE" -> {
                database.inTransaction(h -> {
                    checkRevision(h, id, expected);
                    if (tag == null) {
                        tags.removeAll(h, id);
                    } else if (!tags.remove(h, id, tag)) {
                        throw NeutronException.notFound("TagNotFound", "Tag " + tag + " could not be found.");
                    }
                    handler.table().touch(h, id);
                    return null;
                });
                return ApiResponse.noContent();
            }
            default -> throw methodNotAllowed();
        }
    }

    private void checkRevision(org.jdbi.v3.core.Handle handle, String id, Long expected) {
        Map<String, Object> row = handler.table().findForUpdate(handle, id).orElseThrow(() -> notFound(id));
        if (expected != null) {
            Revisions.check(expected, row);
        }
    }

    /** Neutron's tag controller answers a bad tag or tag list with {@code InvalidInput}. */
    private static void validate(Validator validator, Object value) {
        String error = validator.validate(value);
        if (error != null) {
            throw NeutronException.invalidInput(error + ".");
        }
    }
}
