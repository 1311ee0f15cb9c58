package org.neutrino.server.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.api.ActionDef;
import org.neutrino.lib.api.AttributeDef;
import org.neutrino.lib.api.CoreResources;
import org.neutrino.lib.api.ExtensionDescriptor;
import org.neutrino.lib.api.ResourceDef;
import org.neutrino.lib.config.Opt;

class ApiDefinitionsTest {
    private static final ResourceDef ROUTERS = new ResourceDef("routers", "router")
            .extend(AttributeDef.of("id").build(), AttributeDef.of("name").postPut().defaultValue("").build());

    private static ExtensionDescriptor.Builder extension(String alias) {
        return ExtensionDescriptor.builder(alias).describedAs(alias, "test " + alias, "2026-12-02T00:00:00-00:00");
    }

    @Test
    void collectionsAreCompletedByEveryExtensionThatAddsToThem() {
        Opt<Integer> quota = Opt.integer("quotas", "quota_router", 10, "routers");
        ApiDefinitions definitions = new ApiDefinitions(List.of(CoreResources.networks()), List.of(
                extension("router").collection(ROUTERS).action(ActionDef.put("routers", "add_router_interface",
                        AttributeDef.of("subnet_id").postPut().build())).writePolicy("create_router", "rule:regular_user")
                        .policy("get_router", "rule:admin_or_owner").quota("router", quota).build(),
                extension("external-net").attributes("networks", AttributeDef.of("router:external").postPut().build())
                        .requires("router").build()));

        assertThat(definitions.collection("networks").attribute("router:external")).isNotNull();
        assertThat(definitions.collection("routers").attribute("name")).isNotNull();
        assertThat(definitions.actions("routers")).extracting(ActionDef::name).containsExactly("add_router_interface");
        assertThat(definitions.policies()).containsEntry("create_router", "rule:not_reader_only")
                .containsEntry("get_router", "rule:admin_or_owner");
        assertThat(definitions.quotas()).containsEntry("router", quota);
        assertThat(definitions.extensions()).extracting(ExtensionDescriptor::alias).containsExactly("external-net", "router");
        assertThat(definitions.isLoaded("router")).isTrue();
        assertThat(CoreResources.networks().attribute("router:external")).as("the declarations themselves are not changed").isNull();
    }

    @Test
    void declarationsThatDoNotFitRefuseToStart() {
        List<ResourceDef> core = List.of(CoreResources.networks());
        assertThatThrownBy(() -> new ApiDefinitions(core, List.of(extension("a").build(), extension("a").build())))
                .hasMessageContaining("extension a is loaded twice");
        assertThatThrownBy(() -> new ApiDefinitions(core, List.of(extension("extraroute").requires("router").build())))
                .hasMessageContaining("requires extension router");
        assertThatThrownBy(() -> new ApiDefinitions(core, List.of(extension("sg").attributes("ports",
                AttributeDef.of("security_groups").build()).build())))
                .hasMessageContaining("extends collection ports, which nothing serves");
        assertThatThrownBy(() -> new ApiDefinitions(core, List.of(extension("x").collection(CoreResources.networks()).build())))
                .hasMessageContaining("collection networks is declared twice");
        assertThatThrownBy(() -> new ApiDefinitions(core, List.of(extension("a").policy("r", "role:a").build(),
                extension("b").policy("r", "role:b").build())).policies())
                .hasMessageContaining("policy rule r is declared twice");
    }
}
