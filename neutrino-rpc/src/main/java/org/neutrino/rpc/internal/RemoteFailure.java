package org.neutrino.rpc.internal;

import java.util.Objects;
import org.neutrino.lib.exceptions.NeutronException;
import org.neutrino.rpc.RemoteErrorException;

/**
 * The exception a handler threw, as oslo.messaging serializes it in a reply's {@code failure}.
 *
 * @param type    the exception's type name ({@code class} on the wire)
 * @param module  where the type comes from ({@code module} on the wire)
 * @param message the exception's message
 */
public record RemoteFailure(String type, String module, String message) {

    /** The module name oslo.messaging peers know Neutron's exceptions under. */
    static final String NEUTRON_EXCEPTIONS_MODULE = "neutron_lib.exceptions";

    public RemoteFailure {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(module, "module");
        message = Objects.requireNonNullElse(message, "");
    }

    /** The failure describing {@code error}. */
    public static RemoteFailure of(Throwable error) {
        if (error instanceof NeutronException neutron) {
            return new RemoteFailure(neutron.type(), NEUTRON_EXCEPTIONS_MODULE, neutron.getMessage());
        }
        return new RemoteFailure(error.getClass().getSimpleName(), error.getClass().getPackageName(),
                error.getMessage());
    }

    /** The exception the caller gets. */
    public RemoteErrorException toException() {
        return new RemoteErrorException(type, message);
    }
}
