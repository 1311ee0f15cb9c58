package org.neutrino.server.plugins.ml2.drivers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ml2.SegmentStore;
import org.neutrino.lib.exceptions.NeutronException;

/**
 * {@code vlan}: 802.1Q tags on physical networks ({@code [ml2_type_vlan] network_vlan_ranges});
 * project networks take the lowest free tag of the first physnet with one.
 */
public final class VlanTypeDriver implements TypeDriver {
    private final Map<String, List<int[]>> ranges;
    private final SegmentStore store;
    private final int physnetMtu;

    public VlanTypeDriver(Map<String, List<int[]>> ranges, SegmentStore store, int physnetMtu) {
        this.ranges = Map.copyOf(ranges);
        this.store = store;
        this.physnetMtu = physnetMtu;
    }

    @Override
    public String type() {
        return "vlan";
    }

    private static String pool(String physnet) {
        return "vlan:" + physnet;
    }

    @Override
    public void initialize(Handle handle) {
        ranges.forEach((physnet, list) -> store.syncPool(handle, pool(physnet), list, "vlan", physnet));
    }

    @Override
    public void validateProviderSegment(Segment segment) {
        if (segment.physicalNetwork() != null && !ranges.containsKey(segment.physicalNetwork())) {
            throw NeutronException.invalidInput("physical_network '" + segment.physicalNetwork() + "' unknown for VLAN provider network");
        }
        if (segment.segmentationId() != null && (segment.segmentationId() < 1 || segment.segmentationId() > 4094)) {
            throw NeutronException.invalidInput("segmentation_id out of range (1 through 4094)");
        }
        if (segment.physicalNetwork() == null && segment.segmentationId() != null) {
            throw NeutronException.invalidInput("segmentation_id requires physical_network for VLAN provider network");
        }
    }

    @Override
    public Segment reserveProviderSegment(Handle handle, Segment segment, String networkId) {
        if (segment.physicalNetwork() == null) {
            return allocateTenantSegment(handle, networkId).orElseThrow(VlanTypeDriver::noneAvailable);
        }
        String physnet = segment.physicalNetwork();
        if (segment.segmentationId() == null) {
            OptionalInt vid = store.allocate(handle, pool(physnet));
            if (vid.isEmpty()) {
                throw noneAvailable();
            }
            store.reserve(handle, "vlan", physnet, vid.getAsInt(), networkId);
            return new Segment("vlan", physnet, vid.getAsInt());
        }
        int vid = segment.segmentationId();
        if (!store.reserve(handle, "vlan", physnet, vid, networkId)) {
            throw NeutronException.conflict("VlanIdInUse", "Unable to create the network. The VLAN " + vid
                    + " on physical network " + physnet + " is in use.");
        }
        store.takeFromPool(handle, pool(physnet), vid);
        return new Segment("vlan", physnet, vid);
    }

    private static NeutronException noneAvailable() {
        return NeutronException.serviceUnavailable("NoNetworkAvailable",
                "Unable to create the network. No tenant network is available for allocation.");
    }

    @Override
    public Optional<Segment> allocateTenantSegment(Handle handle, String networkId) {
        for (String physnet : ranges.keySet()) {
            OptionalInt vid = store.allocate(handle, pool(physnet));
            if (vid.isPresent()) {
                store.reserve(handle, "vlan", physnet, vid.getAsInt(), networkId);
                return Optional.of(new Segment("vlan", physnet, vid.getAsInt()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void releaseSegment(Handle handle, Segment segment) {
        store.release(handle, "vlan", segment.physicalNetwork(), segment.segmentationId());
        List<int[]> physnetRanges = ranges.get(segment.physicalNetwork());
        if (physnetRanges != null && SegmentRanges.contains(physnetRanges, segment.segmentationId())) {
            store.giveBack(handle, pool(segment.physicalNetwork()), segment.segmentationId());
        }
    }

    @Override
    public int mtu(Segment segment) {
        return physnetMtu;
    }
}
