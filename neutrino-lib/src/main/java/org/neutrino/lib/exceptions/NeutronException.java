package org.neutrino.lib.exceptions;

/**
 * The one exception type of the API: it carries its HTTP status and Neutron's error type name,
 * and is rendered once as {@code {"NeutronError": {"type", "message", "detail"}}}.
 */
public class NeutronException extends RuntimeException {
    private final int status;
    private final String type;

    public NeutronException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    /** Neutron's type name, e.g. {@code NetworkNotFound}. */
    public String type() {
        return type;
    }

    public static NeutronException badRequest(String type, String message) {
        return new NeutronException(400, type, message);
    }

    public static NeutronException invalidInput(String message) {
        return new NeutronException(400, "InvalidInput", "Invalid input for operation: " + message);
    }

    public static NeutronException notAuthenticated(String message) {
        return new NeutronException(401, "NotAuthenticated", message);
    }

    public static NeutronException forbidden(String message) {
        return new NeutronException(403, "PolicyNotAuthorized", message);
    }

    public static NeutronException notFound(String type, String message) {
        return new NeutronException(404, type, message);
    }

    public static NeutronException conflict(String type, String message) {
        return new NeutronException(409, type, message);
    }

    public static NeutronException preconditionFailed(String message) {
        return new NeutronException(412, "PreconditionFailed", message);
    }

    public static NeutronException serviceUnavailable(String type, String message) {
        return new NeutronException(503, type, message);
    }
}
