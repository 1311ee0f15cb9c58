package org.neutrino.cli;

/** A name that matches no resource, or several (exit status 3). */
public final class NameException extends CliException {
    public NameException(String message) {
        super(message);
    }

    @Override
    public int exitStatus() {
        return ExitStatus.NAME;
    }
}
