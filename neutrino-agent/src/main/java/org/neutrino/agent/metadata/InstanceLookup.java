package org.neutrino.agent.metadata;

import java.util.Optional;
import org.neutrino.rpc.agent.MetadataLookup;

/** Who holds an address behind a router or on a network: the server's {@code get_metadata_instance}. */
@FunctionalInterface
interface InstanceLookup {
    /**
     * The one port holding the address, empty when none (or several) does.
     *
     * @throws RuntimeException when the server cannot be asked
     */
    Optional<MetadataLookup.Instance> find(MetadataLookup lookup);
}
