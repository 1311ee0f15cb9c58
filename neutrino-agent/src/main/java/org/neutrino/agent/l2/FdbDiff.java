package org.neutrino.agent.l2;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neutrino.lib.net.IpAddress;
import org.neutrino.lib.net.MacAddress;
import org.neutrino.linux.FdbEntry;
import org.neutrino.rpc.agent.NetworkFdb;

/**
 * What to change in a VXLAN device's forwarding database so that it holds exactly the
 * l2population entries of its network: a flooding entry per remote VTEP and a unicast entry
 * per remote MAC.
 *
 * @param toAdd    entries to add (flooding ones appended, unicast ones replacing the MAC's entry)
 * @param toRemove stale entries; a stale unicast entry of a MAC that moved is not listed, since
 *                 adding its new entry replaces it
 */
record FdbDiff(List<FdbEntry> toAdd, List<FdbEntry> toRemove) {
    FdbDiff {
        toAdd = List.copyOf(toAdd);
        toRemove = List.copyOf(toRemove);
    }

    boolean isEmpty() {
        return toAdd.isEmpty() && toRemove.isEmpty();
    }

    /**
     * The entries {@code device} should hold for {@code fdb}, leaving out this host's own VTEP.
     * A VTEP address or MAC that does not parse strictly is left out (with its entries) and
     * described in {@code skipped}, so that one bad record does not stop the others.
     */
    static Set<FdbEntry> desired(String device, NetworkFdb fdb, Optional<String> localIp, List<String> skipped) {
        Set<FdbEntry> entries = new LinkedHashSet<>();
        if (fdb == null || fdb.vteps() == null) {
            return entries;
        }
        Optional<IpAddress> local = localIp.flatMap(IpAddress::tryParse);
        for (Map.Entry<String, List<NetworkFdb.Entry>> vtep : fdb.vteps().entrySet()) {
            Optional<IpAddress> remote = IpAddress.tryParse(vtep.getKey());
            if (remote.isEmpty()) {
                skipped.add("VTEP '" + vtep.getKey() + "' is not a valid IP address: its " + vtep.getValue().size()
                        + " port(s) are not reachable");
                continue;
            }
            if (remote.equals(local)) {
                continue;
            }
            String dst = remote.get().toString();
            entries.add(FdbEntry.flooding(device, dst));
            for (NetworkFdb.Entry port : vtep.getValue()) {
                if (port.macAddress() == null) {
                    continue;
                }
                MacAddress.normalize(port.macAddress()).ifPresentOrElse(mac -> entries.add(FdbEntry.unicast(mac, device, dst)),
                        () -> skipped.add("MAC '" + port.macAddress() + "' behind VTEP " + dst + " is not a valid MAC address"));
            }
        }
        return entries;
    }

    /** The changes that turn {@code current} (read from the kernel) into {@code desired}. */
    static FdbDiff between(Set<FdbEntry> desired, List<FdbEntry> current) {
        Set<FdbEntry> have = new LinkedHashSet<>(current);
        Set<String> desiredUnicastMacs = new LinkedHashSet<>();
        desired.stream().filter(e -> !e.isFlooding()).forEach(e -> desiredUnicastMacs.add(e.mac()));
        List<FdbEntry> add = new ArrayList<>();
        for (FdbEntry entry : desired) {
            if (!have.contains(entry)) {
                add.add(entry);
            }
        }
        List<FdbEntry> remove = new ArrayList<>();
        for (FdbEntry entry : have) {
            if (!desired.contains(entry) && (entry.isFlooding() || !desiredUnicastMacs.contains(entry.mac()))) {
                remove.add(entry);
            }
        }
        return new FdbDiff(add, remove);
    }
}
