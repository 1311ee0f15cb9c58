package org.neutrino.server.services.trace;

import java.util.List;
import java.util.Optional;

/**
 * What the model says about a floating IP's way through its router, gathered by
 * {@link FloatingIpTraceService} for {@link RouterVerdicts}.
 *
 * @param routerId         the router of the association, empty when the floating IP is not associated
 * @param host             the host of the L3 agent the router is scheduled to, empty when unscheduled
 * @param fixedIp          the associated fixed address, empty when not associated
 * @param gatewayPortId    the router's gateway port, empty without a gateway
 * @param gatewayIps       the gateway port's addresses
 * @param interfacePort    the router's interface port on the fixed address's network, if any
 * @param interfaceIps     that interface's addresses with prefix lengths ({@code 10.0.0.1/24})
 * @param gatewayNetworkId the external network of the gateway port
 * @param upstream         the gateway IP of the external subnet: the router's default route goes there
 * @param interfaceNetwork the network of the interface port
 * @param interfaceCidr    the CIDR of the interface's subnet: the router's connected route
 */
public record TracedRouter(String floatingIp, Optional<String> routerId, Optional<String> host, Optional<String> fixedIp,
                           Optional<String> gatewayPortId, List<String> gatewayIps, Optional<String> interfacePort,
                           List<String> interfaceIps, Optional<String> gatewayNetworkId, Optional<String> upstream,
                           Optional<String> interfaceNetwork, Optional<String> interfaceCidr) {
}
