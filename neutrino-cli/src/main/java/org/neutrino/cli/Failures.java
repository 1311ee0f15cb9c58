package org.neutrino.cli;

import java.io.PrintWriter;
import org.neutrino.linux.CommandFailedException;

/** How a failed command is told: one line on stderr, and its {@link ExitStatus}. */
final class Failures {
    private Failures() {
    }

    /** Prints the line for {@code failure} on {@code err} and returns the exit status; rethrows a bug. */
    static int report(RuntimeException failure, PrintWriter err) {
        int status = ExitStatus.REFUSED;
        String message = switch (failure) {
            case CliException e -> {
                status = e.exitStatus();
                yield e.describe();
            }
            case CommandFailedException e -> "Error: " + e.getMessage();
            case IllegalArgumentException e -> "Error: " + e.getMessage();
            default -> throw failure;
        };
        err.println(message);
        err.flush();
        return status;
    }
}
