package org.neutrino.linux;

/** What a finished process gave back. */
public record CommandResult(int exitCode, String stdout, String stderr) {
    public CommandResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    /** A result with exit code 0 and this stdout, e.g. a scripted answer in a test. */
    public static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "");
    }
}
