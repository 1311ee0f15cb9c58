package org.neutrino.rpc;

import java.util.Objects;

/**
 * The remote handler of a call threw: oslo.messaging's {@code RemoteError}. Carries the remote
 * exception's type (Neutron's type name such as {@code NetworkNotFound} for a
 * {@link org.neutrino.lib.exceptions.NeutronException}, else the exception's class name) and its
 * message.
 */
public class RemoteErrorException extends RpcException {
    private final String exceptionType;
    private final String remoteMessage;

    public RemoteErrorException(String exceptionType, String remoteMessage) {
        super("Remote error: " + exceptionType + " " + remoteMessage);
        this.exceptionType = Objects.requireNonNull(exceptionType, "exceptionType");
        this.remoteMessage = Objects.requireNonNullElse(remoteMessage, "");
    }

    /** The type of the exception the remote handler threw, e.g. {@code NetworkNotFound}. */
    public String exceptionType() {
        return exceptionType;
    }

    /** The message of the exception the remote handler threw. */
    public String remoteMessage() {
        return remoteMessage;
    }
}
