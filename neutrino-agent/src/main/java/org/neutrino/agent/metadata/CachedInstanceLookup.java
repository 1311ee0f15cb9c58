package org.neutrino.agent.metadata;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.neutrino.rpc.agent.MetadataLookup;

/**
 * Remembers the instances found for {@link #TTL} (Neutron's default {@code cache_url} TTL), so that
 * the dozens of requests cloud-init makes at boot cost one question to the server. Only answers
 * are remembered: an address no port holds yet is asked again at the next request. At most
 * {@link #MAX_ENTRIES} are kept; a full cache is emptied.
 */
final class CachedInstanceLookup implements InstanceLookup {
    static final Duration TTL = Duration.ofSeconds(5);
    static final int MAX_ENTRIES = 4096;

    private record Entry(MetadataLookup.Instance instance, long expires) {
    }

    private final InstanceLookup server;
    private final LongSupplier nanoClock;
    private final Map<MetadataLookup, Entry> entries = new ConcurrentHashMap<>();

    CachedInstanceLookup(InstanceLookup server, LongSupplier nanoClock) {
        this.server = server;
        this.nanoClock = nanoClock;
    }

    @Override
    public Optional<MetadataLookup.Instance> find(MetadataLookup lookup) {
        long now = nanoClock.getAsLong();
        Entry cached = entries.get(lookup);
        if (cached != null && cached.expires() - now > 0) {
            return Optional.of(cached.instance());
        }
        Optional<MetadataLookup.Instance> found = server.find(lookup);
        if (found.isEmpty()) {
            entries.remove(lookup);
            return found;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(lookup, new Entry(found.get(), now + TTL.toNanos()));
        return found;
    }
}
