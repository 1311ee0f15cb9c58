package org.neutrino.lib.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.lib.net.MacAddress;

/** Neutron's {@code type:*} validators. Each returns {@code null} when the value is valid. */
public final class Validators {
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Validators() {
    }

    public static boolean isUuid(Object value) {
        return value instanceof String s && UUID.matcher(s).matches();
    }

    public static Validator string(int maxLength) {
        return value -> {
            if (!(value instanceof String s)) {
                return "'" + value + "' is not a valid string";
            }
            return s.length() > maxLength ? "'" + s + "' exceeds maximum length of " + maxLength : null;
        };
    }

    public static Validator stringOrNone(int maxLength) {
        Validator string = string(maxLength);
        return value -> value == null ? null : string.validate(value);
    }

    public static final Validator UUID_VALUE = value -> isUuid(value) ? null : "'" + value + "' is not a valid UUID";

    public static final Validator UUID_OR_NONE = value -> value == null ? null : UUID_VALUE.validate(value);

    public static final Validator BOOLEAN = value -> value instanceof Boolean ? null : "'" + value + "' is not a boolean";

    public static final Validator MAC_ADDRESS = value -> {
        if (!(value instanceof String s) || MacAddress.normalize(s).isEmpty()) {
            return "'" + value + "' is not a valid MAC address";
        }
        return MacAddress.isUnicast(MacAddress.normalize(s).get()) ? null : "'" + value + "' is not a valid MAC address";
    };

    /**
     * An IPv4 or IPv6 address in ASCII ({@link IpAddress}); an IPv4 address with leading zeros is
     * refused with Neutron's recommendation, since {@code inet_aton} would read them as octal.
     */
    public static final Validator IP_ADDRESS = value -> {
        if (value instanceof String s && IpAddress.tryParse(s).isPresent()) {
            return null;
        }
        if (value instanceof String s) {
            Optional<IpAddress> decimal = IpAddress.withoutLeadingZeros(s);
            if (decimal.isPresent()) {
                return "'" + s + "' is not an accepted IP address, '" + decimal.get() + "' is recommended";
            }
        }
        return "'" + value + "' is not a valid IP address";
    };

    public static final Validator IP_ADDRESS_OR_NONE = value -> value == null ? null : IP_ADDRESS.validate(value);

    public static final Validator SUBNET = value ->
            value instanceof String s && Cidr.tryParse(s).isPresent() ? null : "'" + value + "' is not a valid IP subnet";

    public static final Validator SUBNET_OR_NONE = value -> value == null ? null : SUBNET.validate(value);

    /** Neutron stores a resource's availability zone hints as one string of at most 255 characters. */
    public static final int AVAILABILITY_ZONE_HINTS_MAX = 255;

    /** A list of unique strings that fits Neutron's column ({@code type:availability_zone_hint_list}). */
    public static final Validator AVAILABILITY_ZONE_HINTS = value -> {
        if (!(value instanceof List<?> list)) {
            return "'" + value + "' is not a list";
        }
        if (list.stream().anyMatch(item -> !(item instanceof String))) {
            return "'" + value + "' is not a list of strings";
        }
        if (list.stream().distinct().count() != list.size()) {
            return "Duplicate items in the list: '" + value + "'";
        }
        return String.join(",", list.stream().map(String::valueOf).toList()).length() > AVAILABILITY_ZONE_HINTS_MAX
                ? "Too many availability_zone_hints specified" : null;
    };

    /** A list of CIDRs without duplicates (Neutron's {@code type:subnet_list}). */
    public static final Validator SUBNET_LIST = value -> {
        if (!(value instanceof List<?> list)) {
            return "'" + value + "' is not a list";
        }
        if (list.stream().distinct().count() != list.size()) {
            return "Duplicate items in the list: '" + value + "'";
        }
        for (Object item : list) {
            String error = SUBNET.validate(item);
            if (error != null) {
                return error;
            }
        }
        return null;
    };

    /** A route destination: a CIDR without host bits, as Neutron's {@code validate_route_cidr}. */
    public static final Validator ROUTE_CIDR = value -> {
        Optional<Cidr> cidr = value instanceof String s ? Cidr.tryParse(s) : Optional.empty();
        if (cidr.isEmpty()) {
            return "'" + value + "' is not a valid IP subnet";
        }
        return cidr.get().isCanonical() ? null : "'" + value + "' is not a recognized CIDR, '" + cidr.get() + "' is recommended";
    };

