package org.neutrino.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neutrino.lib.config.Config;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;

class PolicyEngineTest {
    private static final RequestContext OWNER = caller("p1", "member", "reader");
    private static final RequestContext OTHER = caller("p2", "member", "reader");
    private static final RequestContext ADMIN = new RequestContext("root", "p0", Set.of("admin"), true, true, "req-a");
    private static final RequestContext READER = caller("p1", "reader");
    private static final RequestContext NOAUTH = caller("p1");
    private static final RequestContext ADVSVC = caller("p3", "advsvc");

    private static final Map<String, Object> PRIVATE_NET = Map.of("id", "n1", "tenant_id", "p1", "shared", false,
            "router:external", false);
    private static final Map<String, Object> SHARED_NET = Map.of("id", "n2", "tenant_id", "p1", "shared", true,
            "router:external", false);
    private static final Map<String, Object> PORT_ON_P1_NET = Map.of("id", "port1", "tenant_id", "p2",
            "network_id", "n1", "network:tenant_id", "p1", "device_owner", "compute:nova");

    @TempDir
    Path dir;

    private final PolicyEngine engine = PolicyEngine.withDefaults();

    private static RequestContext caller(String project, String... roles) {
        return new RequestContext("user-" + project, project, Set.of(roles), false, false, "req-1");
    }

    static Stream<Arguments> matrix() {
        return Stream.of(
                // action, target, owner, other project, admin, reader-only owner, noauth owner
                Arguments.of("get_network", PRIVATE_NET, true, false, true, true, true),
                Arguments.of("get_network", SHARED_NET, true, true, true, true, true),
                Arguments.of("update_network", PRIVATE_NET, true, false, true, false, true),
                Arguments.of("delete_network", PRIVATE_NET, true, false, true, false, true),
                Arguments.of("create_network", Map.of("tenant_id", "p1"), true, true, true, false, true),
                Arguments.of("create_network:shared", Map.of("tenant_id", "p1", "shared", true),
                        false, false, true, false, false),
                Arguments.of("get_network:provider:network_type", PRIVATE_NET, false, false, true, false, false),
                Arguments.of("create_subnet", Map.of("tenant_id", "p1", "network:tenant_id", "p1"),
                        true, false, true, false, true),
                Arguments.of("get_port", PORT_ON_P1_NET, true, true, true, true, true),
                Arguments.of("delete_port", PORT_ON_P1_NET, true, true, true, false, true),
                Arguments.of("get_port:binding:host_id", PORT_ON_P1_NET, false, false, true, false, false),
                Arguments.of("get_quota", Map.of("tenant_id", "p1"), true, false, true, true, true),
                Arguments.of("update_quota", Map.of("tenant_id", "p1"), false, false, true, false, false),
                Arguments.of("get_agent", Map.of(), false, false, true, false, false),
                Arguments.of("update_network", Map.of("tenant_id", "p1"), true, false, true, false, true));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("matrix")
    void ownerOtherAdminReaderAndNoauthCallers(String action, Map<String, Object> target, boolean owner,
                                               boolean other, boolean admin, boolean reader, boolean noauth) {
        assertThat(engine.check(action, OWNER, target)).as("owner").isEqualTo(owner);
        assertThat(engine.check(action, OTHER, target)).as("other project").isEqualTo(other);
        assertThat(engine.check(action, ADMIN, target)).as("admin").isEqualTo(admin);
        assertThat(engine.check(action, READER, target)).as("reader-only owner").isEqualTo(reader);
        assertThat(engine.check(action, NOAUTH, target)).as("owner without roles").isEqualTo(noauth);
    }

    @Test
    void anAdminRoleWithoutTheAdminFlagPassesAdminOnlyRules() {
        RequestContext adminRole = caller("p9", "admin");

        assertThat(engine.check("update_quota", adminRole, Map.of("tenant_id", "p1"))).isTrue();
        assertThat(engine.check("get_network", adminRole, PRIVATE_NET)).isTrue();
    }

    @Test
    void contextIsAdminAndContextIsAdvsvcDecideTheFlagsOfACaller() {
        RequestContext admin = engine.contextOf("u1", "p1", Set.of("admin"), "req-1");
        RequestContext member = engine.contextOf("u1", "p1", Set.of("member"), "req-1");
        RequestContext advsvc = engine.contextOf("u1", "p1", Set.of("advsvc"), "req-1");

        assertThat(admin.isAdmin()).isTrue();
        assertThat(admin.isAdvsvc()).as("an admin is an advanced service too").isTrue();
        assertThat(member.isAdmin()).isFalse();
        assertThat(member.isAdvsvc()).isFalse();
        assertThat(advsvc.isAdmin()).isFalse();
        assertThat(advsvc.isAdvsvc()).isTrue();
        assertThat(admin.userId()).isEqualTo("u1");
        assertThat(admin.projectId()).isEqualTo("p1");
        assertThat(admin.requestId()).isEqualTo("req-1");
        assertThat(PolicyEngine.of(Map.of()).contextOf("u1", "p1", Set.of("admin"), "req-1").isAdmin())
                .as("without a context_is_admin rule nobody is admin").isFalse();
    }

    @Test
    void anOperatorContextIsAdminRuleNarrowsOrRenamesAdmin() {
        PolicyEngine narrowed = PolicyEngine.withOverrides(Map.of(
                "context_is_admin", "(role:admin and project_id:ops) or role:cloud_admin",
                "context_is_advsvc", "role:advsvc and project_id:%(project_id)s and project_id:services"), "policy.yaml");
        RequestContext projectAdmin = narrowed.contextOf("u1", "p1", Set.of("admin", "member"), "req-1");
        RequestContext opsAdmin = narrowed.contextOf("u2", "ops", Set.of("admin"), "req-1");
        RequestContext cloudAdmin = narrowed.contextOf("u3", "p1", Set.of("cloud_admin"), "req-1");

        assertThat(projectAdmin.isAdmin()).isFalse();
        assertThat(narrowed.check("update_quota", projectAdmin, Map.of("tenant_id", "p1"))).isFalse();
        assertThat(narrowed.check("get_network", projectAdmin, PRIVATE_NET)).isTrue();
        assertThat(narrowed.check("get_network", projectAdmin, Map.of("tenant_id", "p2", "shared", false))).isFalse();
        assertThat(opsAdmin.isAdmin()).isTrue();
        assertThat(cloudAdmin.isAdmin()).isTrue();
        assertThat(narrowed.check("update_quota", cloudAdmin, Map.of("tenant_id", "p1"))).isTrue();
        assertThat(narrowed.contextOf("u4", "services", Set.of("advsvc"), "req-1").isAdvsvc()).isTrue();
        assertThat(narrowed.contextOf("u4", "p1", Set.of("advsvc"), "req-1").isAdvsvc()).isFalse();
    }

    @Test
    void onlyNetworkOwnersAndServicesMayCreateNetworkDevicePorts() {
        Map<String, Object> dhcpPort = Map.of("tenant_id", "p2", "network:tenant_id", "p1",
                "device_owner", "network:dhcp");
        Map<String, Object> vmPort = Map.of("tenant_id", "p2", "network:tenant_id", "p1",
                "device_owner", "compute:nova");

        assertThat(engine.check("create_port:device_owner", OTHER, dhcpPort)).isFalse();
        assertThat(engine.check("create_port:device_owner", OWNER, dhcpPort)).isTrue();
        assertThat(engine.check("create_port:device_owner", ADVSVC, dhcpPort)).isTrue();
        assertThat(engine.check("create_port:device_owner", OTHER, vmPort)).isTrue();
    }

    @Test
    void attributeActionsNameTheAttributeAndSubAttributeRulesThatExist() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "vm1");
        body.put("fixed_ips", List.of(Map.of("subnet_id", "s1", "ip_address", "10.0.0.5")));
        body.put("binding:host_id", "compute1");
        body.put("external_gateway_info", Map.of("network_id", "ext"));
        body.put("description", null);

