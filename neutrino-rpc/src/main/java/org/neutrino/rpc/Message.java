package org.neutrino.rpc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One RPC message, oslo.messaging's {@code {"method": ..., "args": {...}}}.
 *
 * <p>{@code args} is a Jackson tree and therefore mutable: do not change it after handing the
 * message to a bus. Buses send a serialized copy, so a receiver never shares it with the sender.
 *
 * @param method the name of the remote method, e.g. {@code port_update}
 * @param args   the named arguments
 */
public record Message(String method, ObjectNode args) {

    public Message {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(args, "args");
        if (method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank");
        }
    }

    /** A message without arguments. */
    public static Message of(String method) {
        return new Message(method, JsonNodeFactory.instance.objectNode());
    }
}
