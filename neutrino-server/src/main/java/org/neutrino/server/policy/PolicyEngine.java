package org.neutrino.server.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.neutrino.lib.config.Config;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a caller may perform an action on a target, with named rules in the
 * oslo.policy language: the {@link DefaultPolicies} overridden (and extended) by the
 * operator's policy file. Who is an administrator is itself a rule, {@code context_is_admin},
 * decided once per request by {@link #contextOf}; as Neutron does with its legacy defaults, an
 * administrator context ({@link RequestContext#isAdmin()}) is allowed everything without
 * evaluating rules. An action without a rule of its own is decided by the rule {@code default};
 * a {@code rule:} check naming a rule that does not exist fails. Immutable and thread-safe.
 */
public final class PolicyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyEngine.class);
    private static final String DEFAULT_RULE = "default";
    private static final String ADMIN_RULE = "context_is_admin";
    private static final String ADVSVC_RULE = "context_is_advsvc";

    private final Map<String, String> texts;
    private final Map<String, PolicyCheck> rules;

    private PolicyEngine(Map<String, String> texts, Map<String, String> sources) {
        Map<String, PolicyCheck> parsed = new LinkedHashMap<>();
        texts.forEach((name, text) -> {
            try {
                parsed.put(name, PolicyParser.parse(text));
            } catch (PolicySyntaxException e) {
                throw new InvalidPolicyException("Invalid policy rule \"" + name + "\" in " + sources.get(name)
                        + ": " + e.getMessage(), e);
            }
        });
        this.texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        this.rules = Collections.unmodifiableMap(parsed);
        rejectCycles(sources);
        warnUndefinedReferences(sources);
    }

    /** The built-in defaults only. */
    public static PolicyEngine withDefaults() {
        return withOverrides(Map.of(), "overrides");
    }

    /**
     * The built-in defaults with {@code overrides} replacing or adding rules.
     *
     * @param source where the overrides come from, for error messages (e.g. the file name)
     * @throws InvalidPolicyException when a rule does not parse (naming the rule and source)
     *                                or rules refer to each other in a cycle
     */
    public static PolicyEngine withOverrides(Map<String, String> overrides, String source) {
        return withOverrides(Map.of(), overrides, source);
    }

    /**
     * The built-in defaults, completed by the default rules of the loaded extensions, with
     * {@code overrides} replacing or adding rules.
     */
    private static PolicyEngine withOverrides(Map<String, String> extensionRules, Map<String, String> overrides, String source) {
        Map<String, String> texts = new LinkedHashMap<>(DefaultPolicies.rules());
        Map<String, String> sources = new LinkedHashMap<>();
        texts.keySet().forEach(name -> sources.put(name, "the built-in defaults"));
        extensionRules.forEach((name, text) -> {
            if (texts.containsKey(name) && !texts.get(name).equals(text)) {
                throw new IllegalStateException("extension policy rule " + name + " differs from the built-in default");
            }
            texts.put(name, text);
            sources.putIfAbsent(name, "the defaults of the loaded extensions");
        });
        overrides.forEach((name, text) -> {
            texts.put(name, text);
            sources.put(name, source);
        });
        return new PolicyEngine(texts, sources);
    }

    /** Exactly {@code rules}, without the built-in defaults. */
    public static PolicyEngine of(Map<String, String> rules) {
        Map<String, String> sources = new LinkedHashMap<>();
        rules.keySet().forEach(name -> sources.put(name, "the given rules"));
        return new PolicyEngine(rules, sources);
    }

    /** The built-in defaults overridden by the rules of a YAML or JSON policy file. */
    public static PolicyEngine fromFile(Path file) {
        return fromFile(file, Map.of());
    }

    private static PolicyEngine fromFile(Path file, Map<String, String> extensionRules) {
        Map<String, String> overrides = PolicyFile.read(file);
        LOG.info("Loaded {} policy rules from {}", overrides.size(), file);
        return withOverrides(extensionRules, overrides, file.toString());
    }

    /** As {@link #fromConfig(Config, Map)} without extension rules. */
    public static PolicyEngine fromConfig(Config config) {
        return fromConfig(config, Map.of());
    }

    /**
     * The engine the server runs with: the defaults (built in, and those of the loaded
     * extensions) overridden by {@code [oslo_policy] policy_file}, looked up as oslo.policy does
     * (absolute, or relative to the configuration directories). Without such a file the defaults
     * apply, as in Neutron; a warning says so when the option was set explicitly.
     *
     * @param extensionRules the default rules the loaded extensions declare
     */
    public static PolicyEngine fromConfig(Config config, Map<String, String> extensionRules) {
        String name = config.get(PolicyOptions.POLICY_FILE);
        Optional<Path> file = config.findFile(name);
        if (file.isPresent()) {
            return fromFile(file.get(), extensionRules);
        }
        if (config.isSet(PolicyOptions.POLICY_FILE)) {
            LOG.warn("Policy file {} set in {} was not found; using the built-in default policy", name,
                    config.source(PolicyOptions.POLICY_FILE).orElseThrow().location());
        } else {
            LOG.debug("No policy file {}; using the built-in default policy", name);
        }
        return withOverrides(extensionRules, Map.of(), "overrides");
    }

    /**
     * The context of an authenticated caller, with {@link RequestContext#isAdmin()} and
     * {@link RequestContext#isAdvsvc()} decided as neutron-lib's context decides them: by the rules
     * {@value #ADMIN_RULE} and {@value #ADVSVC_RULE}, evaluated on the caller's own credentials
     * (which are also the target), e.g. {@code role:admin and project_id:<operators' project>}.
     * A rule that does not exist passes nobody.
     */
    public RequestContext contextOf(String userId, String projectId, Set<String> roles, String requestId) {
        Credentials credentials = new Credentials(userId, projectId, roles, false);
        return new RequestContext(userId, projectId, roles, passes(ADMIN_RULE, credentials),
                passes(ADVSVC_RULE, credentials), requestId);
    }

    private boolean passes(String ruleName, Credentials credentials) {
        PolicyCheck rule = rules.get(ruleName);
        return rule != null && rule.evaluate(credentials, credentials.asMap(), name -> Optional.ofNullable(rules.get(name)));
    }

    /**
     * Whether {@code context} may perform {@code action} on {@code target}.
     *
     * @param action e.g. {@code get_network} or {@code create_network:shared}
     * @param target the resource's attributes plus parent keys such as
     *               {@code network:tenant_id}; {@code null} for none
     */
    public boolean check(String action, RequestContext context, Map<String, Object> target) {
        if (context.isAdmin()) {
            return true;
        }
        PolicyCheck rule = ruleOf(action);
        if (rule == null) {
            return false;
        }
        Map<String, Object> safeTarget = target == null ? Map.of() : target;
        return rule.evaluate(Credentials.of(context), safeTarget, name -> Optional.ofNullable(rules.get(name)));
    }

    /**
     * Whether {@code context} may perform {@code action} on every possible target: false when
     * the rule fails for some target, and also when its outcome depends on the target (an owner
     * check, a {@code field:} check). For decisions that no single resource is at hand for, such
     * as whether a caller may filter a list by an attribute.
     */
    public boolean checkForEveryTarget(String action, RequestContext context) {
        if (context.isAdmin()) {
            return true;
        }
        PolicyCheck rule = ruleOf(action);
        return rule != null && rule.decideForEveryTarget(Credentials.of(context), name -> Optional.ofNullable(rules.get(name)))
                .orElse(false);
    }

    /** The rule of an action, or the {@code default} rule; {@code null} when neither exists. */
    private PolicyCheck ruleOf(String action) {
        PolicyCheck rule = rules.get(action);
        return rule != null ? rule : rules.get(DEFAULT_RULE);
    }

    /**
     * Like {@link #check}, but refuses with 403 {@code PolicyNotAuthorized}
     * "rule:&lt;action&gt; is disallowed by policy".
     */
    public void enforce(String action, RequestContext context, Map<String, Object> target) {
        enforceAll(List.of(action), context, target);
    }

    /**
     * Checks every action (an action and its attribute rules, e.g. {@code create_network} and
     * {@code create_network:shared}) and refuses unless all pass, with Neutron's message
     * "(rule:create_network and rule:create_network:shared) is disallowed by policy".
     */
    public void enforceAll(List<String> actions, RequestContext context, Map<String, Object> target) {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("no action to enforce");
        }
        for (String action : actions) {
            if (!check(action, context, target)) {
                String rule = actions.size() == 1 ? "rule:" + actions.get(0)
                        : actions.stream().map(a -> "rule:" + a).collect(Collectors.joining(" and ", "(", ")"));
                throw NeutronException.forbidden(rule + " is disallowed by policy");
            }
        }
    }

    /**
     * The actions to enforce for a create or update, as Neutron builds them: {@code action}
     * itself, then {@code action:<attribute>} for each attribute that has a rule, then
     * {@code action:<attribute>:<key>} for the keys of a dictionary value or of the
     * dictionaries in a list value that have a rule ({@code create_port:fixed_ips:ip_address}).
     *
     * @param attributes the attributes the request sets explicitly (for an update, those it
     *                   changes), by wire name
     */
    public List<String> attributeActions(String action, Map<String, ?> attributes) {
        Set<String> actions = new LinkedHashSet<>();
        actions.add(action);
        attributes.forEach((attribute, value) -> {
            String attributeAction = action + ":" + attribute;
            if (has(attributeAction)) {
                actions.add(attributeAction);
            }
            List<?> items = value instanceof List<?> list ? list : Collections.singletonList(value);
            for (Object item : items) {
                if (item instanceof Map<?, ?> map) {
                    map.keySet().stream().map(key -> attributeAction + ":" + key).sorted()
                            .filter(this::has).forEach(actions::add);
                }
            }
        });
        return List.copyOf(actions);
    }

    /**
     * The attributes of {@code resource} that {@code context} may not see, as Neutron strips
     * them from responses: those with a rule {@code action:<attribute>} (e.g.
     * {@code get_port:binding:host_id}) that does not pass.
     *
     * @param action   the read action, e.g. {@code get_port}
     * @param resource the resource as it would be returned, by wire name, plus parent keys
     */
    public Set<String> hiddenAttributes(String action, RequestContext context, Map<String, Object> resource) {
        Set<String> hidden = new LinkedHashSet<>();
        for (String attribute : resource.keySet()) {
            String attributeAction = action + ":" + attribute;
            if (has(attributeAction) && !check(attributeAction, context, resource)) {
                hidden.add(attribute);
            }
        }
        return Collections.unmodifiableSet(hidden);
    }

    /** Whether a rule of this exact name exists (attribute rules are enforced only when they do). */
    public boolean has(String action) {
        return rules.containsKey(action);
    }

    /** The effective rules, name to expression, defaults first then the operator's additions. */
    public Map<String, String> rules() {
        return texts;
    }

    private void rejectCycles(Map<String, String> sources) {
        Set<String> done = new HashSet<>();
        for (String name : rules.keySet()) {
            visit(name, new ArrayList<>(), done, sources);
        }
    }

    private void visit(String name, List<String> path, Set<String> done, Map<String, String> sources) {
        if (done.contains(name) || !rules.containsKey(name)) {
            return;
        }
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new InvalidPolicyException("Policy rule \"" + name + "\" in " + sources.get(name)
                    + " refers to itself: " + String.join(" -> ", cycle));
        }
        path.add(name);
        for (String referenced : references(rules.get(name))) {
            visit(referenced, path, done, sources);
        }
        path.remove(path.size() - 1);
        done.add(name);
    }

    private void warnUndefinedReferences(Map<String, String> sources) {
        rules.forEach((name, check) -> references(check).stream().filter(r -> !rules.containsKey(r)).forEach(r ->
                LOG.warn("Policy rule \"{}\" in {} refers to undefined rule:{}, which always fails", name,
                        sources.get(name), r)));
    }

    private static List<String> references(PolicyCheck check) {
        return switch (check) {
            case PolicyCheck.RuleCheck rule -> List.of(rule.name());
            case PolicyCheck.AndCheck and -> and.checks().stream().flatMap(c -> references(c).stream()).toList();
            case PolicyCheck.OrCheck or -> or.checks().stream().flatMap(c -> references(c).stream()).toList();
            case PolicyCheck.NotCheck not -> references(not.check());
            default -> List.of();
        };
    }
}
