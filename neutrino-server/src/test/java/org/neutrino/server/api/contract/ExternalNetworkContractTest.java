package org.neutrino.server.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neutrino.server.api.contract.Api.network;
import static org.neutrino.server.api.contract.Api.subnet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/**
 * Base of the L3 contract tests: before each test, an admin's external network with a subnet,
 * and a member's network with a subnet in a project of its own, plus a hostile member of
 * another project.
 */
@ExtendWith(SharedServer.class)
abstract class ExternalNetworkContractTest {
    static TestServer server;
    private final String projectHint;
    private final String externalCidr;
    private final String projectCidr;
    ApiClient admin;
    ApiClient member;
    ApiClient other;
    String externalId;
    String externalSubnetId;
    String networkId;
    String subnetId;

    ExternalNetworkContractTest(String projectHint, String externalCidr, String projectCidr) {
        this.projectHint = projectHint;
        this.externalCidr = externalCidr;
        this.projectCidr = projectCidr;
    }

    @BeforeAll
    static void init(TestServer shared) {
        server = shared;
    }

    @BeforeEach
    void topology() {
        admin = server.admin();
        member = server.member(Api.project(projectHint));
        other = server.member(Api.project("hostile"));
        externalId = network(admin, "router:external", true).get("id").asText();
        externalSubnetId = subnet(admin, externalId, externalCidr).get("id").asText();
        networkId = network(member).get("id").asText();
        subnetId = subnet(member, networkId, projectCidr).get("id").asText();
    }

    /** The member's router with its gateway on the external network and an interface on the member's subnet. */
    String routerBetweenExternalAndSubnet() {
        String routerId = Api.created(member.post("/v2.0/routers", Api.wrap("router", Api.map("external_gateway_info",
                Api.map("network_id", externalId)))), "router").get("id").asText();
        assertThat(member.put("/v2.0/routers/" + routerId + "/add_router_interface", Api.map("subnet_id", subnetId))
                .status()).isEqualTo(200);
        return routerId;
    }
}
