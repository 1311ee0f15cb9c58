package org.neutrino.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PolicyCheckTest {
    private static final Credentials ALICE = new Credentials("alice", "p1", Set.of("Member"), false);
    private static final Credentials ADMIN = new Credentials("root", "p0", Set.of("admin"), true);
    private static final Credentials NO_PROJECT = new Credentials(null, null, Set.of(), false);

    private static boolean eval(String expression, Credentials credentials, Map<String, Object> target) {
        Map<String, PolicyCheck> rules = Map.of("is_alice", PolicyParser.parse("user_id:alice"));
        return PolicyParser.parse(expression)
                .evaluate(credentials, target, name -> Optional.ofNullable(rules.get(name)));
    }

    @Test
    void alwaysAndNever() {
        assertThat(eval("@", NO_PROJECT, Map.of())).isTrue();
        assertThat(eval("", NO_PROJECT, Map.of())).isTrue();
        assertThat(eval("!", ADMIN, Map.of())).isFalse();
    }

    @Test
    void roleChecksIgnoreCaseAndMayTakeTheRoleFromTheTarget() {
        assertThat(eval("role:member", ALICE, Map.of())).isTrue();
        assertThat(eval("role:MEMBER", ALICE, Map.of())).isTrue();
        assertThat(eval("role:admin", ALICE, Map.of())).isFalse();
        assertThat(eval("role:%(needed)s", ALICE, Map.of("needed", "member"))).isTrue();
        assertThat(eval("role:%(needed)s", ALICE, Map.of())).isFalse();
    }

    @Test
    void ruleChecksFollowNamedRulesAndFailClosedOnUnknownOnes() {
        assertThat(eval("rule:is_alice", ALICE, Map.of())).isTrue();
        assertThat(eval("rule:is_alice", ADMIN, Map.of())).isFalse();
        assertThat(eval("rule:no_such_rule", ADMIN, Map.of())).isFalse();
        assertThat(eval("not rule:no_such_rule", ALICE, Map.of())).isTrue();
    }

    @Test
    void genericChecksCompareACredentialWithAnInterpolatedTargetValue() {
        assertThat(eval("tenant_id:%(tenant_id)s", ALICE, Map.of("tenant_id", "p1"))).isTrue();
        assertThat(eval("tenant_id:%(tenant_id)s", ALICE, Map.of("tenant_id", "p2"))).isFalse();
        assertThat(eval("project_id:%(project_id)s", ALICE, Map.of("project_id", "p1"))).isTrue();
        assertThat(eval("user_id:%(user_id)s", ALICE, Map.of("user_id", "alice"))).isTrue();
        assertThat(eval("tenant_id:%(network:tenant_id)s", ALICE,
                Map.of("tenant_id", "p2", "network:tenant_id", "p1"))).isTrue();
        assertThat(eval("tenant_id:%(network:tenant_id)s", ALICE, Map.of("tenant_id", "p1"))).isFalse();
        assertThat(eval("tenant_id:prefix-%(tenant_id)s", ALICE, Map.of("tenant_id", "p1"))).isFalse();
        assertThat(eval("roles:member", ALICE, Map.of())).isTrue();
    }

    @Test
    void tenantAndProjectKeysOfTheTargetStandForEachOther() {
        assertThat(eval("tenant_id:%(tenant_id)s", ALICE, Map.of("project_id", "p1"))).isTrue();
        assertThat(eval("tenant_id:%(network:tenant_id)s", ALICE, Map.of("network:project_id", "p1"))).isTrue();
        assertThat(eval("project_id:%(project_id)s", ALICE, Map.of("tenant_id", "p1"))).isTrue();
    }

    @Test
    void missingValuesOnEitherSideNeverMatch() {
        Map<String, Object> nullOwner = new HashMap<>();
        nullOwner.put("tenant_id", null);

        assertThat(eval("tenant_id:%(tenant_id)s", ALICE, Map.of())).isFalse();
        assertThat(eval("tenant_id:%(tenant_id)s", ALICE, nullOwner)).isFalse();
        assertThat(eval("tenant_id:%(tenant_id)s", NO_PROJECT, Map.of("tenant_id", "None"))).isFalse();
        assertThat(eval("tenant_id:%(tenant_id)s", NO_PROJECT, nullOwner)).isFalse();
    }

    @Test
    void genericChecksAcceptLiteralsOnTheLeft() {
        assertThat(eval("is_admin:True", ADMIN, Map.of())).isTrue();
        assertThat(eval("is_admin:True", ALICE, Map.of())).isFalse();
        assertThat(eval("True:%(enabled)s", ALICE, Map.of("enabled", true))).isTrue();
        assertThat(eval("True:%(enabled)s", ALICE, Map.of("enabled", false))).isFalse();
        assertThat(eval("'Member':%(role_name)s", NO_PROJECT, Map.of("role_name", "Member"))).isTrue();
        assertThat(eval("42:%(answer)s", NO_PROJECT, Map.of("answer", 42))).isTrue();
    }

    @Test
    void fieldChecksReadTheTargetsAttribute() {
        assertThat(eval("field:networks:shared=True", ALICE, Map.of("shared", true))).isTrue();
        assertThat(eval("field:networks:shared=True", ALICE, Map.of("shared", false))).isFalse();
        assertThat(eval("field:networks:shared=True", ALICE, Map.of("networks:shared", true, "shared", false)))
                .isTrue();
        assertThat(eval("field:networks:shared=True", ALICE, Map.of())).isFalse();
        assertThat(eval("field:networks:router:external=True", ALICE, Map.of("router:external", true))).isTrue();
        assertThat(eval("field:rbac_policy:target_tenant=*", ALICE, Map.of("target_tenant", "*"))).isTrue();
        assertThat(eval("field:rbac_policy:target_tenant=*", ALICE, Map.of("target_tenant", "p2"))).isFalse();
        assertThat(eval("field:networks:mtu=1450", ALICE, Map.of("mtu", 1450))).isTrue();
    }

    @Test
    void fieldChecksWithTildeMatchARegularExpressionAtTheStart() {
        String networkDevice = "field:port:device_owner=~^network:";

        assertThat(eval(networkDevice, ALICE, Map.of("device_owner", "network:dhcp"))).isTrue();
        assertThat(eval(networkDevice, ALICE, Map.of("device_owner", "compute:nova"))).isFalse();
        assertThat(eval("field:port:device_owner=~network", ALICE, Map.of("device_owner", "xnetwork:dhcp")))
                .isFalse();
        assertThat(eval(networkDevice, ALICE, Map.of("device_owner", List.of("network:dhcp")))).isFalse();
    }

    @Test
    void notAndOrCombineResults() {
        assertThat(eval("role:member and user_id:alice", ALICE, Map.of())).isTrue();
        assertThat(eval("role:member and user_id:bob", ALICE, Map.of())).isFalse();
        assertThat(eval("role:admin or user_id:alice", ALICE, Map.of())).isTrue();
        assertThat(eval("role:admin or user_id:bob", ALICE, Map.of())).isFalse();
        assertThat(eval("not role:admin", ALICE, Map.of())).isTrue();
        assertThat(eval("not (role:admin or role:member)", ALICE, Map.of())).isFalse();
    }

    private static Optional<Boolean> decide(String expression, Credentials credentials) {
        Map<String, PolicyCheck> rules = Map.of("is_alice", PolicyParser.parse("user_id:alice"),
                "owner", PolicyParser.parse("tenant_id:%(tenant_id)s"));
        return PolicyParser.parse(expression).decideForEveryTarget(credentials, name -> Optional.ofNullable(rules.get(name)));
    }

    @Test
    void aRuleIsDecidedForEveryTargetOnlyWhenNoTargetValueCanChangeIt() {
        assertThat(decide("@", ALICE)).contains(true);
        assertThat(decide("!", ALICE)).contains(false);
        assertThat(decide("role:member", ALICE)).contains(true);
        assertThat(decide("role:admin", ALICE)).contains(false);
        assertThat(decide("rule:is_alice", ALICE)).contains(true);
        assertThat(decide("rule:no_such_rule", ALICE)).contains(false);
        assertThat(decide("is_admin:True", ADMIN)).contains(true);
        assertThat(decide("tenant_id:%(tenant_id)s", ALICE)).isEmpty();
        assertThat(decide("rule:owner", ALICE)).isEmpty();
        assertThat(decide("role:%(needed)s", ALICE)).isEmpty();
        assertThat(decide("field:networks:shared=True", ALICE)).isEmpty();
        assertThat(decide("not field:networks:shared=True", ALICE)).isEmpty();
        assertThat(decide("role:admin or rule:owner", ALICE)).isEmpty();
        assertThat(decide("role:member or rule:owner", ALICE)).contains(true);
        assertThat(decide("role:admin and rule:owner", ALICE)).contains(false);
        assertThat(decide("role:member and rule:owner", ALICE)).isEmpty();
        assertThat(decide("not (role:admin or field:networks:shared=True)", ALICE)).isEmpty();
        assertThat(decide("not (role:member or field:networks:shared=True)", ALICE)).contains(false);
    }
}
