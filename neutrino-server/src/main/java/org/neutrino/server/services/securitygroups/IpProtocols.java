package org.neutrino.server.services.securitygroups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The IP protocols a security group rule may name, as neutron-lib's {@code IP_PROTOCOL_MAP}:
 * names to numbers, with {@code icmpv6} kept as a legacy alias of {@code ipv6-icmp}.
 */
final class IpProtocols {
    private IpProtocols() {
    }

    /** Name → number, in neutron-lib's order. */
    static final Map<String, Integer> BY_NAME = byName();
    /** Protocols whose rules may carry a port range. */
    static final Set<Integer> WITH_PORTS = Set.of(33, 132, 6, 17, 136);
    static final int ICMP = 1;
    static final int IPV6_ICMP = 58;
    /** Protocols that exist only over IPv6 (refused with ethertype IPv4), by name and number. */
    static final Set<String> IPV6_ONLY = Set.of("ipv6-encap", "ipv6-frag", "ipv6-icmp", "icmpv6", "ipv6-nonxt", "ipv6-opts",
            "ipv6-route", "41", "44", "58", "59", "60", "43");

    private static Map<String, Integer> byName() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("ah", 51);
        m.put("dccp", 33);
        m.put("egp", 8);
        m.put("esp", 50);
        m.put("gre", 47);
        m.put("hopopt", 0);
        m.put("icmp", 1);
        m.put("igmp", 2);
        m.put("ip", 0);
        m.put("ipip", 4);
        m.put("ipv6-encap", 41);
        m.put("ipv6-frag", 44);
        m.put("ipv6-icmp", 58);
        m.put("icmpv6", 58);
        m.put("ipv6-nonxt", 59);
        m.put("ipv6-opts", 60);
        m.put("ipv6-route", 43);
        m.put("ospf", 89);
        m.put("pgm", 113);
        m.put("rsvp", 46);
        m.put("sctp", 132);
        m.put("tcp", 6);
        m.put("udp", 17);
        m.put("udplite", 136);
        m.put("vrrp", 112);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * A protocol as stored: a known name in lower case, or a number 0-255 as a string; anything
     * else is returned unchanged for {@link #check} to refuse.
     */
    static Object canonical(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            return n >= 0 && n <= 255 ? String.valueOf(n) : value;
        }
        if (value instanceof String s) {
            if (s.matches("[0-9]{1,3}") && Integer.parseInt(s) <= 255) {
                return String.valueOf(Integer.parseInt(s));
            }
            String lower = s.toLowerCase(Locale.ROOT);
            if (BY_NAME.containsKey(lower)) {
                return lower;
            }
        }
        return value;
    }

    /** Refuses what {@link #canonical} could not make a protocol of. */
    static void check(Object canonical) {
        if (canonical == null || canonical instanceof String s && (BY_NAME.containsKey(s) || s.matches("[0-9]{1,3}"))) {
            return;
        }
        throw SecurityGroupErrors.invalid("SecurityGroupRuleInvalidProtocol", "Security group rule protocol " + canonical
                + " not supported. Only protocol values " + supported() + " and integer representations [0 to 255] are supported.");
    }

    private static String supported() {
        StringBuilder out = new StringBuilder("[None");
        BY_NAME.keySet().forEach(name -> out.append(", '").append(name).append('\''));
        return out.append(']').toString();
    }

    /** The number of a canonical protocol. */
    static int number(String protocol) {
        Integer n = BY_NAME.get(protocol);
        return n != null ? n : Integer.parseInt(protocol);
    }

    /** The {@code [name, number]} pair two rules are compared by (Neutron's duplicate check). */
    static List<String> nameAndNumber(String protocol) {
        if (protocol == null) {
            return null;
        }
        String name = protocol.equals("icmpv6") ? "ipv6-icmp" : protocol;
        if (BY_NAME.containsKey(name)) {
            return List.of(name, String.valueOf(BY_NAME.get(name)));
        }
        String named = protocol;
        for (Map.Entry<String, Integer> e : BY_NAME.entrySet()) {
            if (String.valueOf(e.getValue()).equals(protocol) && !e.getKey().equals("icmpv6")) {
                named = e.getKey(); // the last name of a number, as neutron-lib's IP_PROTOCOL_NUM_TO_NAME_MAP
            }
        }
        return List.of(named, protocol);
    }
}
