package org.neutrino.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The openstack-style tables of {@code network list}, {@code port list} and {@code agent list},
 * apart from picocli so that the fast path prints them too.
 */
final class ListTables {
    private ListTables() {
    }

    /** {@code network list}: GET /v2.0/networks. */
    static void networks(ApiClient api, PrintWriter out) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode network : api.get("/networks").path("networks")) {
            List<String> subnets = new ArrayList<>();
            network.path("subnets").forEach(item -> subnets.add(item.asText()));
            rows.add(List.of(network.path("id").asText(), network.path("name").asText(), String.join("\n", subnets),
                    network.path("status").asText(), network.path("mtu").asText("")));
        }
        print(out, new Table(List.of("ID", "Name", "Subnets", "Status", "MTU"), rows));
    }

    /** {@code port list [--network ID]}: GET /v2.0/ports, of one network when {@code networkId} is not null. */
    static void ports(ApiClient api, String networkId, PrintWriter out) {
        String path = networkId == null ? "/ports" : "/ports?network_id=" + NeutrinoCli.segment(networkId);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode port : api.get(path).path("ports")) {
            List<String> ips = new ArrayList<>();
            for (JsonNode ip : port.path("fixed_ips")) {
                ips.add(ip.path("ip_address").asText());
            }
            rows.add(List.of(port.path("id").asText(), port.path("name").asText(),
                    port.path("mac_address").asText(), String.join("\n", ips), port.path("status").asText(),
                    port.path("device_owner").asText(), port.path("binding:host_id").asText("")));
        }
        print(out, new Table(List.of("ID", "Name", "MAC Address", "Fixed IP Addresses", "Status", "Device Owner",
                "Host"), rows));
    }

    /** {@code agent list}: GET /v2.0/agents. */
    static void agents(ApiClient api, PrintWriter out) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode agent : api.get("/agents").path("agents")) {
            rows.add(List.of(agent.path("id").asText(), agent.path("agent_type").asText(),
                    agent.path("host").asText(), agent.path("alive").asBoolean() ? ":-)" : "XXX",
                    agent.path("admin_state_up").asBoolean(true) ? "UP" : "DOWN", agent.path("binary").asText()));
        }
        print(out, new Table(List.of("ID", "Agent Type", "Host", "Alive", "State", "Binary"), rows));
    }

    private static void print(PrintWriter out, Table table) {
        out.print(table.render());
        out.flush();
    }
}
