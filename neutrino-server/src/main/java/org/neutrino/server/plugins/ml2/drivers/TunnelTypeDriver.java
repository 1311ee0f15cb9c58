package org.neutrino.server.plugins.ml2.drivers;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ml2.SegmentStore;
import org.neutrino.lib.exceptions.NeutronException;

/**
 * Tunnel types — {@code vxlan}, {@code geneve}, {@code gre} — which differ only in their id
 * space, their range option and their encapsulation overhead.
 */
public final class TunnelTypeDriver implements TypeDriver {
    /** IPv4 header plus VXLAN/UDP/Ethernet (30 + 20), as Neutron counts it. */
    public static final int VXLAN_OVERHEAD = 50;
    /** IPv4 header plus Geneve's maximum header size (30 + 20). */
    public static final int GENEVE_OVERHEAD = 50;
    /** IPv4 header plus GRE (22 + 20). */
    public static final int GRE_OVERHEAD = 42;

    private final String type;
    private final List<int[]> ranges;
    private final int maxId;
    private final int mtu;
    private final SegmentStore store;

    /**
     * @param maxId the largest id of the type (2^24-1 for vxlan/geneve, 2^32-1 capped to int for gre)
     */
    public TunnelTypeDriver(String type, List<int[]> ranges, int maxId, int physnetMtu, int overhead, SegmentStore store) {
        this.type = type;
        this.ranges = List.copyOf(ranges);
        this.maxId = maxId;
        this.mtu = physnetMtu - overhead;
        this.store = store;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void initialize(Handle handle) {
        store.syncPool(handle, type, ranges, type, null);
    }

    @Override
    public void validateProviderSegment(Segment segment) {
        if (segment.physicalNetwork() != null) {
            throw NeutronException.invalidInput("provider:physical_network specified for " + type.toUpperCase() + " network");
        }
        if (segment.segmentationId() != null && (segment.segmentationId() < 1 || segment.segmentationId() > maxId)) {
            throw NeutronException.invalidInput("segmentation_id out of range (1 through " + maxId + ")");
        }
    }

    @Override
    public Segment reserveProviderSegment(Handle handle, Segment segment, String networkId) {
        if (segment.segmentationId() == null) {
            return allocateTenantSegment(handle, networkId).orElseThrow(() -> NeutronException.serviceUnavailable(
                    "NoNetworkAvailable", "Unable to create the network. No tenant network is available for allocation."));
        }
        int id = segment.segmentationId();
        if (!store.reserve(handle, type, null, id, networkId)) {
            throw NeutronException.conflict("TunnelIdInUse", "Unable to create the network. The tunnel ID " + id + " is in use.");
        }
        store.takeFromPool(handle, type, id);
        return new Segment(type, null, id);
    }

    @Override
    public Optional<Segment> allocateTenantSegment(Handle handle, String networkId) {
        OptionalInt id = store.allocate(handle, type);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        store.reserve(handle, type, null, id.getAsInt(), networkId);
        return Optional.of(new Segment(type, null, id.getAsInt()));
    }

    @Override
    public void releaseSegment(Handle handle, Segment segment) {
        store.release(handle, type, null, segment.segmentationId());
        if (SegmentRanges.contains(ranges, segment.segmentationId())) {
            store.giveBack(handle, type, segment.segmentationId());
        }
    }

    @Override
    public int mtu(Segment segment) {
        return mtu;
    }
}
