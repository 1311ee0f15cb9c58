package org.neutrino.server.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads values out of a policy target the way oslo.policy's {@code "%(key)s" % target} does,
 * with Python's text for booleans ({@code True}/{@code False}). A key missing from the target,
 * or whose value is {@code null}, makes the check fail. {@code tenant_id} and
 * {@code project_id} (also as {@code network:tenant_id} / {@code network:project_id}) stand for
 * each other, as Neutron fills both.
 */
final class TargetValues {
    private static final String TENANT = "tenant_id";
    private static final String PROJECT = "project_id";

    private TargetValues() {
    }

    /** {@code template} with every {@code %(key)s} replaced, {@code %%} as {@code %}; empty if a key is missing. */
    static Optional<String> interpolate(String template, Map<String, Object> target) {
        if (template.indexOf('%') < 0) {
            return Optional.of(template);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '%' && template.startsWith("%%", i)) {
                out.append('%');
                i += 2;
            } else if (c == '%' && template.startsWith("%(", i)) {
                int close = template.indexOf(")s", i + 2);
                if (close < 0) {
                    return Optional.empty();
                }
                Object value = lookup(target, template.substring(i + 2, close));
                if (value == null) {
                    return Optional.empty();
                }
                out.append(text(value));
                i = close + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return Optional.of(out.toString());
    }

    /** The target's value for {@code key}, or for its tenant/project twin; {@code null} when absent. */
    static Object lookup(Map<String, Object> target, String key) {
        Object value = target.get(key);
        if (value != null) {
            return value;
        }
        if (key.endsWith(TENANT)) {
            return target.get(key.substring(0, key.length() - TENANT.length()) + PROJECT);
        }
        if (key.endsWith(PROJECT)) {
            return target.get(key.substring(0, key.length() - PROJECT.length()) + TENANT);
        }
        return null;
    }

    /** Python's {@code str()} of a value: {@code True}/{@code False} for booleans. */
    static String text(Object value) {
        if (value instanceof Boolean flag) {
            return flag ? "True" : "False";
        }
        return String.valueOf(value);
    }

    /** oslo's boolean words, as Neutron converts the value of a {@code field:} check on a boolean attribute. */
    static Optional<Boolean> parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "t", "y" -> Optional.of(true);
            case "false", "0", "no", "off", "f", "n" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
