package org.neutrino.cli;

import java.io.PrintWriter;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.Executor;
import org.neutrino.linux.RunningProcess;

/** An executor that prints each command line ({@code + ip link ...}) before another one runs it: {@code --debug}. */
public final class TracingExecutor implements Executor {
    private final Executor delegate;
    private final PrintWriter trace;

    public TracingExecutor(Executor delegate, PrintWriter trace) {
        this.delegate = delegate;
        this.trace = trace;
    }

    @Override
    public CommandResult execute(Command command) {
        trace.println("+ " + command.commandLine() + command.stdin().map(in -> " <<< " + in.strip().replace("\n", "; "))
                .orElse(""));
        trace.flush();
        CommandResult result = delegate.execute(command);
        if (result.exitCode() != 0) {
            trace.println("  exit " + result.exitCode() + ": " + result.stderr().strip());
            trace.flush();
        }
        return result;
    }

    @Override
    public RunningProcess start(Command command) {
        trace.println("+ (start) " + command.commandLine());
        trace.flush();
        return delegate.start(command);
    }

    @Override
    public long spawnCount() {
        return delegate.spawnCount();
    }
}
