package org.neutrino.server.services.availabilityzones;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.agents.AvailabilityZoneHints;
import org.neutrino.lib.context.RequestContext;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.agent.AgentTopics;
import org.neutrino.server.extensions.AttributeExtension;

/**
 * {@code availability_zone_hints} (set on create; each must be the zone of an agent of the kind
 * that hosts the resource, {@code AvailabilityZoneNotFound} otherwise) and the read-only
 * {@code availability_zones} (the zones of the agents hosting it) of networks (DHCP agents,
 * {@code network_availability_zone}) and routers (L3 agents, {@code router_availability_zone}).
 * Two queries per list.
 */
public final class AvailabilityZoneAttributes implements AttributeExtension {
    private final String collection;
    private final String agentType;
    private final AvailabilityZoneHints hints;

    private AvailabilityZoneAttributes(String collection, String agentType, AvailabilityZoneHints hints) {
        this.collection = collection;
        this.agentType = agentType;
        this.hints = hints;
    }

    /** Those of networks, hosted by DHCP agents. */
    public static AvailabilityZoneAttributes networks() {
        return new AvailabilityZoneAttributes("networks", AgentTopics.DHCP_AGENT_TYPE, AvailabilityZoneHints.ofNetworks());
    }

    /** Those of routers, hosted by L3 agents (the router plugin registers them). */
    public static AvailabilityZoneAttributes routers() {
        return new AvailabilityZoneAttributes("routers", AgentTopics.L3_AGENT_TYPE, AvailabilityZoneHints.ofRouters());
    }

    @Override
    public String collection() {
        return collection;
    }

    @Override
    public void processCreate(Handle h, RequestContext context, Map<String, Object> request, Map<String, Object> created) {
        List<?> requested = (List<?>) request.get("availability_zone_hints");
        if (requested == null || requested.isEmpty()) {
            return;
        }
        Set<String> known = AvailabilityZoneHints.zonesOfAgents(h, agentType);
        for (Object hint : requested) {
            if (!known.contains(hint)) {
                throw NeutronException.notFound("AvailabilityZoneNotFound", "AvailabilityZone " + hint + " could not be found.");
            }
        }
        hints.set(h, (String) created.get("id"), requested.stream().map(String::valueOf).toList());
    }

    @Override
    public void extend(Handle h, List<Map<String, Object>> rows) {
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        Map<String, List<String>> hinted = hints.of(h, ids);
        Map<String, Set<String>> zones = hints.zonesOfHostingAgents(h, ids);
        for (Map<String, Object> row : rows) {
            String id = (String) row.get("id");
            row.put("availability_zone_hints", hinted.getOrDefault(id, List.of()));
            row.put("availability_zones", new ArrayList<>(zones.getOrDefault(id, Set.of())));
        }
    }
}
