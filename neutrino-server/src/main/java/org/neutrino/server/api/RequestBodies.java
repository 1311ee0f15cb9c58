package org.neutrino.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;

/**
 * Turns request bodies into validated attribute maps from a {@link ResourceDef}, as Neutron's
 * {@code prepare_request_body}: unknown and read-only attributes refused, values converted and
 * validated, defaults filled on create, project ownership settled.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** The items of a create body: {@code {"network": {...}}} or bulk {@code {"networks": [...]}}. */
    public static List<Map<String, Object>> createItems(ResourceDef def, Object body) {
        Map<String, Object> root = asObject(body, "Body");
        if (root.size() == 1 && root.get(def.collection()) instanceof List<?> list) {
            if (list.isEmpty()) {
                throw NeutronException.badRequest("HTTPBadRequest", "Resources required");
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (Object item : list) {
                items.add(asObject(item, def.member()));
            }
            return items;
        }
        if (root.size() == 1 && root.containsKey(def.member())) {
            return List.of(asObject(root.get(def.member()), def.member()));
        }
        throw NeutronException.badRequest("HTTPBadRequest",
                "Unable to find '" + def.member() + "' in request body");
    }

    /** The changes of an update body {@code {"network": {...}}}. */
    public static Map<String, Object> updateItem(ResourceDef def, Object body) {
        Map<String, Object> root = asObject(body, "Body");
        if (root.size() != 1 || !root.containsKey(def.member())) {
            throw NeutronException.badRequest("HTTPBadRequest", "Unable to find '" + def.member() + "' in request body");
        }
        return asObject(root.get(def.member()), def.member());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw NeutronException.badRequest("HTTPBadRequest", "Invalid format: " + what + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /**
     * Validates a create item, fills defaults and the project. Returns the prepared attributes
     * and, in {@code explicit}, the names the client set to something other than their default:
     * as in Neutron, only those are subject to per-attribute policy ({@code shared: false} is not).
     */
    public static Map<String, Object> prepareCreate(ResourceDef def, Map<String, Object> item, RequestContext context,
                                                    List<String> explicit) {
        refuseUnknown(def, item);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : item.entrySet()) {
            AttributeDef attr = def.attribute(entry.getKey());
            if (!attr.allowPost()) {
                throw NeutronException.badRequest("HTTPBadRequest", "Attribute '" + attr.name() + "' not allowed in POST");
            }
            Object value = convertAndValidate(attr, entry.getValue());
            out.put(attr.name(), value);
            if (!Objects.equals(value, attr.defaultValue())) {
                explicit.add(attr.name());
            }
        }
        for (AttributeDef attr : def.attributes().values()) {
            if (!attr.allowPost() || out.containsKey(attr.name())) {
                continue;
            }
            if (attr.required()) {
                throw NeutronException.badRequest("HTTPBadRequest",
                        "Failed to parse request. Required attribute '" + attr.name() + "' not specified");
            }
            if (attr.defaultValue() != AttributeDef.UNSET) {
                out.put(attr.name(), attr.defaultValue());
            }
        }
        settleProject(out, context);
        return out;
    }

    /** Validates an update item: every attribute must exist and be updatable. */
    public static Map<String, Object> prepareUpdate(ResourceDef def, Map<String, Object> item) {
        refuseUnknown(def, item);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : item.entrySet()) {
            AttributeDef attr = def.attribute(entry.getKey());
            if (!attr.allowPut()) {
                throw NeutronException.badRequest("HTTPBadRequest", "Cannot update read-only attribute " + attr.name());
            }
            out.put(attr.name(), convertAndValidate(attr, entry.getValue()));
        }
        return out;
    }

    /** Converts then validates one value; 400 with Neutron's wording when it is bad. */
    public static Object convertAndValidate(AttributeDef attr, Object value) {
        Object converted;
        try {
            converted = attr.converter().convert(attr.name(), value);
        } catch (NeutronException e) {
            throw NeutronException.badRequest("HTTPBadRequest", "Invalid input for " + attr.name() + ". Reason: "
                    + e.getMessage().replaceFirst("^Invalid input for operation: ", "") + ".");
        }
        if (attr.validator() != null) {
            String error = attr.validator().validate(converted);
            if (error != null) {
                throw NeutronException.badRequest("HTTPBadRequest", "Invalid input for " + attr.name() + ". Reason: " + error + ".");
            }
        }
        return converted;
    }

    private static void refuseUnknown(ResourceDef def, Map<String, Object> item) {
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : item.keySet()) {
            if (def.attribute(key) == null) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw NeutronException.badRequest("HTTPBadRequest", "Unrecognized attribute(s) '" + String.join(", ", unknown) + "'");
        }
    }

    /**
     * Neutron's {@code populate_project_id}: {@code project_id} and {@code tenant_id} must agree;
     * naming another project than the caller's takes an admin or advanced service; without one
     * the owner is the caller's project, and a caller without a project (a Keystone token scoped
     * to a domain or to nothing) must name one.
     */
    private static void settleProject(Map<String, Object> out, RequestContext context) {
        Object tenant = out.get("tenant_id");
        Object project = out.get("project_id");
        if (tenant != null && project != null && !tenant.equals(project)) {
            throw NeutronException.badRequest("HTTPBadRequest", "'project_id' and 'tenant_id' do not match");
        }
        Object named = project != null ? project : tenant;
        if (named != null && !named.equals(context.projectId()) && !context.isAdvsvc()) {
            throw NeutronException.badRequest("HTTPBadRequest", "Specifying 'project_id' or 'tenant_id' other than the "
                    + "authenticated project in request requires admin or advsvc privileges");
        }
        Object owner = named != null ? named : context.projectId();
        if (owner == null) {
            throw NeutronException.badRequest("HTTPBadRequest", "Running without keystone AuthN requires that tenant_id is specified");
        }
        if (owner instanceof String id && id.length() > CoreResources.PROJECT_ID_MAX) {
            throw NeutronException.badRequest("HTTPBadRequest", "Invalid input for project_id. Reason: '" + id
                    + "' exceeds maximum length of " + CoreResources.PROJECT_ID_MAX + ".");
        }
        out.put("tenant_id", owner);
        out.put("project_id", owner);
    }
}
