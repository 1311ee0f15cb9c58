package org.neutrino.rpc;

/** How a subscription hands its messages to its handler. Every handler runs on a virtual thread. */
public enum Dispatch {
    /**
     * Each message is handled on its own virtual thread, as soon as it arrives: several messages
     * of one subscription may be handled at the same time, in any order. The handler must be
     * thread-safe. This is the default, and what RPC servers such as {@code q-plugin} want.
     */
    CONCURRENT,
    /**
     * Messages are handled one at a time, in the order the subscription received them. A slow
     * handler delays the next message of the same subscription (not of other subscriptions).
     */
    ORDERED
}
