package org.neutrino.agent.dhcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Networks waiting to be synchronised, each with the reasons why (Neutron's
 * {@code needs_resync_reasons}). Marking a network already waiting only adds a reason, so a
 * burst of notifications costs one synchronisation. Thread-safe.
 */
final class PendingNetworks {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition marked = lock.newCondition();
    private final Map<String, List<String>> reasons = new LinkedHashMap<>();

    /** Adds {@code networkId} with {@code reason}, waking a waiting {@link #awaitAndTakeAll}. */
    void mark(String networkId, String reason) {
        lock.lock();
        try {
            reasons.computeIfAbsent(networkId, id -> new ArrayList<>()).add(reason);
            marked.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Adds every entry of {@code more}. */
    void markAll(Map<String, List<String>> more) {
        more.forEach((id, why) -> why.forEach(reason -> mark(id, reason)));
    }

    /** Removes and returns everything waiting, in marking order. */
    Map<String, List<String>> takeAll() {
        lock.lock();
        try {
            Map<String, List<String>> taken = new LinkedHashMap<>(reasons);
            reasons.clear();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until something is marked or {@code maxWait} passed, then {@link #takeAll}.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    Map<String, List<String>> awaitAndTakeAll(Duration maxWait) throws InterruptedException {
        lock.lock();
        try {
            long nanos = maxWait.toNanos();
            while (reasons.isEmpty() && nanos > 0) {
                nanos = marked.awaitNanos(nanos);
            }
            return takeAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return reasons.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    boolean contains(String networkId) {
        lock.lock();
        try {
            return reasons.containsKey(networkId);
        } finally {
            lock.unlock();
        }
    }
}
