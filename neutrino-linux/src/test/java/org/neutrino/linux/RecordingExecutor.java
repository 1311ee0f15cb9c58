package org.neutrino.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link Executor} that records every command and answers with scripted results, chosen by
 * the longest matching command-line prefix (the latest wins a tie); a command nobody scripted
 * succeeds with no output.
 * Started processes are {@link ScriptedProcess}es whose stdout the test writes. Public so that
 * the agents' unit tests (l2, dhcp, l3 packages of this module) can use it.
 */
public final class RecordingExecutor implements Executor {
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final List<ScriptedProcess> started = new CopyOnWriteArrayList<>();
    private final AtomicLong pids = new AtomicLong(40000);

    private record Answer(String prefix, CommandResult result) {
    }

    /** Answers every command whose line starts with {@code commandLinePrefix} with {@code result}. */
    public RecordingExecutor answer(String commandLinePrefix, CommandResult result) {
        answers.add(new Answer(commandLinePrefix, result));
        return this;
    }

    public List<Command> commands() {
        return List.copyOf(commands);
    }

    public List<String> commandLines() {
        return commands.stream().map(Command::commandLine).toList();
    }

    public List<ScriptedProcess> started() {
        return List.copyOf(started);
    }

    @Override
    public CommandResult execute(Command command) {
        commands.add(command);
        String line = command.commandLine();
        Answer best = null;
        for (Answer a : answers) {
            if (line.startsWith(a.prefix()) && (best == null || a.prefix().length() >= best.prefix().length())) {
                best = a;
            }
        }
        return best == null ? CommandResult.ok("") : best.result();
    }

    @Override
    public RunningProcess start(Command command) {
        commands.add(command);
        ScriptedProcess process = new ScriptedProcess(pids.incrementAndGet());
        started.add(process);
        return process;
    }

    @Override
    public long spawnCount() {
        return commands.size();
    }

    /** A started process whose stdout lines the test writes. */
    public static final class ScriptedProcess implements RunningProcess {
        private final long pid;
        private final PipedOutputStream writer = new PipedOutputStream();
        private final PipedInputStream reader;
        private volatile boolean alive = true;

        ScriptedProcess(long pid) {
            this.pid = pid;
            try {
                this.reader = new PipedInputStream(writer, 1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes one line on the process's stdout. */
        public void print(String line) {
            try {
                writer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The process dies: its stdout ends. */
        public void die() {
            alive = false;
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public InputStream stdout() {
            return reader;
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public void close() {
            if (alive) {
                die();
            }
        }
    }
}
