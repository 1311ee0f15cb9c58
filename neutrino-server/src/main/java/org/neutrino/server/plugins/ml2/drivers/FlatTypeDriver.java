package org.neutrino.server.plugins.ml2.drivers;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.db.ml2.SegmentStore;
import org.neutrino.lib.exceptions.NeutronException;

/**
 * {@code flat}: an untagged physical network, one Neutron network per physnet
 * ({@code [ml2_type_flat] flat_networks}, {@code *} for any). Provider networks only.
 */
public final class FlatTypeDriver implements TypeDriver {
    private final List<String> flatNetworks;
    private final SegmentStore store;
    private final int physnetMtu;

    public FlatTypeDriver(List<String> flatNetworks, SegmentStore store, int physnetMtu) {
        this.flatNetworks = List.copyOf(flatNetworks);
        this.store = store;
        this.physnetMtu = physnetMtu;
    }

    @Override
    public String type() {
        return "flat";
    }

    @Override
    public void initialize(Handle handle) {
    }

    @Override
    public void validateProviderSegment(Segment segment) {
        if (segment.physicalNetwork() == null) {
            throw NeutronException.invalidInput("physical_network required for flat provider network");
        }
        if (segment.segmentationId() != null) {
            throw NeutronException.invalidInput("segmentation_id not allowed for flat provider network");
        }
        if (!flatNetworks.contains("*") && !flatNetworks.contains(segment.physicalNetwork())) {
            throw NeutronException.invalidInput("physical_network '" + segment.physicalNetwork() + "' unknown for flat provider network");
        }
    }

    @Override
    public Segment reserveProviderSegment(Handle handle, Segment segment, String networkId) {
        if (!store.reserve(handle, "flat", segment.physicalNetwork(), 0, networkId)) {
            throw NeutronException.conflict("FlatNetworkInUse", "Unable to create the flat network. Physical network "
                    + segment.physicalNetwork() + " is in use.");
        }
        return new Segment("flat", segment.physicalNetwork(), null);
    }

    @Override
    public Optional<Segment> allocateTenantSegment(Handle handle, String networkId) {
        return Optional.empty();
    }

    @Override
    public void releaseSegment(Handle handle, Segment segment) {
        store.release(handle, "flat", segment.physicalNetwork(), 0);
    }

    @Override
    public int mtu(Segment segment) {
        return physnetMtu;
    }
}
