package org.neutrino.cli;

/** The API or Keystone cannot be reached or refuses the login (exit status 4). */
public final class ConnectionException extends CliException {
    public ConnectionException(String message) {
        super(message);
    }

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitStatus() {
        return ExitStatus.CONNECTION;
    }
}
