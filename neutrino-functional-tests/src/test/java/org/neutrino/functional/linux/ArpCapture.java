package org.neutrino.functional.linux;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.neutrino.linux.Command;
import org.neutrino.linux.Executor;
import org.neutrino.linux.RunningProcess;

/**
 * The ARP frames seen on every device of one namespace ({@code tcpdump -l -n -e -i any arp}),
 * including devices that appear after the capture started, read as they come. {@link #close()}
 * ends tcpdump by its pid.
 */
public final class ArpCapture implements AutoCloseable {
    private final RunningProcess tcpdump;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ArpCapture(RunningProcess tcpdump) {
        this.tcpdump = tcpdump;
        Thread.ofVirtual().name("arp-capture").start(this::read);
    }

    /** Starts capturing in {@code namespace} and returns once tcpdump listens. */
    public static ArpCapture start(Executor machine, String namespace) {
        ArpCapture capture = new ArpCapture(machine.start(
                Command.of("sh", "-c", "exec tcpdump -l -n -e -i any arp 2>&1").inNamespace(namespace)));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> capture.lines.stream().anyMatch(l -> l.startsWith("listening on")));
        } catch (RuntimeException e) {
            capture.close();
            throw e;
        }
        return capture;
    }

    /**
     * Whether a gratuitous ARP for {@code address} (a request for it, from it; the kernel leaves
     * the target MAC out, arping names it broadcast) sent by {@code mac} was seen.
     */
    public boolean announced(String address, String mac) {
        String ip = Pattern.quote(address);
        Pattern request = Pattern.compile(" " + Pattern.quote(mac) + " .*Request who-has " + ip
                + "( \\([0-9a-f:]+\\))? tell " + ip + ",", Pattern.CASE_INSENSITIVE);
        return lines.stream().anyMatch(l -> request.matcher(l).find());
    }

    /** Every line tcpdump printed so far, for failure messages. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(tcpdump.stdout(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            if (tcpdump.isAlive()) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        tcpdump.close();
    }
}
