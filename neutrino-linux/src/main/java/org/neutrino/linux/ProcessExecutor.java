package org.neutrino.linux;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that spawns processes. Every argv is prefixed by the {@link RootHelper}; a
 * command that runs longer than the timeout is killed and reported as exit code 124 (as
 * {@code timeout(1)} does); a program that cannot be started is reported as exit code 127
 * (as a shell does).
 */
public final class ProcessExecutor implements Executor {
    /** Exit code reported when a command ran past its timeout. */
    public static final int TIMED_OUT = 124;
    /** Exit code reported when a program could not be started. */
    public static final int NOT_STARTED = 127;

    private static final Logger LOG = LoggerFactory.getLogger(ProcessExecutor.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final RootHelper rootHelper;
    private final Duration timeout;
    private final AtomicLong spawns = new AtomicLong();

    public ProcessExecutor(RootHelper rootHelper) {
        this(rootHelper, DEFAULT_TIMEOUT);
    }

    public ProcessExecutor(RootHelper rootHelper, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.rootHelper = rootHelper;
        this.timeout = timeout;
    }

    /** An executor for the {@code [AGENT] root_helper} option's value. */
    public static ProcessExecutor forRootHelper(String rootHelperOption) {
        return new ProcessExecutor(RootHelper.parse(rootHelperOption));
    }

    public RootHelper rootHelper() {
        return rootHelper;
    }

    @Override
    public CommandResult execute(Command command) {
        List<String> argv = rootHelper.wrap(command);
        long started = System.nanoTime();
        Process process;
        try {
            spawns.incrementAndGet();
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            LOG.warn("cannot start {}: {}", String.join(" ", argv), e.getMessage());
            return new CommandResult(NOT_STARTED, "", e.getMessage());
        }
        Thread stdinWriter = feed(process.getOutputStream(), command.stdin().orElse(""));
        Collector stdout = Collector.drain(process.getInputStream());
        Collector stderr = Collector.drain(process.getErrorStream());
        CommandResult result;
        try {
            int exitCode;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exitCode = process.exitValue();
            } else {
                kill(process);
                exitCode = TIMED_OUT;
            }
            stdinWriter.join();
            result = new CommandResult(exitCode, stdout.text(), stderr.text());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", argv), e);
        }
        int exitCode = result.exitCode();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (command.isOk(exitCode)) {
            LOG.debug("ran in {} ms: {}", millis, String.join(" ", argv));
        } else {
            LOG.warn("exit code {} after {} ms: {}: {}", exitCode, millis, String.join(" ", argv),
                    result.stderr().strip());
        }
        return result;
    }

    @Override
    public RunningProcess start(Command command) {
        List<String> argv = rootHelper.wrap(command);
        Process process;
        try {
            spawns.incrementAndGet();
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new CommandFailedException(command.argv(), NOT_STARTED, e.getMessage());
        }
        feed(process.getOutputStream(), command.stdin().orElse(""));
        String name = argv.getLast();
        Thread.ofVirtual().name("stderr-" + process.pid()).start(() -> logLines(process.getErrorStream(), name));
        LOG.debug("started pid {}: {}", process.pid(), String.join(" ", argv));
        return new SpawnedProcess(process);
    }

    @Override
    public long spawnCount() {
        return spawns.get();
    }

    private static Thread feed(OutputStream stdin, String input) {
        return Thread.ofVirtual().start(() -> {
            try (stdin) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.debug("process closed its stdin early: {}", e.getMessage());
            }
        });
    }

    private static void logLines(InputStream stream, String program) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.warn("{}: {}", program, line);
            }
        } catch (IOException e) {
            LOG.debug("stderr of {} closed: {}", program, e.getMessage());
        }
    }

    static void kill(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a stream to its end on a virtual thread. */
    private static final class Collector {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        private Collector(InputStream stream) {
            this.thread = Thread.ofVirtual().start(() -> {
                try (stream) {
                    stream.transferTo(buffer);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        static Collector drain(InputStream stream) {
            return new Collector(stream);
        }

        /**
         * The text read once the stream ends; a daemon that keeps the pipe open after its
         * parent exited gets {@link #KILL_GRACE} before we take what has arrived.
         */
        String text() throws InterruptedException {
            thread.join(KILL_GRACE);
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    private record SpawnedProcess(Process process) implements RunningProcess {
        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            kill(process);
        }
    }
}
