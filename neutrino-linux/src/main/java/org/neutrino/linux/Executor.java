package org.neutrino.linux;

/**
 * The one seam between the agents and the operating system: every process the Linux layer
 * runs goes through an Executor, which adds the root helper (e.g. {@code ip netns exec host1}).
 */
public interface Executor {
    /** Runs {@code command} to its end and returns what it gave, whatever the exit code. */
    CommandResult execute(Command command);

    /** Starts a long-lived process; its stderr goes to the log. */
    RunningProcess start(Command command);

    /** How many processes this executor has spawned so far (a cost metric for benchmarks). */
    long spawnCount();

    /**
     * Runs {@code command} and returns its result when the exit code is 0 or one of
     * {@link Command#okExitCodes()}; otherwise throws.
     *
     * @throws CommandFailedException with the argv, exit code and stderr
     */
    default CommandResult check(Command command) {
        CommandResult result = execute(command);
        if (!command.isOk(result.exitCode())) {
            throw new CommandFailedException(command.argv(), result.exitCode(), result.stderr());
        }
        return result;
    }

    /** {@link #check(Command)} of a plain argv. */
    default CommandResult check(String... argv) {
        return check(Command.of(argv));
    }
}
