package org.neutrino.cli;

/**
 * A failure the user is told about in one line ({@code Error: <message>}) before the command
 * exits with status 1: the API cannot be reached, a port cannot be plugged, a kernel command
 * failed.
 */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The exit status of the command that failed so ({@link ExitStatus}). */
    public int exitStatus() {
        return ExitStatus.REFUSED;
    }

    /** The line printed for this failure. */
    public String describe() {
        return "Error: " + getMessage();
    }
}
