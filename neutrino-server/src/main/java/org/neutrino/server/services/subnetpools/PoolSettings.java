package org.neutrino.server.services.subnetpools;

import java.util.List;
import java.util.Map;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;

/**
 * The checked settings of a subnet pool, read as Neutron's {@code SubnetPoolReader} reads a create
 * request or an updated pool: the IP version comes from the prefixes, which are compacted; the
 * prefix length bounds default to /8 (IPv4) or /64 (IPv6) for the minimum, the address length for
 * the maximum and the minimum for the default, and must be ordered.
 *
 * @param ipVersion        4 or 6
 * @param prefixes         the pool's addresses
 * @param minPrefixlen     the shortest prefix a subnet may have
 * @param maxPrefixlen     the longest prefix a subnet may have
 * @param defaultPrefixlen the prefix length of a subnet that asks for none
 */
record PoolSettings(int ipVersion, PrefixSet prefixes, int minPrefixlen, int maxPrefixlen, int defaultPrefixlen) {

    /** Reads and checks {@code pool}'s {@code prefixes} and prefix lengths (absent lengths take their defaults). */
    static PoolSettings read(Map<String, Object> pool) {
        List<?> texts = (List<?>) pool.get("prefixes");
        if (texts == null || texts.isEmpty()) {
            throw NeutronException.badRequest("EmptySubnetPoolPrefixList", "Empty subnet pool prefix list.");
        }
        List<Cidr> cidrs = texts.stream().map(t -> Cidr.parse(String.valueOf(t))).toList();
        int version = cidrs.get(0).version();
        if (cidrs.stream().anyMatch(c -> c.version() != version)) {
            throw NeutronException.badRequest("PrefixVersionMismatch", "Cannot mix IPv4 and IPv6 prefixes in a subnet pool.");
        }
        int bits = version == 4 ? 32 : 128;
        int min = length(pool, "min_prefixlen", version == 4 ? 8 : 64);
        int max = length(pool, "max_prefixlen", bits);
        int defaultLength = length(pool, "default_prefixlen", min);
        if (min > max) {
            throw bounds("min_prefixlen", min, "max_prefixlen", max);
        }
        if (max > bits) {
            throw bounds("max_prefixlen", max, "ip_version_max", bits);
        }
        if (defaultLength < min) {
            throw bounds("default_prefixlen", defaultLength, "min_prefixlen", min);
        }
        if (defaultLength > max) {
            throw bounds("default_prefixlen", defaultLength, "max_prefixlen", max);
        }
        return new PoolSettings(version, PrefixSet.of(version, cidrs), min, max, defaultLength);
    }

    private static int length(Map<String, Object> pool, String name, int absent) {
        Object value = pool.get(name);
        return value == null ? absent : ((Number) value).intValue();
    }

    private static NeutronException bounds(String type, int length, String baseType, int baseLength) {
        return NeutronException.badRequest("IllegalSubnetPoolPrefixBounds", "Illegal prefix bounds: " + type + "=" + length + ", "
                + baseType + "=" + baseLength + ".");
    }

    /** The address length quotas count in: /32 for IPv4, /64 for IPv6. */
    int quotaUnit() {
        return ipVersion == 4 ? 32 : 64;
    }
}
