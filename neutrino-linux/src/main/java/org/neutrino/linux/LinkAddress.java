package org.neutrino.linux;

/** An address on a device, as {@code ip -j address show} reports it; {@code cidr} is {@code 10.0.0.2/24}. */
public record LinkAddress(String device, IpVersion version, String cidr, String scope) {
    /** The address without its prefix length. */
    public String address() {
        return cidr.substring(0, cidr.indexOf('/'));
    }
}
