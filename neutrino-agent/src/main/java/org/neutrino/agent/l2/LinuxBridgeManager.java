package org.neutrino.agent.l2;

import java.util.Map;
import java.util.Optional;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.IpCommands;
import org.neutrino.linux.Link;
import org.neutrino.rpc.agent.DeviceDetails;

/**
 * Decides how a tap is wired on this host, as Neutron's {@code LinuxBridgeManager}: each
 * network gets a bridge {@code brq<network11>} (or, for a flat physnet listed in
 * {@code bridge_mappings}, that existing bridge) with one uplink: {@code vxlan-<VNI>} on the
 * interface owning {@code local_ip}, the mapped physical interface (flat), its
 * {@code <interface>.<vid>} sub-interface (vlan), or none (local). The tap is enslaved, gets
 * the network MTU, and is up when its port is admin up, down (cut off) otherwise.
 *
 * <p>Only the differences between the host's links and that target become commands, so a
 * pass over devices that are already right plans nothing.
 */
final class LinuxBridgeManager {
    private final Map<String, String> interfaceMappings;
    private final Map<String, String> bridgeMappings;
    private final Optional<String> localIp;
    private final Optional<String> vtepDevice;

    /**
     * @param localIp    the VTEP address; empty when VXLAN is off
     * @param vtepDevice the interface owning {@code localIp}
     */
    LinuxBridgeManager(Map<String, String> interfaceMappings, Map<String, String> bridgeMappings,
                       Optional<String> localIp, Optional<String> vtepDevice) {
        this.interfaceMappings = Map.copyOf(interfaceMappings);
        this.bridgeMappings = Map.copyOf(bridgeMappings);
        this.localIp = localIp;
        this.vtepDevice = vtepDevice;
    }

    /** The bridge of the segment's network on this host. */
    String bridgeOf(NetworkSegment segment) {
        if (segment.type() == NetworkSegment.Type.FLAT && mappedBridge(segment).isPresent()) {
            return mappedBridge(segment).get();
        }
        return DeviceNames.bridge(segment.networkId());
    }

    /** Whether the agent made the segment's bridge (and may therefore delete it). */
    boolean ownsBridge(NetworkSegment segment) {
        return bridgeOf(segment).equals(DeviceNames.bridge(segment.networkId()));
    }

    /**
     * Adds to {@code plan} what wires {@code tap} as {@code details} say.
     *
     * @throws UnwirableDeviceException when this host cannot wire it (unsupported type, no
     *                                  mapping for the physnet, missing interface)
     */
    void plug(WiringPlan plan, String tap, DeviceDetails details) {
        NetworkSegment segment = NetworkSegment.of(details);
        String bridge = bridgeOf(segment);
        Optional<String> uplink = uplinkOf(segment, tap);
        Link link = plan.link(tap).orElseThrow(() -> new UnwirableDeviceException(tap, "the device is gone"));
        if (!ownsBridge(segment) && plan.link(bridge).isEmpty()) {
            throw new UnwirableDeviceException(tap, "bridge " + bridge + " of bridge_mappings does not exist");
        }
        if (segment.type() == NetworkSegment.Type.FLAT && uplink.isPresent() && plan.link(uplink.get()).isEmpty()) {
            throw new UnwirableDeviceException(tap, "interface " + uplink.get() + " does not exist");
        }
        if (segment.type() == NetworkSegment.Type.VLAN && plan.link(uplink.orElseThrow()).isEmpty()) {
            String physical = interfaceMappings.get(segment.physicalNetwork().orElseThrow());
            if (plan.link(physical).isEmpty()) {
                throw new UnwirableDeviceException(tap, "interface " + physical + " does not exist");
            }
        }
        if (ownsBridge(segment) && plan.firstTime(bridge)) {
            ensureBridge(plan, segment, bridge, uplink);
        }
        if (link.mtu() != segment.mtu()) {
            plan.add(IpCommands.setMtu(tap, segment.mtu()));
        }
        if (!link.master().filter(bridge::equals).isPresent()) {
            plan.add(IpCommands.setMaster(tap, bridge));
        }
        boolean wantUp = Boolean.TRUE.equals(details.adminStateUp());
        if (wantUp && !link.up()) {
            plan.add(IpCommands.setUp(tap));
        } else if (!wantUp && link.up()) {
            plan.add(IpCommands.setDown(tap));
        }
    }

    private void ensureBridge(WiringPlan plan, NetworkSegment segment, String bridge, Optional<String> uplink) {
        Optional<Link> existing = plan.link(bridge);
        if (existing.isEmpty()) {
            plan.add(IpCommands.addBridge(bridge));
            plan.add(IpCommands.setMtu(bridge, segment.mtu()));
        } else if (existing.get().mtu() != segment.mtu()) {
            plan.add(IpCommands.setMtu(bridge, segment.mtu()));
        }
        uplink.ifPresent(device -> ensureUplink(plan, segment, bridge, device));
        if (existing.isEmpty() || !existing.get().up()) {
            plan.add(IpCommands.setUp(bridge));
        }
    }

