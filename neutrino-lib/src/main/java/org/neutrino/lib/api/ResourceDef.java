package org.neutrino.lib.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A collection of the API ({@code networks}) with its member name ({@code network}) and its
 * attribute table. Extensions add attributes with {@link #extend}; the table is the single
 * source of truth for defaults, validation, visibility, filters and sort keys.
 */
public final class ResourceDef {
    private final String collection;
    private final String member;
    private final Map<String, AttributeDef> attributes = new LinkedHashMap<>();

    public ResourceDef(String collection, String member) {
        this.collection = collection;
        this.member = member;
    }

    public String collection() {
        return collection;
    }

    /**
     * The collection's segment of the URL, {@code /v2.0/<path>}: its name with {@code -} for
     * {@code _}, as Neutron serves extension collections ({@code address-scopes}).
     */
    public String path() {
        return collection.replace('_', '-');
    }

    public String member() {
        return member;
    }

    /** Adds or replaces attributes (an extension extending this resource). */
    public ResourceDef extend(AttributeDef... defs) {
        for (AttributeDef def : defs) {
            attributes.put(def.name(), def);
        }
        return this;
    }

    public Map<String, AttributeDef> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public AttributeDef attribute(String name) {
        return attributes.get(name);
    }
}
