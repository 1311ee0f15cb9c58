package org.neutrino.server.plugins.ml2;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.lib.net.Cidr;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.server.api.JsonCodec;

/** The allocation pools of a subnet: defaults, validation, and their JSON form. */
final class AllocationPools {
    /** The width of the column that stores a subnet's pools as JSON. */
    static final int MAX_JSON_LENGTH = 8000;

    private AllocationPools() {
    }

    /** A pool, inclusive. */
    record Pool(IpAddress start, IpAddress end) {
        boolean contains(IpAddress ip) {
            return ip.version() == start.version() && ip.compareTo(start) >= 0 && ip.compareTo(end) <= 0;
        }

        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("start", start.toString());
            out.put("end", end.toString());
            return out;
        }

        BigInteger size() {
            return end.value().subtract(start.value()).add(BigInteger.ONE);
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    /** The first and last address usable by ports: no network or broadcast address in IPv4. */
    static Pool usableRange(Cidr cidr) {
        if (cidr.version() == 4 && cidr.prefixLen() <= 30) {
            return new Pool(cidr.network().plus(1), cidr.last().plus(-1));
        }
        if (cidr.version() == 6 && cidr.prefixLen() < 128) {
            return new Pool(cidr.network().plus(1), cidr.last());
        }
        return new Pool(cidr.network(), cidr.last());
    }

    /** Neutron's default: the usable range minus the gateway. */
    static List<Pool> defaults(Cidr cidr, IpAddress gateway) {
        Pool usable = usableRange(cidr);
        return without(List.of(usable), gateway);
    }

    private static List<Pool> without(List<Pool> pools, IpAddress ip) {
        if (ip == null) {
            return pools;
        }
        List<Pool> out = new ArrayList<>();
        for (Pool pool : pools) {
            if (!pool.contains(ip)) {
                out.add(pool);
                continue;
            }
            if (pool.start().compareTo(ip) < 0) {
                out.add(new Pool(pool.start(), ip.plus(-1)));
            }
            if (pool.end().compareTo(ip) > 0) {
                out.add(new Pool(ip.plus(1), pool.end()));
            }
        }
        return out;
    }

    /** Parses and checks pools given by the client against the subnet. */
    static List<Pool> parse(List<?> json, Cidr cidr, String subnetLabel) {
        List<Pool> pools = new ArrayList<>();
        for (Object item : json) {
            Map<?, ?> map = (Map<?, ?>) item;
            IpAddress start = IpAddress.parse((String) map.get("start"));
            IpAddress end = IpAddress.parse((String) map.get("end"));
            if (start.version() != cidr.version() || end.version() != cidr.version()) {
                throw NeutronException.badRequest("InvalidInput", "Invalid input for operation: IP allocation pool "
                        + start + "-" + end + " does not match the IP version of the subnet.");
            }
            if (start.compareTo(end) > 0) {
                throw NeutronException.badRequest("InvalidAllocationPool", "The allocation pool " + start + "-" + end + " is not valid.");
            }
            Pool usable = usableRange(cidr);
            if (!usable.contains(start) || !usable.contains(end)) {
                throw NeutronException.badRequest("OutOfBoundsAllocationPool",
                        "The allocation pool " + start + "-" + end + " spans beyond the subnet cidr " + cidr + ".");
            }
            pools.add(new Pool(start, end));
        }
        List<Pool> sorted = new ArrayList<>(pools);
        sorted.sort(Comparator.comparing(Pool::start));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().compareTo(sorted.get(i - 1).end()) <= 0) {
                throw NeutronException.badRequest("OverlappingAllocationPools", "Found overlapping allocation pools: "
                        + sorted.get(i - 1) + " and " + sorted.get(i) + " for subnet " + subnetLabel + ".");
            }
        }
        if (JsonCodec.write(toJson(pools)).length > MAX_JSON_LENGTH) {
            throw NeutronException.invalidInput("Too many allocation pools: they must fit in " + MAX_JSON_LENGTH
                    + " characters of JSON");
        }
        return pools;
    }

    /** 409 when the gateway lies inside a pool. */
    static void checkGateway(List<Pool> pools, IpAddress gateway) {
        if (gateway == null) {
            return;
        }
        for (Pool pool : pools) {
            if (pool.contains(gateway)) {
                throw NeutronException.conflict("GatewayConflictWithAllocationPools",
                        "Gateway ip " + gateway + " conflicts with allocation pool " + pool);
            }
        }
    }

    static List<Map<String, Object>> toJson(List<Pool> pools) {
        return pools.stream().map(Pool::toJson).toList();
    }

    static List<Pool> fromJson(Object json) {
        List<Pool> out = new ArrayList<>();
        for (Object item : (List<?>) json) {
            Map<?, ?> map = (Map<?, ?>) item;
            out.add(new Pool(IpAddress.parse((String) map.get("start")), IpAddress.parse((String) map.get("end"))));
        }
        return out;
    }

    static List<Pool> fromJsonText(String text) {
        try {
            return fromJson(org.neutrino.server.api.JsonCodec.mapper().readValue(text, List.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt allocation_pools column", e);
        }
    }

    static boolean inAny(List<Pool> pools, IpAddress ip) {
        return pools.stream().anyMatch(p -> p.contains(ip));
    }
}
