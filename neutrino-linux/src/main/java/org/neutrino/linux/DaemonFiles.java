package org.neutrino.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The files of a daemon an agent runs in a namespace (radvd, haproxy): its configuration and pid
 * file in a directory of the agent's state. The daemon is always addressed by the pid in its pid
 * file, checked against {@code /proc/<pid>/cmdline} (its program and its configuration file), so
 * that a recycled pid is never signalled and a restarted agent adopts the daemon it left running.
 */
final class DaemonFiles {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Executor executor;
    private final String program;
    private final Path configFile;
    private final Path pidFile;

    DaemonFiles(Executor executor, String program, Path configFile, Path pidFile) {
        this.executor = executor;
        this.program = program;
        this.configFile = configFile;
        this.pidFile = pidFile;
    }

    Path configFile() {
        return configFile;
    }

    Path pidFile() {
        return pidFile;
    }

    /** Writes {@code config} unless the file already holds it; returns whether it changed. */
    boolean writeConfig(String config) {
        try {
            if (config.equals(Files.readString(configFile, StandardCharsets.UTF_8))) {
                return false;
            }
        } catch (IOException e) {
            // absent or unreadable: written below
        }
        try {
            Files.createDirectories(configFile.getParent());
            AtomicFiles.write(configFile, config);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile, e);
        }
    }

    /** The pid of the running daemon, from its pid file, checked in {@code /proc}. */
    OptionalLong runningPid() {
        Optional<Long> pid = PidFiles.read(pidFile);
        if (pid.isEmpty()) {
            return OptionalLong.empty();
        }
        List<String> cmdline = PidFiles.commandLineOf(pid.get());
        boolean ours = !cmdline.isEmpty() && cmdline.getFirst().endsWith(program)
                && cmdline.contains(configFile.toString()) && PidFiles.isAlive(pid.get());
        return ours ? OptionalLong.of(pid.get()) : OptionalLong.empty();
    }

    /** Removes a pid file left by a daemon that is gone, before a start. */
    void forgetPid() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the daemon just started has written a live pid. */
    void awaitStarted(String what) {
        if (!PidFiles.waitUntil(() -> runningPid().isPresent(), WAIT)) {
            throw new IllegalStateException(what + " did not start (no live pid in " + pidFile + ")");
        }
    }

    /** Sends SIGHUP to the running daemon (it re-reads its configuration). */
    void reload(long pid) {
        executor.check(Command.of("kill", "-HUP", Long.toString(pid)).allowingExitCodes(1));
    }

    /** Stops the daemon (SIGTERM, SIGKILL after 5 s) and removes its files; nothing when it does not run. */
    void stop() {
        OptionalLong pid = runningPid();
        if (pid.isPresent()) {
            long p = pid.getAsLong();
            executor.check(Command.of("kill", "-TERM", Long.toString(p)).allowingExitCodes(1));
            if (!PidFiles.waitUntil(() -> !PidFiles.isAlive(p), WAIT)) {
                executor.check(Command.of("kill", "-KILL", Long.toString(p)).allowingExitCodes(1));
                PidFiles.waitUntil(() -> !PidFiles.isAlive(p), WAIT);
            }
        }
        try {
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(configFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
