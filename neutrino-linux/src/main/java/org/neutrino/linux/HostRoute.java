package org.neutrino.linux;

/** A subnet's host route ({@code host_routes}): traffic for {@code destination} (a CIDR) goes to {@code nexthop}. */
public record HostRoute(String destination, String nexthop) {
    public HostRoute {
        if (destination == null || !destination.contains("/")) {
            throw new IllegalArgumentException("host route destination must be a CIDR: " + destination);
        }
        if (nexthop == null || nexthop.isBlank()) {
            throw new IllegalArgumentException("host route needs a nexthop");
        }
    }
}
