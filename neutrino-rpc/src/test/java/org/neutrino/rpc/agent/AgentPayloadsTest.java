package org.neutrino.rpc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The L3 and security-group payloads keep Neutron's wire names and survive a round trip. */
class AgentPayloadsTest {

    @Test
    void routerInfoUsesNeutronsKeys() {
        RouterInfo.Address address = new RouterInfo.Address("s1", "10.0.0.1", "10.0.0.0/24", "10.0.0.1", 4, null);
        RouterInfo router = new RouterInfo("r1", "router1", true, true,
                new RouterInfo.Port("gw", "ext", "fa:16:3e:00:00:01", 1500,
                        List.of(new RouterInfo.Address("es", "203.0.113.10", "203.0.113.0/24", "203.0.113.1", 4, null))),
                List.of(new RouterInfo.Port("p1", "n1", "fa:16:3e:00:00:02", 1450, List.of(address))),
                List.of(new RouterInfo.FloatingIp("f1", "203.0.113.20", "10.0.0.5", "vm")),
                List.of(new RouterInfo.Route("192.0.2.0/24", "10.0.0.9")));
        JsonNode tree = AgentJson.tree(router);
        assertEquals("gw", tree.path("gw_port").path("id").asText());
        assertEquals("10.0.0.0/24", tree.path("_interfaces").path(0).path("fixed_ips").path(0).path("cidr").asText());
        assertEquals("10.0.0.5", tree.path("_floatingips").path(0).path("fixed_ip_address").asText());
        assertEquals(true, tree.path("enable_snat").asBoolean());
        assertEquals(router, AgentJson.read(tree, RouterInfo.class));
    }

    @Test
    void securityGroupInfoUsesNeutronsKeys() {
        SecurityGroupInfo.Rule rule = new SecurityGroupInfo.Rule("r1", "ingress", "IPv4", "tcp", 22, 22, null, "sg2", null);
        SecurityGroupInfo info = new SecurityGroupInfo(
                Map.of("tapabc", new SecurityGroupInfo.PortFilter("tapabc", "abc", "n1", "fa:16:3e:00:00:03", List.of("10.0.0.5"),
                        List.of(new SecurityGroupInfo.AddressPair("10.0.0.100/32", null)), List.of("sg1"), true, "compute:nova")),
                Map.of("sg1", new SecurityGroupInfo.Group(true, List.of(rule))),
                Map.of("sg2", Map.of("IPv4", List.of("10.0.0.7"), "IPv6", List.of())));
        JsonNode tree = AgentJson.tree(info);
        assertEquals("sg2", tree.path("security_groups").path("sg1").path("rules").path(0).path("remote_group_id").asText());
        assertEquals(false, tree.path("security_groups").path("sg1").path("rules").path(0).has("remote_ip_prefix"));
        assertEquals("10.0.0.7", tree.path("sg_member_ips").path("sg2").path("IPv4").path(0).asText());
        assertEquals("10.0.0.100/32", tree.path("devices").path("tapabc").path("allowed_address_pairs").path(0).path("ip_address").asText());
        assertEquals(info, AgentJson.read(tree, SecurityGroupInfo.class));
    }
}
