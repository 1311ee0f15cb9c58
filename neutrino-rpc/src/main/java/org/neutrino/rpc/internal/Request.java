package org.neutrino.rpc.internal;

import java.util.Objects;
import org.neutrino.rpc.Message;

/**
 * A message as it travels: for a call, with the id the reply must carry ({@code _msg_id}) and
 * the queue the reply goes to ({@code _reply_q}); for a cast, with neither.
 *
 * @param message    the method and its arguments
 * @param msgId      the call's id, or null for a cast
 * @param replyQueue the caller's reply queue, or null for a cast
 */
public record Request(Message message, String msgId, String replyQueue) {

    public Request {
        Objects.requireNonNull(message, "message");
        if ((msgId == null) != (replyQueue == null)) {
            throw new IllegalArgumentException("a call needs both msg_id and reply_q, a cast neither");
        }
    }

    /** A one-way message. */
    public static Request cast(Message message) {
        return new Request(message, null, null);
    }

    /** True when the sender waits for a reply. */
    public boolean isCall() {
        return msgId != null;
    }
}
