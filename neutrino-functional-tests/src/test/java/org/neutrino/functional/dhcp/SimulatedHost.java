package org.neutrino.functional.dhcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.linux.RootHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away host for the DHCP agent: namespace {@code nfD<random>-host}, the executor an
 * agent of that host gets ({@code ip netns exec <host>}), and every namespace, directory and
 * {@code /etc/netns} entry the test makes or has the agent make, removed by {@link #close()}
 * with the processes inside (by pid), also after a failure. Creating it skips the test when
 * not root or when namespaces cannot be made.
 */
final class SimulatedHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedHost.class);

    /** Runs outside any host namespace: the test's own work. */
    final ProcessExecutor machine = new ProcessExecutor(RootHelper.none());
    final String prefix;
    final String namespace;
    final ProcessExecutor executor;

    private final List<String> namespaces = new ArrayList<>();
    private final List<Path> paths = new ArrayList<>();

    private SimulatedHost() {
        prefix = "nfD" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        namespace = prefix + "-host";
        executor = new ProcessExecutor(RootHelper.parse("ip netns exec " + namespace));
    }

    static SimulatedHost create(String... programs) {
        ProcessExecutor probe = new ProcessExecutor(RootHelper.none());
        assumeTrue(probe.execute(Command.of("id", "-u")).stdout().strip().equals("0"),
                "the DHCP agent's functional tests need root: skipped");
        for (String program : programs) {
            assumeTrue(probe.execute(Command.of("sh", "-c", "command -v " + program)).exitCode() == 0,
                    program + " is not installed: skipped");
        }
        SimulatedHost host = new SimulatedHost();
        CommandResult added = probe.execute(Command.of("ip", "netns", "add", host.namespace));
        assumeTrue(added.exitCode() == 0, "cannot create a network namespace here (" + added.stderr().strip()
                + "): skipped");
        host.namespaces.add(host.namespace);
        host.machine.check("ip", "-n", host.namespace, "link", "set", "lo", "up");
        return host;
    }

    /** Creates namespace {@code <prefix>-<suffix>} (a VM) with lo up and its own resolv.conf. */
    String vm(String suffix) throws IOException {
        String name = prefix + "-" + suffix;
        machine.check("ip", "netns", "add", name);
        namespaces.add(name);
        machine.check("ip", "-n", name, "link", "set", "lo", "up");
        Path netns = Path.of("/etc/netns", name);
        Files.createDirectories(netns);
        paths.add(netns);
        Files.writeString(netns.resolve("resolv.conf"), "");
        return name;
    }

    /** Has {@link #close()} remove {@code name} (made by the agent) if it is still there. */
    void track(String name) {
        namespaces.add(name);
    }

    /** A fresh directory readable by every user (dnsmasq may drop privileges). */
    Path directory(String suffix) throws IOException {
        Path dir = Path.of("/tmp", prefix + "-" + suffix);
        Files.createDirectories(dir);
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        paths.add(dir);
        return dir;
    }

    List<String> namespaces() {
        return List.of(machine.check("ip", "netns", "list").stdout().lines()
                .map(l -> l.strip().split("\\s+")[0]).toArray(String[]::new));
    }

    CommandResult in(String namespace, String... argv) {
        return machine.execute(Command.of(argv).inNamespace(namespace));
    }

    @Override
    public void close() {
        List<String> present = namespaces();
        for (String ns : namespaces.reversed()) {
            if (!present.contains(ns)) {
                continue;
            }
            try {
                for (String pid : machine.execute(Command.of("ip", "netns", "pids", ns)).stdout().split("\\s+")) {
                    if (pid.matches("\\d+")) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                machine.execute(Command.of("ip", "netns", "delete", ns));
            } catch (RuntimeException e) {
                LOG.warn("cleanup of namespace {} failed: {}", ns, e.toString());
            }
        }
        for (Path path : paths.reversed()) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                LOG.warn("cleanup of {} failed: {}", path, e.toString());
            }
        }
    }
}
