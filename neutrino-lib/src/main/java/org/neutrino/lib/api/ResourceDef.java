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

    public String member() {
        return member;
    }

    /**
     * The URL segment of the collection: its name with {@code -} for {@code _}, as Neutron
     * derives it ({@code security_groups} is served at {@code /v2.0/security-groups}).
     */
    public String path() {
        return collection.replace('_', '-');
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
