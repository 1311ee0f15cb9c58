package org.neutrino.server.agents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.db.agents.AvailabilityZoneHints;
import org.neutrino.rpc.agent.AgentTopics;

/**
 * Chooses the DHCP agents of networks, as Neutron's default scheduler: a network with a
 * DHCP-enabled subnet gets {@code dhcp_agents_per_network} live agents, the least loaded first,
 * among the agents of its {@code availability_zone_hints} when it has some (as Neutron's
 * schedulers filter them).
 */
public final class DhcpScheduler {
    private final Agents agents;
    private final int perNetwork;
    private final boolean autoSchedule;
    private final AvailabilityZoneHints hints = AvailabilityZoneHints.ofNetworks();

    public DhcpScheduler(Agents agents, int perNetwork, boolean autoSchedule) {
        this.agents = agents;
        this.perNetwork = perNetwork;
        this.autoSchedule = autoSchedule;
    }

    private static boolean wantsDhcp(Handle h, String networkId) {
        return h.createQuery("SELECT COUNT(*) FROM subnets WHERE network_id = :n AND enable_dhcp = TRUE")
                .bind("n", networkId).mapTo(Integer.class).one() > 0;
    }

    /** Adds agents to the network up to the wanted number; returns the hosts added. */
    public List<String> schedule(Handle h, String networkId) {
        List<String> added = new ArrayList<>();
        if (!autoSchedule || !wantsDhcp(h, networkId)) {
            return added;
        }
        List<String> hosting = agents.store().dhcpAgentsOfNetwork(h, networkId);
        int missing = perNetwork - hosting.size();
        if (missing <= 0) {
            return added;
        }
        List<String> zones = hints.of(h, networkId);
        List<AgentRow> candidates = agents.store().ofType(h, AgentTopics.DHCP_AGENT_TYPE).stream()
                .filter(a -> a.adminStateUp() && agents.isAlive(a) && !hosting.contains(a.id())
                        && AvailabilityZoneHints.admits(zones, a.availabilityZone()))
                .toList();
        Map<String, Integer> load = agents.store().networkCounts(h, candidates.stream().map(AgentRow::id).toList());
        candidates.stream()
                .sorted(Comparator.comparingInt((AgentRow a) -> load.getOrDefault(a.id(), 0)).thenComparing(AgentRow::host))
                .limit(missing)
                .forEach(a -> {
                    agents.store().addNetwork(h, a.id(), networkId);
                    added.add(a.host());
                });
        return added;
    }

    /** Gives a (re)starting DHCP agent the networks that lack agents; returns those networks. */
    public List<String> scheduleUnhosted(Handle h, AgentRow agent) {
        List<String> added = new ArrayList<>();
        if (!autoSchedule || !agent.adminStateUp()) {
            return added;
        }
        List<String> candidates = h.createQuery("SELECT DISTINCT s.network_id FROM subnets s WHERE s.enable_dhcp = TRUE "
                        + "AND (SELECT COUNT(*) FROM network_dhcp_agents d WHERE d.network_id = s.network_id) < :want")
                .bind("want", perNetwork).mapTo(String.class).list();
        Map<String, List<String>> zones = hints.of(h, candidates);
        for (String networkId : candidates) {
            if (AvailabilityZoneHints.admits(zones.getOrDefault(networkId, List.of()), agent.availabilityZone())
                    && agents.store().addNetwork(h, agent.id(), networkId)) {
                added.add(networkId);
            }
        }
        return added;
    }
}
