package org.neutrino.server.plugins.ml2.drivers;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * One network type of ML2, as Neutron's {@code TypeDriver}: validates provider segments,
 * reserves and allocates segmentation ids inside the caller's transaction (no I/O besides the
 * database), releases them, and says the MTU the type allows.
 */
public interface TypeDriver {

    /** The type name, e.g. {@code vxlan}. */
    String type();

    /** Brings the database in line with the configured ranges (at start-up). */
    void initialize(Handle handle);

    /** 400 {@code InvalidInput} when a provider segment is not acceptable for this type. */
    void validateProviderSegment(Segment segment);

    /**
     * Reserves a provider segment for a network; fills a missing segmentation id from the tenant
     * ranges where the type allows it. 409 when it is in use.
     */
    Segment reserveProviderSegment(Handle handle, Segment segment, String networkId);

    /** A segment for a project network from the configured ranges, or empty when exhausted. */
    Optional<Segment> allocateTenantSegment(Handle handle, String networkId);

    /** Frees a segment of a deleted network. */
    void releaseSegment(Handle handle, Segment segment);

    /** The largest MTU a network of this type can have, or 0 for no limit of its own. */
    int mtu(Segment segment);
}
