package org.neutrino.server.services.securitygroups;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;

/**
 * What makes a security group rule valid and when two rules are the same, as Neutron's
 * {@code _validate_security_group_rule} and {@code _rule_to_key}: legacy IPv6 ICMP names made
 * canonical, the whole port range dropped, port ranges checked per protocol (ICMP type and code
 * for ICMP), the remote prefix given its mask and matched against the ethertype.
 */
final class RuleValidation {
    private static final int PORT_RANGE_MIN = 1;
    private static final int PORT_RANGE_MAX = 65535;
    /** The remote prefixes that, like none, match any address. */
    private static final List<Object> ANY_PREFIX = Arrays.asList(null, "0.0.0.0/0", "::/0");

    private RuleValidation() {
    }

    /** The ethertype as stored ({@code IPv4}, {@code IPv6}, any case accepted); others unchanged. */
    static Object canonicalEthertype(Object value) {
        if (value instanceof String s) {
            for (String known : List.of("IPv4", "IPv6")) {
                if (known.toLowerCase(Locale.ROOT).equals(s.toLowerCase(Locale.ROOT))) {
                    return known;
                }
            }
        }
        return value;
    }

    /** A port or ICMP value: an integer 0-65535 (or a string of one), or null; 400 otherwise. */
    static Integer port(Object value) {
        if (value == null) {
            return null;
        }
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0
                && ((Number) value).longValue() <= PORT_RANGE_MAX) {
            return ((Number) value).intValue();
        }
        if (value instanceof String s && s.matches("[0-9]{1,5}") && Integer.parseInt(s) <= PORT_RANGE_MAX) {
            return Integer.parseInt(s);
        }
        throw NeutronException.invalidInput("Invalid value for port " + value);
    }

    /**
     * A remote prefix with its mask and host bits as given ({@code 10.0.0.5} → {@code 10.0.0.5/32},
     * as Neutron stores it), or the value for {@link #normalize} to refuse.
     */
    static Object canonicalPrefix(Object value) {
        if (!(value instanceof String s) || s.isEmpty()) {
            return value == null || "".equals(value) ? null : value;
        }
        return parsePrefix(s).map(c -> (Object) (c.address() + "/" + c.prefixLen())).orElse(value);
    }

    private static Optional<Cidr> parsePrefix(String text) {
        if (text.contains("/")) {
            return Cidr.tryParse(text);
        }
        return IpAddress.tryParse(text).map(ip -> new Cidr(ip, ip.bits()));
    }

    /** The network of a remote prefix ({@code normalized_cidr}), or null. */
    static String normalizedCidr(String prefix) {
        if (prefix == null) {
            return null;
        }
        return Cidr.parse(prefix).toString();
    }

    /** Checks a prepared rule and makes it canonical, in place. */
    static void normalize(Map<String, Object> rule) {
        String ethertype = (String) requireKnown(rule.get("ethertype"));
        Object protocolValue = rule.get("protocol");
        IpProtocols.check(protocolValue);
        String protocol = (String) protocolValue;
        if (ethertype.equals("IPv6")) {
            if ("icmp".equals(protocol) || "icmpv6".equals(protocol)) {
                protocol = "ipv6-icmp";
            } else if ("1".equals(protocol)) {
                protocol = "58";
            }
        }
        rule.put("protocol", protocol);
        Integer min = (Integer) rule.get("port_range_min");
        Integer max = (Integer) rule.get("port_range_max");
        if (min != null && max != null && min == PORT_RANGE_MIN && max == PORT_RANGE_MAX) {
            min = null;
            max = null;
            rule.put("port_range_min", null);
            rule.put("port_range_max", null);
        }
        checkPortRange(protocol, min, max);
        Object prefix = rule.get("remote_ip_prefix");
        if (prefix != null) {
            Cidr cidr = prefix instanceof String s ? parsePrefix(s).orElse(null) : null;
            if (cidr == null) {
                throw NeutronException.badRequest("InvalidCIDR", "Invalid CIDR " + prefix + " given as IP prefix.");
            }
            if (!ethertype.equals("IPv" + cidr.version())) {
                throw SecurityGroupErrors.invalid("SecurityGroupRuleParameterConflict", "Conflicting value ethertype " + ethertype
                        + " for CIDR " + prefix);
            }
        }
        if (protocol != null && IpProtocols.IPV6_ONLY.contains(protocol) && ethertype.equals("IPv4")) {
            throw SecurityGroupErrors.invalid("SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype " + ethertype
                    + " for protocol " + protocol + ".");
        }
        if (Stream.of(prefix, rule.get("remote_group_id"), rule.get("remote_address_group_id")).filter(Objects::nonNull).count() > 1) {
            throw SecurityGroupErrors.invalid("SecurityGroupMultipleRemoteEntites",
                    "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.");
        }
    }

    private static Object requireKnown(Object ethertype) {
        if (!"IPv4".equals(ethertype) && !"IPv6".equals(ethertype)) {
            throw SecurityGroupErrors.invalid("SecurityGroupRuleInvalidEtherType", "Security group rule for ethertype '"
                    + ethertype + "' not supported. Allowed values are ['IPv4', 'IPv6'].");
        }
        return ethertype;
    }

    private static void checkPortRange(String protocol, Integer min, Integer max) {
        if (min == null && max == null) {
            return;
        }
        if (protocol == null) {
            throw SecurityGroupErrors.invalid("SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given.");
        }
        int number = IpProtocols.number(protocol);
        if (IpProtocols.WITH_PORTS.contains(number)) {
            if (Integer.valueOf(0).equals(min) || Integer.valueOf(0).equals(max)) {
                throw SecurityGroupErrors.invalid("SecurityGroupInvalidPortValue", "Invalid value for port 0");
            }
            if (min == null || max == null || min > max) {
                throw SecurityGroupErrors.invalid("SecurityGroupInvalidPortRange",
                        "For TCP/UDP protocols, port_range_min must be <= port_range_max");
            }
        } else if (number == IpProtocols.ICMP || number == IpProtocols.IPV6_ICMP) {
            if (min != null && min > 255) {
                throw icmpValue("type", "port_range_min", min);
            }
            if (max != null && max > 255) {
                throw icmpValue("code", "port_range_max", max);
            }
            if (min == null) {
                throw SecurityGroupErrors.invalid("SecurityGroupMissingIcmpType", "ICMP code (port-range-max) " + max
                        + " is provided but ICMP type (port-range-min) is missing.");
            }
        } else {
            throw SecurityGroupErrors.invalid("SecurityGroupInvalidProtocolForPort", "Ports cannot be specified for protocol "
                    + number + ". Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.");
        }
    }

    private static NeutronException icmpValue(String field, String attribute, int value) {
        return SecurityGroupErrors.invalid("SecurityGroupInvalidIcmpValue", "Invalid value for ICMP " + field + " (" + attribute
                + ") " + value + ". It must be 0 to 255.");
    }

    /** What two rules are compared by: equal keys are the same rule (any prefix counts as none). */
    static List<Object> key(Map<String, Object> rule) {
        Object prefix = rule.get("remote_ip_prefix");
        if (ANY_PREFIX.contains(prefix)) {
            prefix = null;
        }
        return new ArrayList<>(Arrays.asList(rule.get("direction"), rule.get("ethertype"), rule.get("port_range_max"),
                rule.get("port_range_min"), IpProtocols.nameAndNumber((String) rule.get("protocol")), rule.get("remote_group_id"),
                rule.get("remote_address_group_id"), prefix, rule.get("security_group_id")));
    }

    /**
     * The stored columns of a rule whose values a rule with the same {@link #key} can have
     * (column → its possible values, {@code null} for NULL): those the key compares as they are
     * stored, and the remote prefix with the prefixes that count as none. The protocol is left to
     * {@link #key} (a name and a number are the same protocol).
     */
    static Map<String, List<Object>> keyColumns(Map<String, Object> rule) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (String column : List.of("direction", "ethertype", "port_range_min", "port_range_max", "remote_group_id")) {
            columns.put(column, Collections.singletonList(rule.get(column)));
        }
        Object prefix = rule.get("remote_ip_prefix");
        columns.put("remote_ip_prefix", prefix == null || ANY_PREFIX.contains(prefix) ? ANY_PREFIX : List.of(prefix));
        return columns;
    }
}
