package org.neutrino.cli;

/**
 * The API answered with an error status; {@code type} and the message come from Neutron's
 * {@code {"NeutronError": {"type": ..., "message": ...}}} body when there is one.
 */
public final class ApiException extends CliException {
    private final int status;
    private final String type;

    public ApiException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type == null ? "" : type;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** Neutron's error type ({@code PortNotFound}, ...), empty when the body named none. */
    public String type() {
        return type;
    }

    /** {@code Error (404 PortNotFound): Port X could not be found.} */
    @Override
    public String describe() {
        return "Error (" + status + (type.isEmpty() ? "" : " " + type) + "): " + getMessage();
    }
}
