package org.neutrino.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.neutrino.linux.Executor;

/**
 * What a running command works with, however its command line was parsed (picocli or the fast
 * path): the machine, the API client, where {@code -v} traces go (when given), stdout and stderr.
 */
record CommandContext(CliEnvironment environment, ApiClient api, Optional<PrintWriter> trace, PrintWriter out,
                      PrintWriter err) {
    /** The executor of a host with {@code rootHelper}, tracing each command line when {@code -v} was given. */
    Executor executor(String rootHelper) {
        Executor executor = environment.executors().apply(rootHelper);
        return trace.<Executor>map(lines -> new TracingExecutor(executor, lines)).orElse(executor);
    }
}
