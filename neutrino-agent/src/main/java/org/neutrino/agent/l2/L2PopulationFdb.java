package org.neutrino.agent.l2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.neutrino.agent.common.ServerRpc;
import org.neutrino.lib.DeviceNames;
import org.neutrino.linux.BridgeFdb;
import org.neutrino.linux.FdbEntry;
import org.neutrino.rpc.agent.NetworkFdb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the forwarding database of this host's {@code vxlan-<VNI>} devices equal to the
 * server's l2population entries: remembers what it programmed per network, and re-checks a
 * network (one {@code get_network_fdb} call for all of them, then one {@code bridge fdb show}
 * per device whose entries differ from those it programmed, none for a device made in this
 * pass, and at most two {@code bridge -batch} runs) only when it is new here, its device was
 * re-created, the server says it changed, or on a full resync, which reads every device. An entry
 * whose VTEP address or MAC does not parse is left out, logged when it appears and counted
 * ({@link #skippedCount()}); the network's other entries are programmed.
 */
final class L2PopulationFdb {
    private static final Logger LOG = LoggerFactory.getLogger(L2PopulationFdb.class);

    private final ServerRpc server;
    private final BridgeFdb bridgeFdb;
    private final Optional<String> localIp;
    private final BooleanSupplier closing;
    private final Map<String, Set<FdbEntry>> programmed = new HashMap<>();
    /** The records of each network's answer left out because they do not parse (see {@link FdbDiff#desired}). */
    private final Map<String, List<String>> skipped = new ConcurrentHashMap<>();

    /**
     * @param localIp this host's VTEP, left out of the entries
     * @param closing whether the agent is closing (failures are then not worth a warning)
     */
    L2PopulationFdb(ServerRpc server, BridgeFdb bridgeFdb, Optional<String> localIp, BooleanSupplier closing) {
        this.server = server;
        this.bridgeFdb = bridgeFdb;
        this.localIp = localIp;
        this.closing = closing;
    }

    /** Forgets a network whose VXLAN device is going away. */
    void forget(String networkId) {
        programmed.remove(networkId);
        skipped.remove(networkId);
    }

    /** How many records of the networks' l2population entries are left out because they do not parse. */
    int skippedCount() {
        return skipped.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Programs the networks of {@code inUse} (the VXLAN networks with a wired tap here) that
     * need it, and forgets the others.
     *
     * @param all       re-check every network (full resync)
     * @param changed   networks the server said changed ({@code fdb_changed})
     * @param recreated VXLAN devices made in this pass (a new device has an empty FDB)
     */
    void sync(Map<String, NetworkSegment> inUse, boolean all, Set<String> changed, Set<String> recreated) {
        programmed.keySet().retainAll(inUse.keySet());
        skipped.keySet().retainAll(inUse.keySet());
        Set<String> refresh = new TreeSet<>();
        inUse.forEach((net, segment) -> {
            if (all || changed.contains(net) || !programmed.containsKey(net) || recreated.contains(device(segment))) {
                refresh.add(net);
            }
        });
        if (refresh.isEmpty()) {
            return;
        }
        Map<String, NetworkFdb> fdb = server.networkFdb(refresh);
        for (String net : refresh) {
            String device = device(inUse.get(net));
            List<String> bad = new ArrayList<>();
            Set<FdbEntry> desired = FdbDiff.desired(device, fdb.get(net), localIp, bad);
            if (!bad.equals(skipped.getOrDefault(net, List.of()))) {
                bad.forEach(record -> LOG.warn("FDB of {} (network {}): {}, left out", device, net, record));
            }
            if (bad.isEmpty()) {
                skipped.remove(net);
            } else {
                skipped.put(net, bad);
            }
            if (!all && !recreated.contains(device) && desired.equals(programmed.get(net))) {
                continue;
            }
            try {
                List<FdbEntry> current = recreated.contains(device) ? List.of() : bridgeFdb.entries(device);
                FdbDiff diff = FdbDiff.between(desired, current);
                if (!diff.toAdd().isEmpty()) {
                    bridgeFdb.add(diff.toAdd()).throwIfFailed();
                }
                if (!diff.toRemove().isEmpty()) {
                    bridgeFdb.remove(diff.toRemove()).throwIfFailed();
                }
                programmed.put(net, desired);
                if (!diff.isEmpty()) {
                    LOG.info("FDB of {}: {} entr(ies) added, {} removed", device, diff.toAdd().size(),
                            diff.toRemove().size());
                }
            } catch (RuntimeException e) {
                if (closing.getAsBoolean()) {
                    throw e;
                }
                LOG.warn("FDB of {} not programmed, trying again at the next pass: {}", device, e.toString());
                programmed.remove(net);
            }
        }
    }

    private static String device(NetworkSegment segment) {
        return DeviceNames.vxlan(segment.segmentationId().getAsInt());
    }
}
