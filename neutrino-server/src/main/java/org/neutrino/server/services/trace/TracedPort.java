package org.neutrino.server.services.trace;

import java.util.List;
import java.util.Optional;

/**
 * What the model says about a port's path, gathered by {@link PortTraceService} for
 * {@link TraceVerdicts}.
 *
 * @param host           {@code binding:host_id}, empty when unbound
 * @param fixedIps       the port's addresses
 * @param networkType    the network's {@code provider:network_type}
 * @param segmentationId its VNI or VLAN id, if any
 * @param localIp        the tunnel address the L2 agent of the host reports ({@code tunneling_ip})
 * @param peerVteps      the tunnel addresses of the other hosts with ports on the network
 * @param filtered       whether the port is to be filtered: port security on, an owner that is
 *                       not a network service, and an L2 agent whose firewall driver filters
 * @param dhcp           the network's DHCP servers, and whether the port needs one
 * @param physicalNetwork the flat/VLAN network's {@code provider:physical_network}
 * @param uplink         the flat/VLAN uplink of the port's host: the interface its L2 agent maps
 *                       the physical network to ({@code physical_interface_mappings}), with
 *                       {@code .<vid>} for a VLAN network; empty when the agent maps none
 */
public record TracedPort(String portId, String networkId, String mac, List<String> fixedIps, String host, String status,
                         String networkType, Optional<Integer> segmentationId, Optional<String> localIp,
                         List<String> peerVteps, boolean filtered, List<String> securityGroups, List<DhcpServer> dhcp,
                         boolean needsDhcp, Optional<String> physicalNetwork, Optional<String> uplink) {

    /** A DHCP agent of the network: its host, and the DHCP port it serves from (if it has one). */
    public record DhcpServer(String host, Optional<String> portId, List<String> addresses) {
    }

    public boolean bound() {
        return host != null && !host.isBlank();
    }

    /** A flat or VLAN network: its bridge has a physical uplink. */
    public boolean provider() {
        return ("flat".equals(networkType) || "vlan".equals(networkType)) && physicalNetwork.isPresent();
    }

    public boolean vxlan() {
        return "vxlan".equals(networkType) && segmentationId.isPresent();
    }
}
