package org.neutrino.server.plugins.ml2;

import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Binds ports to their host through the mechanism drivers, on their network's segments; no I/O. */
final class PortBinder {
    private final MechanismManager mechanisms;
    private final NetworkSegments segments;

    PortBinder(MechanismManager mechanisms, NetworkSegments segments) {
        this.mechanisms = mechanisms;
        this.segments = segments;
    }

    /** Sets {@code binding:vif_type} and {@code binding:vif_details} of {@code port} for its host. */
    void bind(Handle h, Map<String, Object> port) {
        mechanisms.bind(h, port, segments.segmentsOf(h, (String) port.get("network_id")));
    }
}
