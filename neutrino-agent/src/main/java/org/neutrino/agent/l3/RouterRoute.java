package org.neutrino.agent.l3;

/**
 * A route through a next hop in a router's namespace, written as {@code ip -j route} prints it:
 * {@code 0.0.0.0/0} or {@code ::/0} for a default route, a bare address for a host route,
 * otherwise a canonical CIDR.
 */
record RouterRoute(String destination, String via) {
}
