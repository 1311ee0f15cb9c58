package org.neutrino.server.plugins.ml2.drivers;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.neutrino.lib.exceptions.NeutronException;

/** {@code local}: a network confined to one host; no segmentation, no physical network. */
public final class LocalTypeDriver implements TypeDriver {

    @Override
    public String type() {
        return "local";
    }

    @Override
    public void initialize(Handle handle) {
    }

    @Override
    public void validateProviderSegment(Segment segment) {
        if (segment.physicalNetwork() != null || segment.segmentationId() != null) {
            throw NeutronException.invalidInput("provider:physical_network and provider:segmentation_id prohibited for local provider network");
        }
    }

    @Override
    public Segment reserveProviderSegment(Handle handle, Segment segment, String networkId) {
        return new Segment("local", null, null);
    }

    @Override
    public Optional<Segment> allocateTenantSegment(Handle handle, String networkId) {
        return Optional.of(new Segment("local", null, null));
    }

    @Override
    public void releaseSegment(Handle handle, Segment segment) {
    }

    @Override
    public int mtu(Segment segment) {
        return 0;
    }
}
