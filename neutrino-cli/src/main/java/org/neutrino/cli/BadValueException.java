package org.neutrino.cli;

/** An option or argument value that cannot be understood: a usage error (exit status 2). */
public final class BadValueException extends CliException {
    public BadValueException(String message) {
        super(message);
    }

    @Override
    public int exitStatus() {
        return ExitStatus.USAGE;
    }
}
