package org.neutrino.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server side of a subscription: handles one message.
 *
 * <p>For a call, the returned value is the reply ({@code null} replies JSON {@code null}); an
 * exception thrown here reaches the caller as a {@link RemoteErrorException} carrying the
 * exception's type and message. For a cast the return value is ignored and an exception is
 * only logged.
 */
@FunctionalInterface
public interface RpcHandler {

    /** Handles {@code message}; returns the reply of a call, or null. */
    JsonNode handle(Message message) throws Exception;
}
