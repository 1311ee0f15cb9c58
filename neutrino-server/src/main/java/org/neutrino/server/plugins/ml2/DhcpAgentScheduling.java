package org.neutrino.server.plugins.ml2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neutrino.db.Database;
import org.neutrino.db.ListQuery;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.lib.api.Validators;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.api.ApiRequest;
import org.neutrino.server.api.ApiResponse;
import org.neutrino.server.api.JsonCodec;
import org.neutrino.server.policy.PolicyEngine;
import org.neutrino.server.rpc.AgentNotifier;

/**
 * The {@code dhcp_agent_scheduler} extension: {@code GET/POST /v2.0/agents/{id}/dhcp-networks},
 * {@code DELETE /v2.0/agents/{id}/dhcp-networks/{network_id}} and
 * {@code GET /v2.0/networks/{id}/dhcp-agents}. Each checks its policy rule before looking
 * anything up, as Neutron does.
 */
final class DhcpAgentScheduling {
    private final Agents agents;
    private final Database database;
    private final PolicyEngine policy;
    private final AgentNotifier notifier;
    private final NetworkHandler networks;

    DhcpAgentScheduling(Agents agents, Database database, PolicyEngine policy, AgentNotifier notifier, NetworkHandler networks) {
        this.agents = agents;
        this.database = database;
        this.policy = policy;
        this.notifier = notifier;
        this.networks = networks;
    }

    /** {@code /v2.0/agents/{id}/dhcp-networks[/{network_id}]}. */
    ApiResponse dhcpNetworks(ApiRequest request, String agentId, Runnable checkAgentVisible) {
        RequestContext context = request.context();
        String action = switch (request.method()) {
            case "GET" -> "get_dhcp-networks";
            case "POST" -> "create_dhcp-network";
            case "DELETE" -> "delete_dhcp-network";
            default -> throw methodNotAllowed();
        };
        policy.enforce(action, context, Map.of());
        checkAgentVisible.run();
        AgentRow agent = database.read(h -> agents.store().find(h, agentId)).orElseThrow();
        if (!agent.agentType().equals(AgentTopics.DHCP_AGENT_TYPE)) {
            throw NeutronException.notFound("InvalidDHCPAgent", "Agent " + agent.id() + " is not a valid DHCP Agent or has been disabled");
        }
        String networkId = request.path().size() == 4 ? request.path().get(3) : null;
        return switch (request.method()) {
            case "GET" -> hostedNetworks(context, agent);
            case "POST" -> addNetwork(request, agent);
            default -> removeNetwork(agent, networkId);
        };
    }

    private ApiResponse hostedNetworks(RequestContext context, AgentRow agent) {
        List<String> ids = database.read(h -> agents.store().networksOfDhcpAgent(h, agent.id()));
        if (ids.isEmpty()) {
            return ApiResponse.ok(Map.of("networks", List.of()));
        }
        ListQuery hosted = ListQuery.all().and(networks.table().in("id", ids, "id"));
        return ApiResponse.ok(Map.of("networks", networks.list(context, networks.scopedFor(context, hosted))));
    }

    private ApiResponse addNetwork(ApiRequest request, AgentRow agent) {
        Object body = JsonCodec.parse(request.body());
        if (!(body instanceof Map<?, ?> map) || !Validators.isUuid(map.get("network_id"))) {
            throw NeutronException.badRequest("HTTPBadRequest", "Invalid input: network_id is required");
        }
        String network = (String) map.get("network_id");
        boolean added = database.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM networks WHERE id = :n").bind("n", network).mapTo(Integer.class).one() == 0) {
                throw NeutronException.notFound("NetworkNotFound", "Network " + network + " could not be found.");
            }
            return agents.store().addNetwork(h, agent.id(), network);
        });
        if (!added) {
            throw NeutronException.conflict("NetworkHostedByDHCPAgent", "The network " + network
                    + " has been already hosted by the DHCP Agent " + agent.id() + ".");
        }
        notifier.dhcpCast(agent.host(), AgentTopics.NETWORK_CHANGED, network);
        return ApiResponse.created(null);
    }

    private ApiResponse removeNetwork(AgentRow agent, String networkId) {
        if (networkId == null || !database.inTransaction(h -> agents.store().removeNetwork(h, agent.id(), networkId))) {
            throw NeutronException.conflict("NetworkNotHostedByDhcpAgent", "The network " + networkId
                    + " is not hosted by the DHCP agent " + agent.id() + ".");
        }
        notifier.dhcpCast(agent.host(), AgentTopics.NETWORK_REMOVED, networkId);
        return ApiResponse.noContent();
    }

    /** {@code GET /v2.0/networks/{id}/dhcp-agents}: the rule first, then the network, which must be visible. */
    ApiResponse networkDhcpAgents(ApiRequest request, String networkId, Runnable checkNetworkVisible) {
        if (!request.method().equals("GET") || request.path().size() != 3) {
            throw methodNotAllowed();
        }
        policy.enforce("get_dhcp-agents", request.context(), Map.of());
        checkNetworkVisible.run();
        List<Map<String, Object>> out = new ArrayList<>();
        database.read(h -> {
            for (String agentId : agents.store().dhcpAgentsOfNetwork(h, networkId)) {
                agents.store().find(h, agentId).ifPresent(a -> out.add(agents.render(a)));
            }
            return null;
        });
        return ApiResponse.ok(Map.of("agents", out));
    }

    private static NeutronException methodNotAllowed() {
        return new NeutronException(405, "HTTPMethodNotAllowed", "The method is not allowed for this resource.");
    }
}