    private void ensureUplink(WiringPlan plan, NetworkSegment segment, String bridge, String device) {
        if (!plan.firstTime(device)) {
            return;
        }
        Optional<Link> existing = plan.link(device);
        switch (segment.type()) {
            case VXLAN -> {
                int vni = segment.segmentationId().getAsInt();
                boolean right = existing.flatMap(Link::vxlan)
                        .filter(v -> v.vni() == vni && v.local().equals(localIp) && !v.learning()).isPresent();
                if (existing.isPresent() && !right) {
                    plan.add(IpCommands.deleteLink(device));
                }
                if (!right) {
                    plan.add(IpCommands.addVxlan(device, vni, localIp, vtepDevice));
                    plan.add(IpCommands.setMtu(device, segment.mtu()));
                    plan.creates(device);
                    existing = Optional.empty();
                } else if (existing.get().mtu() != segment.mtu()) {
                    plan.add(IpCommands.setMtu(device, segment.mtu()));
                }
            }
            case VLAN -> {
                if (existing.isEmpty()) {
                    String physical = interfaceMappings.get(segment.physicalNetwork().orElseThrow());
                    plan.add(IpCommands.addVlan(device, physical, segment.segmentationId().getAsInt()));
                    plan.creates(device);
                }
            }
            case FLAT -> {
                // the mapped interface exists (checked by plug); it is only enslaved
            }
            case LOCAL -> throw new IllegalStateException("a local segment has no uplink");
        }
        if (!existing.flatMap(Link::master).filter(bridge::equals).isPresent()) {
            plan.add(IpCommands.setMaster(device, bridge));
        }
        if (existing.isEmpty() || !existing.get().up()) {
            plan.add(IpCommands.setUp(device));
        }
    }

    /** The device linking the segment's bridge to the outside, if it has one. */
    Optional<String> uplinkOf(NetworkSegment segment, String tap) {
        return switch (segment.type()) {
            case LOCAL -> Optional.empty();
            case VXLAN -> {
                if (localIp.isEmpty()) {
                    throw new UnwirableDeviceException(tap, "VXLAN is disabled on this host ([vxlan] enable_vxlan)");
                }
                yield Optional.of(DeviceNames.vxlan(segment.segmentationId().getAsInt()));
            }
            case FLAT -> {
                if (mappedBridge(segment).isPresent()) {
                    yield Optional.empty();
                }
                yield Optional.of(mappedInterface(segment, tap));
            }
            case VLAN -> Optional.of(DeviceNames.vlanSubinterface(mappedInterface(segment, tap),
                    segment.segmentationId().getAsInt()));
        };
    }

    /**
     * Adds to {@code plan} the removal of the network's bridge and of the uplink the agent made
     * for it (VXLAN device, VLAN sub-interface; a physical interface is only released). A
     * bridge of {@code bridge_mappings} is never removed.
     */
    void unplugNetwork(WiringPlan plan, NetworkSegment segment) {
        if (!ownsBridge(segment)) {
            return;
        }
        String bridge = bridgeOf(segment);
        Optional<String> uplink = switch (segment.type()) {
            case VXLAN -> Optional.of(DeviceNames.vxlan(segment.segmentationId().getAsInt()));
            case VLAN -> segment.physicalNetwork().map(interfaceMappings::get)
                    .map(physical -> DeviceNames.vlanSubinterface(physical, segment.segmentationId().getAsInt()));
            case FLAT, LOCAL -> Optional.empty();
        };
        uplink.filter(device -> plan.link(device).isPresent() && plan.firstTime(device))
                .ifPresent(device -> plan.add(IpCommands.deleteLink(device)));
        if (plan.link(bridge).isPresent() && plan.firstTime(bridge)) {
            plan.add(IpCommands.deleteLink(bridge));
        }
    }

    /**
     * Adds to {@code plan} the removal of bridge {@code brq<network11>} of a deleted network
     * whose segment this agent does not know, with the VXLAN devices enslaved to it.
     */
    void unplugDeletedNetwork(WiringPlan plan, String networkId) {
        String bridge = DeviceNames.bridge(networkId);
        if (plan.link(bridge).isEmpty() || !plan.firstTime(bridge)) {
            return;
        }
        for (Link member : plan.membersOf(bridge)) {
            if (member.isKind("vxlan") && member.name().startsWith("vxlan-") && plan.firstTime(member.name())) {
                plan.add(IpCommands.deleteLink(member.name()));
            }
        }
        plan.add(IpCommands.deleteLink(bridge));
    }

    private Optional<String> mappedBridge(NetworkSegment segment) {
        return segment.physicalNetwork().map(bridgeMappings::get);
    }

    private String mappedInterface(NetworkSegment segment, String tap) {
        String physnet = segment.physicalNetwork().orElseThrow();
        String device = interfaceMappings.get(physnet);
        if (device == null) {
            throw new UnwirableDeviceException(tap, "physical network '" + physnet
                    + "' has no [linux_bridge] physical_interface_mappings entry on this host");
        }
        return device;
    }
}
