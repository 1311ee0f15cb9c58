package org.neutrino.server.callbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neutron's callback registry ({@code neutron_lib.callbacks.registry}): plugins subscribe to the
 * events of resources they depend on, so that a rule lives with the plugin that owns it ("a subnet
 * with a router interface cannot be deleted" is the router plugin's, not the subnet's). Callbacks
 * of one event run in subscription order; the first one that refuses (throws) stops a
 * {@code BEFORE_*}/{@code PRECOMMIT_*} event and its exception reaches the caller. Thread-safe;
 * subscriptions are made while the server is built.
 */
public final class CallbackRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackRegistry.class);

    private final Map<String, List<Callback>> callbacks = new ConcurrentHashMap<>();

    /** Calls {@code callback} for every {@code event} of {@code resource}. */
    public void subscribe(String resource, Event event, Callback callback) {
        callbacks.computeIfAbsent(key(resource, event), k -> new CopyOnWriteArrayList<>()).add(callback);
    }

    /** Tells the subscribers; see the class comment for what happens when one throws. */
    public void publish(ResourceEvent event) {
        List<Callback> subscribers = callbacks.getOrDefault(key(event.resource(), event.event()), List.of());
        for (Callback callback : new ArrayList<>(subscribers)) {
            if (event.event().canRefuse()) {
                callback.handle(event);
                continue;
            }
            try {
                callback.handle(event);
            } catch (RuntimeException e) {
                LOG.error("{} callback for {} {} failed; the change stands", event.event(), event.resource(),
                        event.resourceId(), e);
            }
        }
    }

    /** Whether anyone listens to this event (lets publishers skip building a payload). */
    public boolean hasSubscribers(String resource, Event event) {
        return !callbacks.getOrDefault(key(resource, event), List.of()).isEmpty();
    }

    private static String key(String resource, Event event) {
        return resource + "/" + event;
    }
}
