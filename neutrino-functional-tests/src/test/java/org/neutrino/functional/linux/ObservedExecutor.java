package org.neutrino.functional.linux;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.Executor;
import org.neutrino.linux.RunningProcess;

/**
 * Runs commands with a real executor and keeps the list of what ran, to tell the changes a pass
 * made from its reads.
 */
public final class ObservedExecutor implements Executor {
    private final Executor real;
    private final List<Command> commands = new CopyOnWriteArrayList<>();

    public ObservedExecutor(Executor real) {
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

    /** How many commands ran so far: a position for {@link #mutatingSince}. */
    public int size() {
        return commands.size();
    }

    /**
     * The commands since position {@code from} that may change the host, with their input:
     * anything but a read (a JSON dump, a monitor, the list of namespaces, a sysctl read,
     * {@code iptables-save}).
     */
    public List<String> mutatingSince(int from) {
        return commands.subList(from, commands.size()).stream()
                .filter(c -> !isRead(c))
                .map(c -> c.commandLine() + c.stdin().map(s -> " <<< " + s.strip().replace('\n', ';')).orElse(""))
                .toList();
    }

    private static boolean isRead(Command command) {
        List<String> argv = command.argv();
        String line = command.commandLine();
        return argv.contains("-j") || argv.contains("monitor") || argv.contains("iptables-save")
                || line.endsWith("netns list") || line.contains("sysctl -n");
    }
}
