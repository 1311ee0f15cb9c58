package org.neutrino.server.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the oslo.policy rule language into a {@link PolicyCheck}. Tokens are split on
 * whitespace, with parentheses peeled off the start and end of each token as oslo.policy
 * does (so {@code %(tenant_id)s} stays whole). Precedence: {@code not} binds tighter than
 * {@code and}, which binds tighter than {@code or}; the keywords are case-insensitive. An empty
 * expression always passes. Unlike oslo.policy, which logs and denies, an invalid expression
 * is an error.
 */
public final class PolicyParser {
    private final List<String> tokens;
    private final String expression;
    private int position;

    private PolicyParser(String expression) {
        this.expression = expression;
        this.tokens = tokenize(expression);
    }

    /**
     * Parses {@code expression}.
     *
     * @throws PolicySyntaxException when it is not a valid expression
     */
    public static PolicyCheck parse(String expression) {
        if (expression.isBlank()) {
            return new PolicyCheck.Always();
        }
        PolicyParser parser = new PolicyParser(expression);
        PolicyCheck check = parser.orExpression();
        if (parser.position < parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return check;
    }

    private PolicyCheck orExpression() {
        List<PolicyCheck> checks = new ArrayList<>();
        checks.add(andExpression());
        while (peekKeyword("or")) {
            position++;
            checks.add(andExpression());
        }
        return checks.size() == 1 ? checks.get(0) : new PolicyCheck.OrCheck(checks);
    }

    private PolicyCheck andExpression() {
        List<PolicyCheck> checks = new ArrayList<>();
        checks.add(unary());
        while (peekKeyword("and")) {
            position++;
            checks.add(unary());
        }
        return checks.size() == 1 ? checks.get(0) : new PolicyCheck.AndCheck(checks);
    }

    private PolicyCheck unary() {
        if (position >= tokens.size()) {
            throw error("unexpected end of expression");
        }
        String token = tokens.get(position);
        if (peekKeyword("not")) {
            position++;
            return new PolicyCheck.NotCheck(unary());
        }
        if (token.equals("(")) {
            position++;
            PolicyCheck inner = orExpression();
            if (position >= tokens.size() || !tokens.get(position).equals(")")) {
                throw error("missing ')'");
            }
            position++;
            return inner;
        }
        if (token.equals(")") || isKeyword(token)) {
            throw error("unexpected '" + token + "'");
        }
        position++;
        return check(token);
    }

    private PolicyCheck check(String token) {
        if (token.equals("@")) {
            return new PolicyCheck.Always();
        }
        if (token.equals("!")) {
            return new PolicyCheck.Never();
        }
        int colon = token.indexOf(':');
        if (colon <= 0) {
            throw error("'" + token + "' is not a check (expected kind:match, @ or !)");
        }
        String kind = token.substring(0, colon);
        String match = token.substring(colon + 1);
        return switch (kind) {
            case "rule" -> new PolicyCheck.RuleCheck(requireMatch(token, match));
            case "role" -> new PolicyCheck.RoleCheck(requireMatch(token, match));
            case "field" -> fieldCheck(token, match);
            default -> new PolicyCheck.GenericCheck(kind, match);
        };
    }

    private PolicyCheck fieldCheck(String token, String match) {
        int colon = match.indexOf(':');
        int equal = colon < 0 ? -1 : match.indexOf('=', colon);
        if (colon <= 0 || equal <= colon + 1) {
            throw error("'" + token + "' is not a field check (expected field:<resource>:<field>=<value>)");
        }
        try {
            return new PolicyCheck.FieldCheck(match.substring(0, colon), match.substring(colon + 1, equal),
                    match.substring(equal + 1));
        } catch (PatternSyntaxException e) {
            throw error("'" + token + "' has an invalid regular expression: " + e.getDescription());
        }
    }

    private String requireMatch(String token, String match) {
        if (match.isEmpty()) {
            throw error("'" + token + "' has nothing after ':'");
        }
        return match;
    }

    private boolean peekKeyword(String keyword) {
        return position < tokens.size() && tokens.get(position).toLowerCase(Locale.ROOT).equals(keyword);
    }

    private static boolean isKeyword(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        return lower.equals("and") || lower.equals("or") || lower.equals("not");
    }

    private PolicySyntaxException error(String message) {
        return new PolicySyntaxException(message + " in \"" + expression + "\"");
    }

    private static List<String> tokenize(String expression) {
        List<String> tokens = new ArrayList<>();
        for (String word : expression.strip().split("\\s+")) {
            int start = 0;
            while (start < word.length() && word.charAt(start) == '(') {
                tokens.add("(");
                start++;
            }
            int end = word.length();
            while (end > start && word.charAt(end - 1) == ')') {
                end--;
            }
            if (end > start) {
                tokens.add(word.substring(start, end));
            }
            for (int i = end; i < word.length(); i++) {
                tokens.add(")");
            }
        }
        return tokens;
    }
}
