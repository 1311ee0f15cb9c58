package org.neutrino.agent.l2;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the agent's loop has to do next, marked by notifications and link events from any
 * thread and taken by the loop in one go, so a burst of events becomes one pass (Neutron's
 * {@code updated_devices}, {@code fullsync} and friends). Marks wake the loop; retries wait
 * for the next pass.
 */
final class PendingWork {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition marked = lock.newCondition();
    private boolean wake;
    private boolean linksChanged;
    private boolean fullSync;
    private Set<String> devices = new LinkedHashSet<>();
    private Set<String> updatedNetworks = new LinkedHashSet<>();
    private Set<String> deletedNetworks = new LinkedHashSet<>();
    private Set<String> fdbNetworks = new LinkedHashSet<>();
    private Set<String> securityGroups = new LinkedHashSet<>();

    /**
     * One pass's share of the work.
     *
     * @param fullSync        ask the server about every device and re-pull every FDB
     * @param scan            the host's links must be read: a link appeared or went, or this is
     *                        the periodic scan
     * @param devices         taps to ask the server about again
     * @param updatedNetworks networks whose taps to ask about again
     * @param deletedNetworks networks whose bridge to remove
     * @param fdbNetworks     networks whose l2population entries to re-pull
     * @param securityGroups  security groups whose rules or members changed
     */
    record Batch(boolean fullSync, boolean scan, Set<String> devices, Set<String> updatedNetworks, Set<String> deletedNetworks,
                 Set<String> fdbNetworks, Set<String> securityGroups) {
        Batch {
            devices = Set.copyOf(devices);
            updatedNetworks = Set.copyOf(updatedNetworks);
            deletedNetworks = Set.copyOf(deletedNetworks);
            fdbNetworks = Set.copyOf(fdbNetworks);
            securityGroups = Set.copyOf(securityGroups);
        }

        /**
         * Whether only l2population entries or security groups changed: the pass need not look
         * at the host's links.
         */
        boolean linksUntouched() {
            return !fullSync && !scan && devices.isEmpty() && updatedNetworks.isEmpty() && deletedNetworks.isEmpty();
        }
    }

    void fullSync() {
        update(() -> fullSync = true, true);
    }

    /** Something changed on the host (a link appeared or went): a pass should look. */
    void linksChanged() {
        update(() -> linksChanged = true, true);
    }

    void device(String tap) {
        update(() -> devices.add(tap), true);
    }

    void networkUpdated(String networkId) {
        update(() -> updatedNetworks.add(networkId), true);
    }

    void networkDeleted(String networkId) {
        update(() -> deletedNetworks.add(networkId), true);
    }

    void fdbChanged(Collection<String> networkIds) {
        update(() -> fdbNetworks.addAll(networkIds), true);
    }

    void securityGroupsChanged(Collection<String> groupIds) {
        update(() -> securityGroups.addAll(groupIds), true);
    }

    /** Asks about {@code taps} again at the next pass, without waking the loop now. */
    void retryLater(Collection<String> taps) {
        update(() -> devices.addAll(taps), false);
    }

    /** A full sync at the next pass, without waking the loop now. */
    void fullSyncLater() {
        update(() -> fullSync = true, false);
    }

    /**
     * Waits until something wakes the loop or {@code timeout} passes (a polling pass), then
     * takes everything marked.
     */
    Batch take(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.NANOSECONDS.convert(timeout);
            while (!wake && nanos > 0) {
                nanos = marked.awaitNanos(nanos);
            }
            Batch batch = new Batch(fullSync, linksChanged || !wake, devices, updatedNetworks, deletedNetworks, fdbNetworks,
                    securityGroups);
            wake = false;
            linksChanged = false;
            fullSync = false;
            devices = new LinkedHashSet<>();
            updatedNetworks = new LinkedHashSet<>();
            deletedNetworks = new LinkedHashSet<>();
            fdbNetworks = new LinkedHashSet<>();
            securityGroups = new LinkedHashSet<>();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void update(Runnable change, boolean wakeNow) {
        lock.lock();
        try {
            change.run();
            if (wakeNow) {
                wake = true;
                marked.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
