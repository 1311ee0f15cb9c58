package org.neutrino.agent.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Resources (networks of the DHCP agent, routers of the L3 agent) waiting to be synchronised,
 * each with the reasons why (Neutron's {@code needs_resync_reasons}). Marking a resource already
 * waiting only adds a reason, so a burst of notifications costs one synchronisation. Thread-safe.
 */
public final class PendingResyncs {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition marked = lock.newCondition();
    private final Map<String, List<String>> reasons = new LinkedHashMap<>();

    /** Adds {@code id} with {@code reason}, waking a waiting {@link #awaitAndTakeAll}. */
    public void mark(String id, String reason) {
        lock.lock();
        try {
            reasons.computeIfAbsent(id, key -> new ArrayList<>()).add(reason);
            marked.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Adds every entry of {@code more}. */
    public void markAll(Map<String, List<String>> more) {
        more.forEach((id, why) -> why.forEach(reason -> mark(id, reason)));
    }

    /** Removes and returns everything waiting, in marking order. */
    public Map<String, List<String>> takeAll() {
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
    public Map<String, List<String>> awaitAndTakeAll(Duration maxWait) throws InterruptedException {
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

    public boolean isEmpty() {
        lock.lock();
        try {
            return reasons.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    public boolean contains(String id) {
        lock.lock();
        try {
            return reasons.containsKey(id);
        } finally {
            lock.unlock();
        }
    }
}
