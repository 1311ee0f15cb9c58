package org.neutrino.server.plugins.ml2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.agents.AgentStore.AgentRow;
import org.neutrino.server.agents.Agents;
import org.neutrino.server.plugins.ml2.drivers.LinuxbridgeMechanismDriver;
import org.neutrino.server.plugins.ml2.drivers.MechanismDriver;
import org.neutrino.server.plugins.ml2.drivers.OpenvswitchMechanismDriver;
import org.neutrino.server.plugins.ml2.drivers.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port binding over the configured mechanism drivers, tried in order: the first that can bind
 * the port on its host wins; none → {@code binding_failed}. A port without host stays
 * {@code unbound}.
 */
public final class MechanismManager {
    private static final Logger LOG = LoggerFactory.getLogger(MechanismManager.class);

    private final List<MechanismDriver> drivers;
    private final Agents agents;

    MechanismManager(List<MechanismDriver> drivers, Agents agents) {
        this.drivers = List.copyOf(drivers);
        this.agents = agents;
    }

    /** The drivers named by {@code [ml2] mechanism_drivers}; l2population is built in. */
    static MechanismManager fromNames(List<String> names, Agents agents) {
        List<MechanismDriver> drivers = new java.util.ArrayList<>();
        for (String name : names) {
            switch (name) {
                case "linuxbridge" -> drivers.add(new LinuxbridgeMechanismDriver());
                case "openvswitch" -> drivers.add(new OpenvswitchMechanismDriver());
                case "l2population" -> LOG.debug("l2population is always on");
                default -> throw new IllegalArgumentException("[ml2] mechanism_drivers: '" + name
                        + "' is not provided (available: linuxbridge, openvswitch, l2population)");
            }
        }
        return new MechanismManager(drivers, agents);
    }

    /**
     * Sets {@code binding:vif_type}/{@code binding:vif_details} of {@code port} for its
     * {@code binding:host_id} on a network with {@code segments}.
     */
    void bind(Handle h, Map<String, Object> port, List<Segment> segments) {
        String host = (String) port.get("binding:host_id");
        if (host == null || host.isEmpty()) {
            port.put("binding:vif_type", "unbound");
            port.put("binding:vif_details", Map.of());
            return;
        }
        Map<String, Map<String, Object>> hostAgents = new LinkedHashMap<>();
        for (AgentRow agent : agents.store().onHost(h, host)) {
            if (agent.adminStateUp() && agents.isAlive(agent)) {
                hostAgents.put(agent.agentType(), Agents.configurations(agent));
            }
        }
        for (MechanismDriver driver : drivers) {
            Optional<MechanismDriver.Binding> binding = driver.bind(segments, hostAgents);
            if (binding.isPresent()) {
                port.put("binding:vif_type", binding.get().vifType());
                port.put("binding:vif_details", binding.get().vifDetails());
                return;
            }
        }
        LOG.info("no mechanism driver could bind port {} on host {}", port.get("id"), host);
        port.put("binding:vif_type", "binding_failed");
        port.put("binding:vif_details", Map.of());
    }
}
