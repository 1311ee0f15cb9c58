package org.neutrino.rpc.internal;

/** Bytes received from the bus that are not a message of the wire format. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }
}