    public static Validator values(Object... allowed) {
        List<Object> list = List.of(allowed);
        return value -> value != null && list.contains(value) ? null : "'" + value + "' is not in " + list;
    }

    public static Validator valuesOrNone(Object... allowed) {
        Validator values = values(allowed);
        return value -> value == null ? null : values.validate(value);
    }

    public static Validator range(int min, int max) {
        return value -> {
            if (!(value instanceof Integer i)) {
                return "'" + value + "' is not an integer";
            }
            return i < min || i > max ? "'" + i + "' is not in range " + min + " through " + max : null;
        };
    }

    public static final Validator NON_NEGATIVE = value ->
            value instanceof Integer i && i >= 0 ? null : "'" + value + "' should be non-negative";

    /** {@code dns_nameservers}: a list of unique IP addresses. */
    public static Validator nameservers(int max) {
        return value -> {
            if (!(value instanceof List<?> list)) {
                return "Invalid data format for nameserver: '" + value + "'";
            }
            if (list.size() > max) {
                return "Number of nameservers exceeds the limit of " + max;
            }
            Set<Object> seen = new HashSet<>();
            for (Object ns : list) {
                String error = IP_ADDRESS.validate(ns);
                if (error != null) {
                    return "'" + ns + "' is not a valid nameserver. " + error;
                }
                if (!seen.add(IpAddress.parse((String) ns))) {
                    return "Duplicate nameserver '" + ns + "'";
                }
            }
            return null;
        };
    }

    /** {@code host_routes}: a list of {@code {"destination": cidr, "nexthop": ip}}. */
    public static Validator hostRoutes(int max) {
        return value -> {
            if (!(value instanceof List<?> list)) {
                return "Invalid data format for hostroute: '" + value + "'";
            }
            if (list.size() > max) {
                return "Number of host routes exceeds the limit of " + max;
            }
            Set<Object> seen = new HashSet<>();
            for (Object route : list) {
                String error = exactKeys(route, "hostroute", Set.of("destination", "nexthop"), Set.of("destination", "nexthop"));
                if (error != null) {
                    return error;
                }
                Map<?, ?> map = (Map<?, ?>) route;
                String e = ROUTE_CIDR.validate(map.get("destination"));
                if (e == null) {
                    e = IP_ADDRESS.validate(map.get("nexthop"));
                }
                if (e != null) {
                    return e;
                }
                if (!seen.add(List.of(Cidr.parse((String) map.get("destination")), IpAddress.parse((String) map.get("nexthop"))))) {
                    return "Duplicate hostroute '" + route + "'";
                }
            }
            return null;
        };
    }

