package org.neutrino.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "role:a or role:b and role:c                | (role:a or (role:b and role:c))",
            "role:a and role:b or role:c                | ((role:a and role:b) or role:c)",
            "role:a and role:b and role:c or role:d     | ((role:a and role:b and role:c) or role:d)",
            "not role:a and role:b                      | (not role:a and role:b)",
            "not role:a or not role:b                   | (not role:a or not role:b)",
            "(role:a or role:b) and role:c              | ((role:a or role:b) and role:c)",
            "not (role:a or role:b)                     | not (role:a or role:b)",
            "not not role:a                             | not not role:a",
            "((role:a))                                 | role:a",
            "role:a AND role:b Or NOT role:c            | ((role:a and role:b) or not role:c)",
            "(tenant_id:%(tenant_id)s or rule:x)        | (tenant_id:%(tenant_id)s or rule:x)",
            "@                                          | @",
            "!                                          | !",
    })
    void precedenceIsNotThenAndThenOr(String expression, String canonical) {
        assertThat(PolicyParser.parse(expression)).hasToString(canonical);
    }

    @Test
    void theEmptyExpressionAlwaysPasses() {
        assertThat(PolicyParser.parse("")).isEqualTo(new PolicyCheck.Always());
        assertThat(PolicyParser.parse("   ")).isEqualTo(new PolicyCheck.Always());
    }

    @Test
    void eachKindOfCheckIsRecognised() {
        assertThat(PolicyParser.parse("rule:admin_only")).isEqualTo(new PolicyCheck.RuleCheck("admin_only"));
        assertThat(PolicyParser.parse("role:admin")).isEqualTo(new PolicyCheck.RoleCheck("admin"));
        assertThat(PolicyParser.parse("tenant_id:%(network:tenant_id)s"))
                .isEqualTo(new PolicyCheck.GenericCheck("tenant_id", "%(network:tenant_id)s"));
        assertThat(PolicyParser.parse("is_admin:True")).isEqualTo(new PolicyCheck.GenericCheck("is_admin", "True"));
        assertThat(PolicyParser.parse("field:networks:router:external=True"))
                .isEqualTo(new PolicyCheck.FieldCheck("networks", "router:external", "True"));
        assertThat(PolicyParser.parse("field:port:device_owner=~^network:"))
                .isEqualTo(new PolicyCheck.FieldCheck("port", "device_owner", "~^network:"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "role:a or                     | unexpected end of expression",
            "(role:a                       | missing ')'",
            "role:a)                       | unexpected ')'",
            "role:a role:b                 | unexpected 'role:b'",
            "and role:a                    | unexpected 'and'",
            "admin                         | 'admin' is not a check",
            "rule:                         | 'rule:' has nothing after ':'",
            "role:                         | 'role:' has nothing after ':'",
            "field:networks:shared         | is not a field check",
            "field:port:device_owner=~^(x  | invalid regular expression",
            "()                            | unexpected ')'",
    })
    void malformedExpressionsAreRejected(String expression, String message) {
        assertThatThrownBy(() -> PolicyParser.parse(expression))
                .isInstanceOf(PolicySyntaxException.class)
                .hasMessageContaining(message)
                .hasMessageContaining(expression.strip());
    }
}
