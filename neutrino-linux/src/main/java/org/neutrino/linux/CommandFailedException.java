package org.neutrino.linux;

import java.util.List;

/** A command ended with an exit code its caller did not accept. */
public class CommandFailedException extends RuntimeException {
    private final List<String> argv;
    private final int exitCode;
    private final String stderr;

    public CommandFailedException(List<String> argv, int exitCode, String stderr) {
        super("command failed with exit code " + exitCode + ": " + String.join(" ", argv)
                + (stderr == null || stderr.isBlank() ? "" : ": " + stderr.strip()));
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
        this.stderr = stderr == null ? "" : stderr;
    }

    /** The argv as the caller built it (without the root helper). */
    public List<String> argv() {
        return argv;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }
}
