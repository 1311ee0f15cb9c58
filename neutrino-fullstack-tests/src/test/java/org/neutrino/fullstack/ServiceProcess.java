package org.neutrino.fullstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Neutrino main (the server, an agent, the all-in-one) running as its own JVM (see
 * {@link JavaLauncher}), {@code --config-file <file>}, its stdout and stderr appended to one log file. It
 * is stopped by its pid: SIGTERM first (the mains close cleanly on it), SIGKILL after a grace
 * period. It can be started again on the same configuration and log (an agent restart).
 */
final class ServiceProcess {
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final String name;
    private final JavaLauncher launcher;
    private final String mainClass;
    private final Path configFile;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, JavaLauncher launcher, String mainClass, Path configFile, Path log) {
        this.name = name;
        this.launcher = launcher;
        this.mainClass = mainClass;
        this.configFile = configFile;
        this.log = log;
    }

    /** Starts {@code mainClass --config-file configFile}, logging to {@code log}. */
    static ServiceProcess start(String name, JavaLauncher launcher, String mainClass, Path configFile, Path log) {
        ServiceProcess service = new ServiceProcess(name, launcher, mainClass, configFile, log);
        service.start();
        return service;
    }

    /** Starts the process again (after {@link #stop()}), on the same configuration and log. */
    void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " already runs (pid " + process.pid() + ")");
        }
        List<String> argv = launcher.command(mainClass, List.of("--config-file", configFile.toString()));
        try {
            Files.writeString(log, "==== " + Instant.now() + " starting " + mainClass + " --config-file " + configFile
                    + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** SIGTERM, then SIGKILL if the process is still there after the grace period; waits for its end. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** The last {@code lines} lines of the log. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Whether the log contains {@code text}. */
    boolean logged(String text) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return name + (process == null ? "" : " (pid " + process.pid() + ")");
    }
}
