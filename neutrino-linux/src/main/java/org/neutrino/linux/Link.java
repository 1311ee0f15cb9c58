package org.neutrino.linux;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network device as {@code ip -d -j link show} reports it.
 *
 * @param up          administratively up (flag {@code UP})
 * @param operState   the kernel's operational state ({@code UP}, {@code DOWN}, {@code LOWERLAYERDOWN}, ...)
 * @param kind        {@code veth}, {@code bridge}, {@code vxlan}, ...; empty for physical devices and lo
 * @param linkName    the peer of a veth in the same namespace, or the lower device
 * @param linkIndex   the peer's ifindex when it lives in another namespace
 * @param linkNetnsId the id (in this namespace) of the namespace holding the peer
 */
public record Link(String name, int ifindex, Optional<String> mac, int mtu, boolean up, String operState,
                   Optional<String> master, Optional<String> kind, Optional<VxlanInfo> vxlan,
                   Optional<String> linkName, OptionalInt linkIndex, OptionalInt linkNetnsId) {
    public Link {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a link needs a name");
        }
    }

    public boolean isKind(String expected) {
        return kind.filter(expected::equals).isPresent();
    }
}
