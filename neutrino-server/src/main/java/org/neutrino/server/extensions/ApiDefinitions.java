package org.neutrino.server.extensions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neutrino.lib.api.ActionDef;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.config.Opt;

/**
 * The API as the loaded plugins declare it: every collection with its attribute table completed
 * by the extensions that add to it, the member actions and sub-resources, the extensions listed
 * by {@code GET /v2.0/extensions}, their default policy rules and quota resources. Built once at
 * start-up; a declaration that does not fit (an alias twice, attributes or actions for a collection
 * nobody serves, a missing required extension) is a start-up error.
 */
public final class ApiDefinitions {
    private final Map<String, ResourceDef> collections = new LinkedHashMap<>();
    private final List<ExtensionDescriptor> extensions;

    /**
     * @param core       the core collections (networks, subnets, ports)
     * @param extensions the descriptors of every loaded extension
     */
    public ApiDefinitions(List<ResourceDef> core, List<ExtensionDescriptor> extensions) {
        Set<String> aliases = new LinkedHashSet<>();
        for (ExtensionDescriptor extension : extensions) {
            if (!aliases.add(extension.alias())) {
                throw new IllegalStateException("extension " + extension.alias() + " is loaded twice");
            }
        }
        for (ExtensionDescriptor extension : extensions) {
            for (String required : extension.requires()) {
                if (!aliases.contains(required)) {
                    throw new IllegalStateException("extension " + extension.alias() + " requires extension " + required
                            + ", which no loaded plugin provides");
                }
            }
        }
        List<ResourceDef> all = new ArrayList<>(core);
        extensions.forEach(e -> all.addAll(e.collections()));
        for (ResourceDef definition : all) {
            ResourceDef copy = new ResourceDef(definition.collection(), definition.member())
                    .extend(definition.attributes().values().toArray(AttributeDef[]::new));
            if (collections.put(definition.collection(), copy) != null) {
                throw new IllegalStateException("collection " + definition.collection() + " is declared twice");
            }
        }
        for (ExtensionDescriptor extension : extensions) {
            extension.attributes().forEach((collection, defs) -> definition(collection, extension.alias())
                    .extend(defs.toArray(AttributeDef[]::new)));
            extension.actions().forEach(a -> definition(a.collection(), extension.alias()));
        }
        this.extensions = extensions.stream().sorted(Comparator.comparing(ExtensionDescriptor::alias)).toList();
    }

    private ResourceDef definition(String collection, String alias) {
        ResourceDef definition = collections.get(collection);
        if (definition == null) {
            throw new IllegalStateException("extension " + alias + " extends collection " + collection + ", which nothing serves");
        }
        return definition;
    }

    /** The complete attribute table of a collection. */
    public ResourceDef collection(String name) {
        return Optional.ofNullable(collections.get(name))
                .orElseThrow(() -> new IllegalArgumentException("no collection " + name));
    }

    /** Every collection, in declaration order (core first). */
    public Map<String, ResourceDef> collections() {
        return java.util.Collections.unmodifiableMap(collections);
    }

    /** The loaded extensions, by alias. */
    public List<ExtensionDescriptor> extensions() {
        return extensions;
    }

    public boolean isLoaded(String alias) {
        return extensions.stream().anyMatch(e -> e.alias().equals(alias));
    }

    /** The member actions of a collection. */
    public List<ActionDef> actions(String collection) {
        return extensions.stream().flatMap(e -> e.actions().stream()).filter(a -> a.collection().equals(collection)).toList();
    }

    /** Every default policy rule the extensions declare. */
    public Map<String, String> policies() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ExtensionDescriptor extension : extensions) {
            extension.policies().forEach((rule, expression) -> {
                String before = out.put(rule, expression);
                if (before != null && !before.equals(expression)) {
                    throw new IllegalStateException("policy rule " + rule + " is declared twice, differently");
                }
            });
        }
        return out;
    }

    /** Every quota resource the extensions declare, with the option of its default limit. */
    public Map<String, Opt<Integer>> quotas() {
        Map<String, Opt<Integer>> out = new LinkedHashMap<>();
        extensions.forEach(e -> out.putAll(e.quotas()));
        return out;
    }
}
