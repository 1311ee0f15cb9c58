package org.neutrino.server.policy;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A parsed policy expression of the oslo.policy rule language: a tree of checks combined with
 * {@code and}, {@code or} and {@code not}. {@link #toString()} gives oslo's canonical text.
 */
public sealed interface PolicyCheck {

    /**
     * Whether the caller described by {@code credentials} passes this check on {@code target}.
     *
     * @param credentials the caller
     * @param target      the resource's attributes, plus parent keys such as {@code network:tenant_id}
     * @param rules       the named rules, for {@code rule:} checks
     */
    boolean evaluate(Credentials credentials, Map<String, Object> target, RuleLookup rules);

    /**
     * The outcome of this check for {@code credentials} when it is the same for every target;
     * empty when it depends on the target (a {@code %(key)s} or a {@code field:} check decides).
     */
    Optional<Boolean> decideForEveryTarget(Credentials credentials, RuleLookup rules);

    /**
     * {@code and} ({@code decisive} false) or {@code or} ({@code decisive} true) of checks, for
     * every target: a check decided {@code decisive} decides, all decided the other way decide the
     * other way, anything else depends on the target.
     */
    private static Optional<Boolean> decideAll(List<PolicyCheck> checks, Credentials credentials, RuleLookup rules,
                                               boolean decisive) {
        boolean decided = true;
        for (PolicyCheck check : checks) {
            Optional<Boolean> outcome = check.decideForEveryTarget(credentials, rules);
            if (outcome.isEmpty()) {
                decided = false;
            } else if (outcome.get() == decisive) {
                return outcome;
            }
        }
        return decided ? Optional.of(!decisive) : Optional.empty();
    }

    /** Finds a named rule; an unknown name makes a {@code rule:} check fail closed. */
    @FunctionalInterface
    interface RuleLookup {
        Optional<PolicyCheck> find(String name);
    }

    /** {@code @} or the empty rule: always passes. */
    record Always() implements PolicyCheck {
        @Override
        public boolean evaluate(Credentials credentials, Map<String, Object> target, RuleLookup rules) {
            return true;
        }

        @Override
        public Optional<Boolean> decideForEveryTarget(Credentials credentials, RuleLookup rules) {
            return Optional.of(true);
        }

        @Override
        public String toString() {
            return "@";
        }
    }

    /** {@code !}: never passes. */
    record Never() implements PolicyCheck {
        @Override
        public boolean evaluate(Credentials credentials, Map<String, Object> target, RuleLookup rules) {
            return false;
        }

        @Override
        public Optional<Boolean> decideForEveryTarget(Credentials credentials, RuleLookup rules) {
            return Optional.of(false);
        }

        @Override
        public String toString() {
            return "!";
        }
    }

    /** {@code rule:<name>}: passes when the named rule passes; fails when there is no such rule. */
    record RuleCheck(String name) implements PolicyCheck {
        public RuleCheck {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean evaluate(Credentials credentials, Map<String, Object> target, RuleLookup rules) {
            return rules.find(name).map(rule -> rule.evaluate(credentials, target, rules)).orElse(false);
        }

        @Override
        public Optional<Boolean> decideForEveryTarget(Credentials credentials, RuleLookup rules) {
            return rules.find(name).map(rule -> rule.decideForEveryTarget(credentials, rules)).orElse(Optional.of(false));
        }

        @Override
        public String toString() {
            return "rule:" + name;
        }
    }

    /**
     * {@code role:<name>}: passes when the caller holds the role (case-insensitive); the name
     * may contain {@code %(key)s} taken from the target.
     */
    record RoleCheck(String role) implements PolicyCheck {
        public RoleCheck {
            Objects.requireNonNull(role, "role");
        }

        @Override
        public boolean evaluate(Credentials credentials, Map<String, Object> target, RuleLookup rules) {
            return TargetValues.interpolate(role, target)
                    .map(name -> credentials.roles().contains(name.toLowerCase(Locale.ROOT)))
                    .orElse(false);
        }

        @Override
        public Optional<Boolean> decideForEveryTarget(Credentials credentials, RuleLookup rules) {
            return TargetValues.interpolate(role, Map.of()).isEmpty() ? Optional.empty()
                    : Optional.of(evaluate(credentials, Map.of(), rules));
        }

        @Override
        public String toString() {
            return "role:" + role;
        }
    }

    /**
     * oslo's generic check {@code <left>:<right>}: {@code right} is text in which
     * {@code %(key)s} is replaced by the target's value for {@code key}; {@code left} is either a
     * literal ({@code True}, {@code False}, a number, a quoted string) or a dotted path into the
     * caller's credentials ({@code tenant_id}, {@code user_id}, {@code is_admin}...). Passes
     * when both sides are equal as text. In {@code tenant_id:%(network:tenant_id)s} the caller's
     * project is compared with the owner of the target's network.
     */
    record GenericCheck(String left, String right) implements PolicyCheck {
        private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d*)?");

        public GenericCheck {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public boolean evaluate(Credentials credentials, Map<String, Object> target, RuleLookup rules) {
            Optional<String> match = TargetValues.interpolate(right, target);
            if (match.isEmpty()) {
                return false;
            }
            Optional<String> literal = literal();
            if (literal.isPresent()) {
                return literal.get().equals(match.get());
            }
            return matches(credentials.asMap(), List.of(left.split("\\.", -1)), match.get());
        }

        private Optional<String> literal() {
            if (left.equals("True") || left.equals("False") || left.equals("None")) {
                return Optional.of(left);
            }
            if (left.length() >= 2 && left.charAt(0) == left.charAt(left.length() - 1)
                    && (left.charAt(0) == '\'' || left.charAt(0) == '"')) {
                return Optional.of(left.substring(1, left.length() - 1));
            }
            if (NUMBER.matcher(left).matches()) {
                return Optional.of(left.contains(".") ? Double.toString(Double.parseDouble(left))
                        : new BigInteger(left).toString());
            }
            return Optional.empty();
        }

        private static boolean matches(Object value, List<String> path, String match) {
            if (value == null) {
                return false;
            }
            if (value instanceof List<?> list) {
                return list.stream().anyMatch(item -> matches(item, path, match));
            }
            if (path.isEmpty()) {
                return match.equals(TargetValues.text(value));
            }
            if (value instanceof Map<?, ?> map) {
                return matches(map.get(path.get(0)), path.subList(1, path.size()), match);
            }
            return false;
        }

        @Override
        public Optional<Boolean> decideForEveryTarget(Credentials credentials, RuleLookup rules) {
            return TargetValues.interpolate(right, Map.of()).isEmpty() ? Optional.empty()
                    : Optional.of(evaluate(credentials, Map.of(), rules));
        }

        @Override
        public String toString() {
            return left + ":" + right;
        }
    }

    /**
     * Neutron's {@code field:<resource>:<field>=<value>}: passes when the target's field has the
     * value; a value starting with {@code ~} is a regular expression matched at the start of
     * the field ({@code field:port:device_owner=~^network:}). The field is looked up as
     * {@code <resource>:<field>} in the target, then as {@code <field>}; a boolean field is
     * compared with the value read as a boolean.
     */
    record FieldCheck(String resource, String field, String value) implements PolicyCheck {
        public FieldCheck {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
            if (value.startsWith("~")) {
                Pattern.compile(value.substring(1));
            }
        }

        @Override
        public boolean evaluate(Credentials credentials, Map<String, Object> target, RuleLookup rules) {
            Object actual = target.get(resource + ":" + field);
            if (actual == null) {
                actual = target.get(field);
            }
            if (actual == null) {
                return false;
            }
            if (value.startsWith("~")) {
                return actual instanceof String text && Pattern.compile(value.substring(1)).matcher(text).lookingAt();
            }
            if (actual instanceof Boolean flag) {
                return TargetValues.parseBoolean(value).map(flag::equals).orElse(false);
            }
            return value.equals(TargetValues.text(actual));
        }

        @Override
        public Optional<Boolean> decideForEveryTarget(Credentials credentials, RuleLookup rules) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "field:" + resource + ":" + field + "=" + value;
        }
    }

    /** {@code a and b and ...}: passes when every check passes. */
    record AndCheck(List<PolicyCheck> checks) implements PolicyCheck {
        public AndCheck {
            checks = List.copyOf(checks);
        }

        @Override
        public boolean evaluate(Credentials credentials, Map<String, Object> target, RuleLookup rules) {
            return checks.stream().allMatch(check -> check.evaluate(credentials, target, rules));
        }

        /** False if any check is false for every target, true if all are true for every target. */
        @Override
        public Optional<Boolean> decideForEveryTarget(Credentials credentials, RuleLookup rules) {
            return decideAll(checks, credentials, rules, false);
        }

        @Override
        public String toString() {
            return checks.stream().map(Object::toString).collect(Collectors.joining(" and ", "(", ")"));
        }
    }

    /** {@code a or b or ...}: passes when any check passes. */
    record OrCheck(List<PolicyCheck> checks) implements PolicyCheck {
        public OrCheck {
            checks = List.copyOf(checks);
        }

        @Override
        public boolean evaluate(Credentials credentials, Map<String, Object> target, RuleLookup rules) {
            return checks.stream().anyMatch(check -> check.evaluate(credentials, target, rules));
        }

        /** True if any check is true for every target, false if all are false for every target. */
        @Override
        public Optional<Boolean> decideForEveryTarget(Credentials credentials, RuleLookup rules) {
            return decideAll(checks, credentials, rules, true);
        }

        @Override
        public String toString() {
            return checks.stream().map(Object::toString).collect(Collectors.joining(" or ", "(", ")"));
        }
    }

    /** {@code not a}: passes when the check fails. */
    record NotCheck(PolicyCheck check) implements PolicyCheck {
        public NotCheck {
            Objects.requireNonNull(check, "check");
        }

        @Override
        public boolean evaluate(Credentials credentials, Map<String, Object> target, RuleLookup rules) {
            return !check.evaluate(credentials, target, rules);
        }

        @Override
        public Optional<Boolean> decideForEveryTarget(Credentials credentials, RuleLookup rules) {
            return check.decideForEveryTarget(credentials, rules).map(outcome -> !outcome);
        }

        @Override
        public String toString() {
            return "not " + check;
        }
    }
}
