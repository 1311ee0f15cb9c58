package org.neutrino.server.api.auth;

/** Keystone could not be reached, timed out, failed (5xx) or refused the service user. */
public class KeystoneUnavailableException extends RuntimeException {

    public KeystoneUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public KeystoneUnavailableException(String message) {
        super(message);
    }
}
