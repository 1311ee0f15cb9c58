package org.neutrino.rpc;

/** No reply came to a call within its timeout (oslo.messaging's {@code MessagingTimeout}). */
public class RpcTimeoutException extends RpcException {

    public RpcTimeoutException(String message) {
        super(message);
    }
}
