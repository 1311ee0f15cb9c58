package org.neutrino.rpc;

/** A live subscription of a handler to a target; closing it stops the deliveries. */
public interface Subscription extends AutoCloseable {

    /** The target this subscription serves. */
    Target target();

    /**
     * Stops delivering messages to the handler. Handlers already running finish; messages
     * received but not yet handled (see {@link Dispatch#ORDERED}) are dropped. Closing twice
     * does nothing.
     */
    @Override
    void close();
}
