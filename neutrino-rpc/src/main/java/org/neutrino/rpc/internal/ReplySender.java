package org.neutrino.rpc.internal;

/** Sends a serialized reply to a caller's reply queue. */
@FunctionalInterface
public interface ReplySender {

    /** Sends {@code body} to {@code replyQueue}; failures are the sender's to log. */
    void send(String replyQueue, byte[] body);
}