    /** {@code allocation_pools}: a list of {@code {"start": ip, "end": ip}}. */
    public static final Validator IP_POOLS = value -> {
        if (!(value instanceof List<?> list)) {
            return "Invalid data format for IP pool: '" + value + "'";
        }
        for (Object pool : list) {
            String error = exactKeys(pool, "IP allocation", Set.of("start", "end"), Set.of("start", "end"));
            if (error != null) {
                return error;
            }
            Map<?, ?> map = (Map<?, ?>) pool;
            for (String key : List.of("start", "end")) {
                String e = IP_ADDRESS.validate(map.get(key));
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    };

    /** {@code fixed_ips}: a list of dicts with {@code subnet_id} and/or {@code ip_address}. */
    public static final Validator FIXED_IPS = value -> {
        if (!(value instanceof List<?> list)) {
            return "Invalid data format for fixed IP: '" + value + "'";
        }
        Set<Object> ips = new HashSet<>();
        for (Object fixedIp : list) {
            String error = exactKeys(fixedIp, "fixed IP", Set.of("subnet_id", "ip_address"), Set.of());
            if (error != null) {
                return error;
            }
            Map<?, ?> map = (Map<?, ?>) fixedIp;
            if (map.isEmpty()) {
                return "Invalid data format for fixed IP: '" + fixedIp + "'";
            }
            if (map.containsKey("ip_address")) {
                String e = IP_ADDRESS.validate(map.get("ip_address"));
                if (e != null) {
                    return e;
                }
                if (!ips.add(IpAddress.parse((String) map.get("ip_address")))) {
                    return "Duplicate IP address '" + map.get("ip_address") + "'";
                }
            }
            if (map.containsKey("subnet_id") && !isUuid(map.get("subnet_id"))) {
                return "'" + map.get("subnet_id") + "' is not a valid UUID";
            }
        }
        return null;
    };

    /**
     * {@code segments} of multi-provider: a non-empty list of objects with
     * {@code provider:network_type} and optional {@code provider:physical_network},
     * {@code provider:segmentation_id} (an integer).
     */
    public static final Validator SEGMENTS = value -> {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return "'" + value + "' is not a non-empty list of segments";
        }
        Set<Object> seen = new HashSet<>();
        for (Object segment : list) {
            String error = exactKeys(segment, "segment", Set.of("provider:network_type", "provider:physical_network",
                    "provider:segmentation_id"), Set.of("provider:network_type"));
            if (error != null) {
                return error;
            }
            Map<?, ?> map = (Map<?, ?>) segment;
            if (!(map.get("provider:network_type") instanceof String)
                    || map.get("provider:physical_network") != null && !(map.get("provider:physical_network") instanceof String)
                    || map.get("provider:segmentation_id") != null && !(map.get("provider:segmentation_id") instanceof Integer)) {
                return "Invalid data format for segment: '" + segment + "'";
            }
            if (!seen.add(map)) {
                return "Duplicate segment entry in request.";
            }
        }
        return null;
    };

    /** A JSON object or {@code {}}; {@code null} is refused. */
    public static final Validator DICT_OR_EMPTY = value -> value instanceof Map<?, ?> ? null : "'" + value + "' is not a dictionary";

    /** A JSON object whose JSON text is at most {@code maxLength} characters (it is stored as text). */
    public static Validator dictOfJsonLength(int maxLength) {
        return value -> {
            String error = DICT_OR_EMPTY.validate(value);
            if (error != null) {
                return error;
            }
            try {
                return JSON.writeValueAsString(value).length() > maxLength
                        ? "the dictionary is longer than " + maxLength + " characters as JSON" : null;
            } catch (JsonProcessingException e) {
                return "'" + value + "' is not a dictionary";
            }
        };
    }

    /**
     * One tag: a string of 1 to {@code maxLength} characters without a comma (a comma separates
     * the tags of a {@code tags=a,b} filter, so such a tag could never be found).
     */
    public static Validator tag(int maxLength) {
        Validator string = string(maxLength);
        return value -> {
            String error = string.validate(value);
            if (error != null) {
                return error;
            }
            String s = (String) value;
            return s.isEmpty() || s.contains(",") ? "'" + s + "' is not a valid tag (1 to " + maxLength
                    + " characters, no comma)" : null;
        };
    }

    /** The tags of a resource: a list of at most {@code maxTags} unique {@link #tag}s. */
    public static Validator tags(int maxTags, int maxLength) {
        Validator tag = tag(maxLength);
        return value -> {
            if (!(value instanceof List<?> list)) {
                return "'" + value + "' is not a list";
            }
            Set<Object> seen = new HashSet<>();
            for (Object item : list) {
                String e = tag.validate(item);
                if (e != null) {
                    return e;
                }
                if (!seen.add(item)) {
                    return "Duplicate items in the list: '" + item + "'";
                }
            }
            return list.size() > maxTags ? tooManyTags(maxTags) : null;
        };
    }

    /** The error for more than {@code maxTags} tags on one resource. */
    public static String tooManyTags(int maxTags) {
        return "Number of tags exceeds the limit of " + maxTags + " per resource";
    }

    private static String exactKeys(Object item, String what, Set<String> allowed, Set<String> required) {
        if (!(item instanceof Map<?, ?> map)) {
            return "Invalid data format for " + what + ": '" + item + "'";
        }
        for (Object key : map.keySet()) {
            if (!allowed.contains(key)) {
                return "Unrecognized attribute(s) '" + key + "'";
            }
        }
        for (String key : required) {
            if (!map.containsKey(key)) {
                return "Invalid data format for " + what + ": '" + item + "'";
            }
        }
        return null;
    }
}
