package org.neutrino.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code ip -o monitor link} (one long-lived process, through the executor and its
 * root helper) and tells a listener, on its own thread, which devices appeared and which
 * went away. Changes of a known device (up, down, master) are not events.
 *
 * <p>{@link #start()} records the devices that exist already without reporting them: an agent
 * starts the monitor first and then does its full resync, so nothing falls between the two.
 * When the monitor process dies it is started again, the devices are listed and the
 * difference is reported, so no event is lost across a restart.
 */
public final class LinkMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkMonitor.class);
    private static final Pattern LINE = Pattern.compile("^(Deleted )?(\\d+): ([^:@\\s]+)(@\\S*)?:.*");
    private static final Duration RESTART_DELAY = Duration.ofMillis(200);

    private final Executor executor;
    private final IpLib ip;
    private final Consumer<LinkEvent> listener;
    private final Map<Integer, String> known = new HashMap<>();
    private volatile boolean closed;
    private volatile RunningProcess process;
    private Thread reader;

    /**
     * @param ip       the namespace to follow (its {@link IpLib#namespace()}; empty = the host)
     * @param listener called on the monitor's thread, one event at a time
     */
    public LinkMonitor(Executor executor, IpLib ip, Consumer<LinkEvent> listener) {
        this.executor = executor;
        this.ip = ip;
        this.listener = listener;
    }

    /** Starts the monitor process and records the devices present now. */
    public synchronized void start() {
        if (reader != null) {
            throw new IllegalStateException("link monitor already started");
        }
        process = executor.start(monitorCommand());
        for (Link link : ip.links()) {
            known.put(link.ifindex(), link.name());
        }
        RunningProcess first = process;
        reader = Thread.ofPlatform().daemon().name("link-monitor").start(() -> run(first));
    }

    /** The pid of the current monitor process. */
    public long pid() {
        return process.pid();
    }

    /** Kills the monitor process by its pid and stops reporting. */
    @Override
    public void close() {
        closed = true;
        RunningProcess current = process;
        if (current != null) {
            current.close();
        }
        Thread thread = reader;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Command monitorCommand() {
        List<String> argv = new ArrayList<>(List.of("ip"));
        ip.namespace().ifPresent(ns -> argv.addAll(List.of("-n", ns)));
        argv.addAll(List.of("-o", "monitor", "link"));
        return Command.of(argv);
    }

    private void run(RunningProcess first) {
        RunningProcess current = first;
        while (!closed) {
            follow(current);
            if (closed) {
                break;
            }
            LOG.warn("link monitor (pid {}) ended; starting it again", current.pid());
            current.close();
            try {
                Thread.sleep(RESTART_DELAY);
                current = executor.start(monitorCommand());
                process = current;
                if (closed) {
                    current.close();
                    break;
                }
                resync();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.warn("cannot restart the link monitor: {}", e.getMessage());
            }
        }
    }

    private void follow(RunningProcess running) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(running.stdout(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                parse(line).ifPresent(this::onLine);
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("reading the link monitor failed: {}", e.getMessage());
            }
        }
    }

    /** What one line of {@code ip -o monitor link} says: (deleted?, ifindex, name). */
    record MonitorLine(boolean deleted, int ifindex, String name) {
    }

    static Optional<MonitorLine> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new MonitorLine(m.group(1) != null, Integer.parseInt(m.group(2)), m.group(3)));
    }

    private void onLine(MonitorLine line) {
        if (line.deleted()) {
            String name = known.remove(line.ifindex());
            if (name != null) {
                deliver(new LinkEvent(LinkEvent.Type.REMOVED, name, line.ifindex()));
            }
            return;
        }
        String previous = known.put(line.ifindex(), line.name());
        if (line.name().equals(previous)) {
            return;
        }
        if (previous != null) {
            deliver(new LinkEvent(LinkEvent.Type.REMOVED, previous, line.ifindex()));
        }
        deliver(new LinkEvent(LinkEvent.Type.ADDED, line.name(), line.ifindex()));
    }

    private void resync() {
        Map<Integer, String> now = new HashMap<>();
        for (Link link : ip.links()) {
            now.put(link.ifindex(), link.name());
        }
        for (Map.Entry<Integer, String> old : Map.copyOf(known).entrySet()) {
            if (!old.getValue().equals(now.get(old.getKey()))) {
                known.remove(old.getKey());
                deliver(new LinkEvent(LinkEvent.Type.REMOVED, old.getValue(), old.getKey()));
            }
        }
        now.forEach((ifindex, name) -> onLine(new MonitorLine(false, ifindex, name)));
    }

    private void deliver(LinkEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("link listener failed on {}: {}", event, e.toString());
        }
    }
}
