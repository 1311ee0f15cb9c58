package org.neutrino.linux;

import java.util.List;

/** Every link of a namespace with every address on them, from one {@code ip -d -j address show}. */
public record LinksWithAddresses(List<Link> links, List<LinkAddress> addresses) {
    public LinksWithAddresses {
        links = List.copyOf(links);
        addresses = List.copyOf(addresses);
    }
}
