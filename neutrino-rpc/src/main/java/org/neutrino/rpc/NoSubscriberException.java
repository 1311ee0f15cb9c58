package org.neutrino.rpc;

/**
 * A call went to a target that has no queue: nobody has ever subscribed to it (on RabbitMQ, the
 * broker returned the message as unroutable). Raised at once instead of after the call's
 * timeout; typically the server is not up yet, and the caller retries.
 */
public class NoSubscriberException extends RpcException {

    public NoSubscriberException(String message) {
        super(message);
    }
}
