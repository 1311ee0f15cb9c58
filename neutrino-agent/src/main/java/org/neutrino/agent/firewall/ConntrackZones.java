package org.neutrino.agent.firewall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conntrack zone of each network on a host, as Neutron's {@code IpConntrackManager}: every
 * network's bridged traffic is tracked in a zone of its own, so that two projects using the same
 * addresses never share a connection. Zones are keyed by the network's bridge device and are
 * 1 to {@link #MAX_ZONE} (zone 0 is the host's default); a new network gets the lowest free one.
 * The zones live in the raw table's rules only, so an agent that starts again recovers them from
 * there ({@link #recover}) and keeps every network in the zone its connections are tracked in.
 * A zone whose network left stays out of use until its old connections are deleted
 * ({@link #drained}), so a new network never inherits them.
 *
 * <p>Not thread-safe: the firewall driver's one thread uses it.
 */
final class ConntrackZones {
    /** Zones are 16 bits; 0 is the default zone every untagged packet is tracked in. */
    static final int MAX_ZONE = 65535;

    private final int maxZone;
    private final Map<String, Integer> zones = new TreeMap<>();
    /** Zones no network has any more whose connections may still be in the kernel. */
    private final Set<Integer> draining = new TreeSet<>();

    ConntrackZones() {
        this(MAX_ZONE);
    }

    /** With fewer zones than the kernel has, to test exhaustion. */
    ConntrackZones(int maxZone) {
        this.maxZone = maxZone;
    }

    /**
     * Takes the zones from the rules {@code -A <chain> -i <bridge> -j CT --zone <n>} of
     * {@code rawTable} ({@code iptables-save} text), in place of what this object knew.
     */
    void recover(String rawTable, String chain) {
        zones.clear();
        Pattern rule = Pattern.compile("^-A " + Pattern.quote(chain) + " -i (\\S+) -j CT --zone (\\d+)$", Pattern.MULTILINE);
        Matcher m = rule.matcher(rawTable);
        while (m.find()) {
            int zone = Integer.parseInt(m.group(2));
            if (zone >= 1 && zone <= maxZone && !zones.containsValue(zone) && !draining.contains(zone)) {
                zones.put(m.group(1), zone);
            }
        }
    }

    /**
     * Gives each of {@code bridges} a zone (keeping the one it has) and frees the zones of the
     * bridges not named. A freed zone is given to no bridge until {@link #drained}.
     *
     * @return the outcome: the zone of every bridge that has one, the freed zones whose
     *         connections are still to be deleted, and the bridges left without a zone because
     *         all are taken
     */
    Assignment assign(Collection<String> bridges) {
        Set<String> wanted = new TreeSet<>(bridges);
        Set<Integer> taken = new TreeSet<>(zones.values());
        taken.addAll(draining);
        List<String> exhausted = new ArrayList<>();
        int next = 1;
        for (String bridge : wanted) {
            if (zones.containsKey(bridge)) {
                continue;
            }
            while (next <= maxZone && taken.contains(next)) {
                next++;
            }
            if (next > maxZone) {
                exhausted.add(bridge);
                continue;
            }
            zones.put(bridge, next);
            taken.add(next);
        }
        zones.entrySet().removeIf(e -> !wanted.contains(e.getKey()) && draining.add(e.getValue()));
        return new Assignment(Map.copyOf(zones), List.copyOf(draining), List.copyOf(exhausted));
    }

    /** The connections of freed {@code zone} are deleted: it may be given to a network again. */
    void drained(int zone) {
        draining.remove(zone);
    }

    /**
     * @param zones     bridge → zone, for every bridge that has one
     * @param freed     the zones no bridge uses any more whose connections are still to be deleted
     * @param exhausted the bridges that wanted a zone and got none: every zone is taken
     */
    record Assignment(Map<String, Integer> zones, List<Integer> freed, List<String> exhausted) {
    }
}
