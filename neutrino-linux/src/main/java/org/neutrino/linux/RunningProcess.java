package org.neutrino.linux;

import java.io.InputStream;

/** A long-lived process started through an {@link Executor}, e.g. {@code ip monitor}. */
public interface RunningProcess extends AutoCloseable {
    /** Its process id. */
    long pid();

    /** Its standard output, read as it is written. */
    InputStream stdout();

    boolean isAlive();

    /** Ends the process by its pid (SIGTERM, then SIGKILL if it does not go) and waits for it. */
    @Override
    void close();
}
