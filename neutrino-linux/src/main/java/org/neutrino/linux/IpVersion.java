package org.neutrino.linux;

/** IPv4 or IPv6, with the family flag the tools take. */
public enum IpVersion {
    V4("-4", "0.0.0.0/0"),
    V6("-6", "::/0");

    private final String flag;
    private final String defaultDestination;

    IpVersion(String flag, String defaultDestination) {
        this.flag = flag;
        this.defaultDestination = defaultDestination;
    }

    /** {@code -4} or {@code -6}. */
    public String flag() {
        return flag;
    }

    /** The destination of a default route: {@code 0.0.0.0/0} or {@code ::/0}. */
    public String defaultDestination() {
        return defaultDestination;
    }

    /** The version of an address or CIDR written as text ({@code :} means IPv6). */
    public static IpVersion of(String addressOrCidr) {
        return addressOrCidr.indexOf(':') >= 0 ? V6 : V4;
    }
}
