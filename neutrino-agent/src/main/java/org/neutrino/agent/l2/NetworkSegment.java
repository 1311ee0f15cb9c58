package org.neutrino.agent.l2;

import java.util.Optional;
import java.util.OptionalInt;
import org.neutrino.rpc.agent.DeviceDetails;

/**
 * The segment a port's network has on this host, as the server describes it in the port's
 * details: what the agent needs to build the network's bridge and its uplink.
 *
 * @param networkId       the network
 * @param type            local, flat, vlan or vxlan
 * @param physicalNetwork the physnet of flat and vlan segments
 * @param segmentationId  the VLAN id or the VNI
 * @param mtu             the network MTU, set on the bridge, the VXLAN device and the taps
 */
public record NetworkSegment(String networkId, Type type, Optional<String> physicalNetwork,
                             OptionalInt segmentationId, int mtu) {

    /** The segment types this agent wires. */
    public enum Type { LOCAL, FLAT, VLAN, VXLAN }

    public NetworkSegment {
        if (networkId == null || networkId.isBlank()) {
            throw new IllegalArgumentException("a segment needs a network id");
        }
        if ((type == Type.FLAT || type == Type.VLAN) && physicalNetwork.isEmpty()) {
            throw new IllegalArgumentException(type + " segment of network " + networkId + " without a physical network");
        }
        if ((type == Type.VLAN || type == Type.VXLAN) && segmentationId.isEmpty()) {
            throw new IllegalArgumentException(type + " segment of network " + networkId + " without a segmentation id");
        }
        if (mtu < 68) {
            throw new IllegalArgumentException("MTU of network " + networkId + " below 68: " + mtu);
        }
    }

    /**
     * The segment of a known device's details.
     *
     * @throws UnwirableDeviceException for a type this agent does not wire (gre, geneve, ...) or
     *                                  incomplete details
     */
    public static NetworkSegment of(DeviceDetails details) {
        String typeName = details.networkType() == null ? "" : details.networkType();
        Type type = switch (typeName) {
            case "local" -> Type.LOCAL;
            case "flat" -> Type.FLAT;
            case "vlan" -> Type.VLAN;
            case "vxlan" -> Type.VXLAN;
            default -> throw new UnwirableDeviceException(details.device(),
                    "network type '" + typeName + "' is not supported by the Linux bridge agent");
        };
        try {
            return new NetworkSegment(details.networkId(), type, Optional.ofNullable(details.physicalNetwork()),
                    details.segmentationId() == null ? OptionalInt.empty() : OptionalInt.of(details.segmentationId()),
                    details.mtu() == null ? 1500 : details.mtu());
        } catch (IllegalArgumentException e) {
            throw new UnwirableDeviceException(details.device(), e.getMessage());
        }
    }
}
