package org.neutrino.agent.l3;

import java.util.List;

/**
 * One router port as the kernel shows it: the veth end {@code name} ({@code qr-<port11>} or
 * {@code qg-<port11>}) inside the router's namespace, with the port's MAC, MTU ({@code 0}: the
 * kernel's default) and addresses ({@code 10.0.0.1/24}, canonical), and its host end
 * {@code tap<port11>}, which the L2 agent plugs into the network's bridge.
 */
record RouterDevice(String portId, String name, String tap, String mac, int mtu, List<String> cidrs,
                    boolean gateway) {
    RouterDevice {
        cidrs = List.copyOf(cidrs);
    }
}
