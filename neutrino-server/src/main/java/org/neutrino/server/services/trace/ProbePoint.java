package org.neutrino.server.services.trace;

/**
 * A place of a probe's path where an agent counts packets (a device's rx/tx counter, a rule's
 * packet counter), read before and after the probe's ping.
 *
 * @param kind      the hop kind it belongs to ({@code dnat}, {@code router_interface}, {@code tap}, ...)
 * @param counter   what is counted there ({@code tx}, {@code rx}, {@code rule})
 * @param before    the counter before the ping, -1 when the device or rule was not there
 * @param after     the counter after the ping, -1 when the device or rule was not there
 * @param threshold how many packets mean that the probe passed there
 */
public record ProbePoint(String kind, String name, String host, String counter, long before, long after, long threshold) {

    /** The packets counted during the probe, or -1 when the point was not there before and after. */
    public long packets() {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    public boolean seen() {
        return packets() >= threshold;
    }
}