        assertThat(engine.attributeActions("create_port", body)).containsExactly("create_port",
                "create_port:fixed_ips", "create_port:fixed_ips:ip_address", "create_port:fixed_ips:subnet_id",
                "create_port:binding:host_id");
        PolicyEngine withRouterRules = PolicyEngine.withOverrides(Map.of("update_router", "rule:admin_or_owner",
                "update_router:external_gateway_info", "rule:admin_or_owner",
                "update_router:external_gateway_info:network_id", "rule:admin_or_owner",
                "update_router:external_gateway_info:enable_snat", "rule:admin_only"), "a test");
        assertThat(withRouterRules.attributeActions("update_router", Map.of("external_gateway_info",
                Map.of("network_id", "ext", "enable_snat", false)))).containsExactlyInAnyOrder("update_router",
                "update_router:external_gateway_info", "update_router:external_gateway_info:network_id",
                "update_router:external_gateway_info:enable_snat");
    }

    @Test
    void attributesGuardedByAFailingReadRuleAreHidden() {
        Map<String, Object> port = Map.of("id", "port1", "tenant_id", "p1", "binding:host_id", "compute1",
                "binding:vif_type", "bridge", "name", "vm1");

        assertThat(engine.hiddenAttributes("get_port", OWNER, port))
                .containsExactlyInAnyOrder("binding:host_id", "binding:vif_type");
        assertThat(engine.hiddenAttributes("get_port", ADMIN, port)).isEmpty();
    }

    @Test
    void actionsWithoutARuleFallBackToTheDefaultRule() {
        assertThat(engine.has("get_widget")).isFalse();
        assertThat(engine.check("get_widget", OWNER, Map.of("tenant_id", "p1"))).isTrue();
        assertThat(engine.check("get_widget", OTHER, Map.of("tenant_id", "p1"))).isFalse();
        assertThat(PolicyEngine.of(Map.of("a", "@")).check("b", OWNER, Map.of())).isFalse();
    }

    @Test
    void enforceRefusesWithNeutronsPolicyNotAuthorized() {
        assertThatCode(() -> engine.enforce("get_network", OWNER, PRIVATE_NET)).doesNotThrowAnyException();
        assertThatThrownBy(() -> engine.enforce("get_network", OTHER, PRIVATE_NET))
                .isInstanceOfSatisfying(NeutronException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.type()).isEqualTo("PolicyNotAuthorized");
                    assertThat(e.getMessage()).isEqualTo("rule:get_network is disallowed by policy");
                });
        assertThatThrownBy(() -> engine.enforceAll(List.of("create_network", "create_network:shared"), OWNER,
                Map.of("tenant_id", "p1", "shared", true)))
                .hasMessage("(rule:create_network and rule:create_network:shared) is disallowed by policy");
    }

    @Test
    void everyDefaultRuleParsesAndRefersOnlyToDefinedRules() {
        assertThat(engine.rules()).containsKeys("context_is_admin", "owner", "admin_or_owner", "default",
                "not_reader_only", "get_network", "create_port:device_owner", "get_network_ip_availability");
        for (String expression : engine.rules().values()) {
            for (String word : expression.replace("(", " ").replace(")", " ").split("\\s+")) {
                if (word.startsWith("rule:")) {
                    assertThat(engine.has(word.substring(5))).as(expression).isTrue();
                }
            }
        }
        assertThat(engine.rules().get("update_network")).isEqualTo("rule:not_reader_only and rule:admin_or_owner");
        assertThat(engine.rules().get("create_network")).isEqualTo("rule:not_reader_only");
    }

    @Test
    void anOperatorFileBesideTheConfigurationOverridesAndAddsRules() throws IOException {
        Files.writeString(dir.resolve("policy.yaml"), """
                # only admins see networks; a new rule for a new action
                "get_network": "rule:admin_only"
                "get_widget": "@"
                """);
        Path conf = Files.writeString(dir.resolve("neutron.conf"), "[DEFAULT]\n");

        PolicyEngine custom = PolicyEngine.fromConfig(Config.load(List.of(conf)));

        assertThat(custom.check("get_network", OWNER, PRIVATE_NET)).isFalse();
        assertThat(custom.check("get_widget", OTHER, Map.of("tenant_id", "p1"))).isTrue();
        assertThat(custom.check("update_network", OWNER, PRIVATE_NET)).isTrue();
    }

    @Test
    void thePolicyFileOptionMayNameAnotherFile() throws IOException {
        Path policy = Files.writeString(dir.resolve("custom.json"), "{\"get_network\": \"!\"}");
        Config config = Config.of(Map.of("oslo_policy", Map.of("policy_file", policy.toString())));

        assertThat(PolicyEngine.fromConfig(config).check("get_network", OWNER, PRIVATE_NET)).isFalse();
    }

    @Test
    void withoutAPolicyFileTheDefaultsApply() {
        Config config = Config.of(Map.of("oslo_policy", Map.of("policy_file", dir.resolve("none.yaml").toString())));

        assertThat(PolicyEngine.fromConfig(config).rules()).isEqualTo(DefaultPolicies.rules());
        assertThat(PolicyEngine.fromConfig(Config.empty()).rules()).isEqualTo(DefaultPolicies.rules());
    }

    @Test
    void aMalformedOperatorRuleStopsLoadingAndIsNamed() throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                "get_network": "rule:admin_only"
                "update_network": "rule:admin_only or"
                """);

        assertThatThrownBy(() -> PolicyEngine.fromFile(policy))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("Invalid policy rule \"update_network\" in " + policy + ": ")
                .hasMessageContaining("unexpected end of expression");
    }

    @Test
    void rulesReferringToThemselvesAreRejected() {
        assertThatThrownBy(() -> PolicyEngine.withOverrides(Map.of("owner", "rule:admin_or_owner"), "policy.yaml"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("Policy rule \"owner\" in policy.yaml refers to itself")
                .hasMessageContaining("owner -> admin_or_owner -> owner");
    }

    @Test
    void checkForEveryTargetPassesOnlyRulesNoResourceCanFail() {
        PolicyEngine custom = PolicyEngine.withOverrides(Map.of("get_port:binding:host_id", "rule:admin_or_owner",
                "get_network:mtu", "role:member"), "test");
        assertThat(custom.checkForEveryTarget("get_network:mtu", OWNER)).isTrue();
        assertThat(custom.checkForEveryTarget("get_network:mtu", READER)).isFalse();
        assertThat(custom.checkForEveryTarget("get_port:binding:host_id", OWNER)).isFalse();
        assertThat(custom.check("get_port:binding:host_id", OWNER, Map.of("tenant_id", "p1"))).isTrue();
        assertThat(custom.checkForEveryTarget("get_port:binding:host_id", ADMIN)).isTrue();
        assertThat(engine.checkForEveryTarget("get_network:provider:network_type", OWNER)).isFalse();
        assertThat(engine.checkForEveryTarget("get_network:router:external", OWNER)).isTrue();
        assertThat(engine.checkForEveryTarget("no_such_action", OWNER)).as("the default rule: admin_or_owner").isFalse();
    }
}
