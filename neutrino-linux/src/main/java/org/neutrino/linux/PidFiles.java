package org.neutrino.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * How the daemons the agents run (dnsmasq, radvd) are found again: by the pid in their pid file,
 * checked against {@code /proc/<pid>/cmdline}, so that a recycled pid is never signalled.
 */
final class PidFiles {
    private static final Duration POLL = Duration.ofMillis(20);

    private PidFiles() {
    }

    /** The pid written in {@code pidFile}, if it holds one. */
    static Optional<Long> read(Path pidFile) {
        try {
            String text = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
            return text.matches("\\d+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The argv of process {@code pid}; empty when it is gone. */
    static List<String> commandLineOf(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            if (raw.length == 0) {
                return List.of();
            }
            String text = new String(raw, StandardCharsets.UTF_8);
            return List.of(text.substring(0, text.length() - (text.endsWith("\0") ? 1 : 0)).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Whether {@code pid} has not finished exiting: a zombie (which init may be slow to reap)
     * has, and so has a process that is gone.
     */
    static boolean isAlive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Polls {@code condition} until it holds (true) or {@code wait} passed (false). */
    static boolean waitUntil(BooleanSupplier condition, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
