package org.neutrino.linux;

import java.util.Optional;

/** The VXLAN part of a {@link Link}: VNI, local VTEP address, underlay device, UDP port, learning. */
public record VxlanInfo(int vni, Optional<String> local, Optional<String> device, int dstPort, boolean learning) {
}
