package org.neutrino.rpc;

/**
 * The bus cannot send now: the broker is unreachable (and did not come back within the bus's
 * bounded wait), or the bus is closed. Nothing was sent.
 */
public class BusUnavailableException extends RpcException {

    public BusUnavailableException(String message) {
        super(message);
    }

    public BusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
