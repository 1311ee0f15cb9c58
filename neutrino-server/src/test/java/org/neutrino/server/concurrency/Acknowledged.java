package org.neutrino.server.concurrency;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a server acknowledged (answered 2xx) to the writers of a durability test, and the
 * one request each resource may have had in flight when the server died. Each resource is
 * written by one writer only, one request at a time.
 */
final class Acknowledged {
    /** A network or subnet as acknowledged. */
    record Created(String id, String networkId, String cidr, long revision) {
    }

    /** A port as last acknowledged, plus the change that was in flight for it, if any. */
    static final class Port {
        final String id;
        final String networkId;
        final String mac;
        final Set<String> ips;
        volatile long revision;
        volatile String name = "";
        final Set<String> tags = ConcurrentHashMap.newKeySet();
        volatile String pendingName;
        volatile String pendingTag;
        volatile boolean deleted;
        volatile boolean deletePending;

        Port(String id, String networkId, String mac, Set<String> ips, long revision) {
            this.id = id;
            this.networkId = networkId;
            this.mac = mac;
            this.ips = new TreeSet<>(ips);
            this.revision = revision;
        }
    }

    final Map<String, Created> networks = new ConcurrentHashMap<>();
    final Map<String, Created> subnets = new ConcurrentHashMap<>();
    final Map<String, Port> ports = new ConcurrentHashMap<>();
    final AtomicInteger count = new AtomicInteger();
    /** Answers that were neither 2xx nor caused by the kill: each one fails the test. */
    final Set<String> unexpected = ConcurrentHashMap.newKeySet();
}
