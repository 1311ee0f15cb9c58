package org.neutrino.server.plugins.ml2.drivers;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backend that can bind ports, as Neutron's {@code MechanismDriver.bind_port}: given the
 * network's segments and the agents alive on the port's host (with their reported
 * configurations), it picks a segment it can reach and says how the port is plugged. Runs
 * inside the port's transaction: no I/O.
 */
public interface MechanismDriver {

    /** The name used in {@code [ml2] mechanism_drivers}. */
    String name();

    /**
     * A binding for the port, or empty when this driver cannot bind it on that host.
     *
     * @param segments     the network's segments, in order
     * @param hostAgents   agent type → configurations of the usable agents on the host
     */
    Optional<Binding> bind(List<Segment> segments, Map<String, Map<String, Object>> hostAgents);

    /**
     * The outcome of a successful binding.
     *
     * @param segment    the segment the port is bound to
     * @param vifType    {@code binding:vif_type}
     * @param vifDetails {@code binding:vif_details}
     */
    record Binding(Segment segment, String vifType, Map<String, Object> vifDetails) {
    }
}
