package org.neutrino.server.plugins.ml2.drivers;

/**
 * A network segment as ML2 sees it.
 *
 * @param networkType     local, flat, vlan, vxlan, geneve, gre
 * @param physicalNetwork the physnet (flat, vlan) or {@code null}
 * @param segmentationId  VLAN id, VNI or tunnel id, or {@code null}
 */
public record Segment(String networkType, String physicalNetwork, Integer segmentationId) {
}
