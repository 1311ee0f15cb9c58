package org.neutrino.linux;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One DHCP option dnsmasq gives the clients carrying {@code tag} (a port's {@code extra_dhcp_opt}:
 * the tag is set by the port's lines of the hosts file). Written to the opts file as Neutron's
 * {@code Dnsmasq._format_option} writes it: {@code tag:<tag>,[<extra tag>,]<option>,<value>}, where
 * the option is {@code option6:<name or number>} for IPv6, {@code option:<name>} for an IPv4 name
 * and the bare number for an IPv4 number; a name given as {@code tag:<t>,<name>} (such as
 * {@code tag:!ipxe,bootfile-name}) keeps {@code tag:<t>} as an extra condition. Only the first
 * line of the name and of the value is used.
 *
 * @param value the value; empty for the options that may be blank ({@code router},
 *              {@code classless-static-route}), which then tell the client nothing
 */
public record DhcpOption(String tag, IpVersion ipVersion, String name, String value) {
    private static final Pattern EXTRA_TAG = Pattern.compile("(tag:(.*),)?(.*)");

    public DhcpOption {
        if (tag == null || tag.isBlank() || tag.contains(",")) {
            throw new IllegalArgumentException("a DHCP option needs a tag without commas: " + tag);
        }
        name = firstLine(name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a DHCP option needs a name");
        }
        value = firstLine(value == null ? "" : value);
    }

    /** The line of the opts file. */
    public String line() {
        Matcher matcher = EXTRA_TAG.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalStateException("unreachable: every name matches " + EXTRA_TAG);
        }
        String option = matcher.group(3);
        if (ipVersion == IpVersion.V6) {
            option = "option6:" + option;
        } else if (!option.chars().allMatch(Character::isDigit) || option.isEmpty()) {
            option = "option:" + option;
        }
        String extraTag = matcher.group(1) == null ? "" : matcher.group(1);
        return "tag:" + tag + "," + extraTag + option + "," + value;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
