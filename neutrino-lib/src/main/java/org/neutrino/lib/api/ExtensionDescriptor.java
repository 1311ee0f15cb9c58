package org.neutrino.lib.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neutrino.lib.config.Opt;

/**
 * Everything one API extension adds, declared as data — the Java form of a module of
 * {@code neutron_lib/api/definitions}: its alias and description (listed by
 * {@code GET /v2.0/extensions}), new collections, attributes added to other collections, member
 * actions, sub-resources, default policy rules and quota resources. A plugin that implements the
 * extension supplies the behaviour; the server composes the definitions of every loaded extension.
 *
 * @param alias        Neutron's alias, what clients test for (e.g. {@code router})
 * @param name         display name
 * @param description  what it adds
 * @param updated      the version stamp of the contract implemented
 * @param collections  new collections, with their attribute tables
 * @param attributes   collection name → attributes this extension adds to it
 * @param actions      member actions
 * @param subResources sub-collections under members of a collection
 * @param policies     default policy rules, name → oslo.policy expression
 * @param quotas       quota resource → the option giving its default limit
 * @param requires     aliases this extension needs loaded
 */
public record ExtensionDescriptor(String alias, String name, String description, String updated,
                                  List<ResourceDef> collections, Map<String, List<AttributeDef>> attributes,
                                  List<ActionDef> actions, List<SubResourceDef> subResources,
                                  Map<String, String> policies, Map<String, Opt<Integer>> quotas, List<String> requires) {

    public ExtensionDescriptor {
        Objects.requireNonNull(alias);
        Objects.requireNonNull(name);
        Objects.requireNonNull(description);
        Objects.requireNonNull(updated);
        collections = List.copyOf(collections);
        Map<String, List<AttributeDef>> copy = new LinkedHashMap<>();
        attributes.forEach((collection, defs) -> copy.put(collection, List.copyOf(defs)));
        attributes = java.util.Collections.unmodifiableMap(copy);
        actions = List.copyOf(actions);
        subResources = List.copyOf(subResources);
        policies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        quotas = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quotas));
        requires = List.copyOf(requires);
    }

    /**
     * Neutrino's form of a write rule: Neutron's {@code expression}, and the caller is not
     * reader-only ({@code rule:not_reader_only}, a base rule of the default policy).
     */
    public static String writeRule(String expression) {
        if (expression.equals("rule:regular_user")) {
            return "rule:not_reader_only";
        }
        return expression.contains(" ") ? "rule:not_reader_only and (" + expression + ")" : "rule:not_reader_only and " + expression;
    }

    /** Starts the descriptor of the extension {@code alias}. */
    public static Builder builder(String alias) {
        return new Builder(alias);
    }

    /** A sub-collection {@code /v2.0/<collection>/{id}/<name>}, e.g. {@code routers/{id}/l3-agents}. */
    public record SubResourceDef(String collection, String name) {
    }

    /** Fluent construction: most extensions declare only a few of these parts. */
    public static final class Builder {
        private final String alias;
        private String name;
        private String description;
        private String updated;
        private final List<ResourceDef> collections = new ArrayList<>();
        private final Map<String, List<AttributeDef>> attributes = new LinkedHashMap<>();
        private final List<ActionDef> actions = new ArrayList<>();
        private final List<SubResourceDef> subResources = new ArrayList<>();
        private final Map<String, String> policies = new LinkedHashMap<>();
        private final Map<String, Opt<Integer>> quotas = new LinkedHashMap<>();
        private final List<String> requires = new ArrayList<>();

        private Builder(String alias) {
            this.alias = alias;
        }

        /** Display name, description and version stamp, as {@code GET /v2.0/extensions} lists them. */
        public Builder describedAs(String displayName, String text, String versionStamp) {
            this.name = displayName;
            this.description = text;
            this.updated = versionStamp;
            return this;
        }

        public Builder collection(ResourceDef definition) {
            collections.add(definition);
            return this;
        }

        public Builder attributes(String collection, AttributeDef... defs) {
            attributes.computeIfAbsent(collection, c -> new ArrayList<>()).addAll(List.of(defs));
            return this;
        }

        public Builder action(ActionDef action) {
            actions.add(action);
            return this;
        }

        public Builder subResource(String collection, String subName) {
            subResources.add(new SubResourceDef(collection, subName));
            return this;
        }

        /** A default policy rule for a read ({@code get_router}) or a base rule. */
        public Builder policy(String rule, String expression) {
            policies.put(rule, expression);
            return this;
        }

        /** A default policy rule for a write, refused to reader-only callers ({@link #writeRule}). */
        public Builder writePolicy(String rule, String expression) {
            return policy(rule, writeRule(expression));
        }

        /** A quota resource and the option of its default limit. */
        public Builder quota(String resource, Opt<Integer> limitOption) {
            quotas.put(resource, limitOption);
            return this;
        }

        public Builder requires(String... aliases) {
            requires.addAll(List.of(aliases));
            return this;
        }

        public ExtensionDescriptor build() {
            return new ExtensionDescriptor(alias, name, description, updated, collections, attributes, actions, subResources,
                    policies, quotas, requires);
        }
    }
}
