package org.neutrino.functional.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests check of a process the agents started. */
public final class Pids {
    private Pids() {
    }

    /** Whether {@code pid} is a live process (a zombie waiting for init to reap it is not). */
    public static boolean runs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
