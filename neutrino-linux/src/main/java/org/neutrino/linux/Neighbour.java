package org.neutrino.linux;

import java.util.List;
import java.util.Optional;

/** A neighbour (ARP/NDP) entry; {@code states} as the kernel reports them, e.g. {@code PERMANENT}. */
public record Neighbour(String ip, Optional<String> mac, String device, List<String> states) {
    public Neighbour {
        states = List.copyOf(states);
    }
}
