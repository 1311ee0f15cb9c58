package org.neutrino.functional.l2;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.Executor;
import org.neutrino.linux.RunningProcess;

/** Runs commands with a real executor and keeps the list of what ran, to count the changes a pass made. */
final class ObservedExecutor implements Executor {
    private final Executor real;
    private final List<Command> commands = new CopyOnWriteArrayList<>();

    ObservedExecutor(Executor real) {
        this.real = real;
    }

    @Override
    public CommandResult execute(Command command) {
        commands.add(command);
        return real.execute(command);
    }

    @Override
    public RunningProcess start(Command command) {
        commands.add(command);
        return real.start(command);
    }

    @Override
    public long spawnCount() {
        return real.spawnCount();
    }

    int size() {
        return commands.size();
    }

    /** The commands since position {@code from} that may change the host (anything but a JSON read or the monitor). */
    List<String> mutatingSince(int from) {
        return commands.subList(from, commands.size()).stream()
                .filter(c -> !c.argv().contains("-j") && !c.argv().contains("monitor"))
                .map(c -> c.commandLine() + c.stdin().map(s -> " <<< " + s.strip().replace('\n', ';')).orElse(""))
                .toList();
    }
}
