package org.neutrino.functional.linux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.IpNetns;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.linux.RootHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away "host": a network namespace {@code nfT<random>-host} that stands for one
 * machine, and an executor whose root helper is {@code ip netns exec <host>}, as an agent of
 * that host would have. Every namespace made for the test (VMs, qdhcp-...) is tracked and, with
 * every process inside it (killed by pid), removed by {@link #close()}, also after a failure.
 * Creating the fixture skips the test (JUnit assumption) when not root or when namespaces
 * cannot be made here.
 */
public final class HostNamespaceFixture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostNamespaceFixture.class);

    /** Runs outside any host namespace: for the test's own work (VMs, checks). */
    public final ProcessExecutor machine = new ProcessExecutor(RootHelper.none());
    /** The per-run prefix every name made by this fixture carries. */
    public final String prefix;
    public final String hostNamespace;
    /** The executor an agent of this host would get. */
    public final ProcessExecutor executor;

    private final List<String> namespaces = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    private HostNamespaceFixture() {
        prefix = "nfT" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff)).toLowerCase(Locale.ROOT);
        hostNamespace = prefix + "-host";
        executor = new ProcessExecutor(RootHelper.parse("ip netns exec " + hostNamespace));
    }

    public static HostNamespaceFixture create() {
        ProcessExecutor probe = new ProcessExecutor(RootHelper.none());
        assumeTrue(probe.execute(Command.of("id", "-u")).stdout().strip().equals("0"),
                "functional tests need root: skipped");
        HostNamespaceFixture fixture = new HostNamespaceFixture();
        CommandResult added = probe.execute(Command.of("ip", "netns", "add", fixture.hostNamespace));
        assumeTrue(added.exitCode() == 0,
                "cannot create a network namespace here (" + added.stderr().strip() + "): skipped");
        fixture.namespaces.add(fixture.hostNamespace);
        fixture.machine.check("ip", "-n", fixture.hostNamespace, "link", "set", "lo", "up");
        return fixture;
    }

    /** Skips the test unless every program is installed. */
    public void assumePrograms(String... programs) {
        for (String program : programs) {
            assumeTrue(machine.execute(Command.of("sh", "-c", "command -v " + program)).exitCode() == 0,
                    program + " is not installed: skipped");
        }
    }

    /** Creates namespace {@code <prefix>-<suffix>} (a VM, a second host) with lo up. */
    public String namespace(String suffix) {
        String name = prefix + "-" + suffix;
        new IpNetns(machine).add(name);
        namespaces.add(name);
        machine.check("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** Has {@link #close()} remove {@code namespace}, made by the code under test. */
    public void track(String namespace) {
        namespaces.add(namespace);
    }

    /** A fresh directory readable by every user, removed by {@link #close()}. */
    public Path directory(String suffix) throws IOException {
        Path dir = Path.of("/tmp", prefix + "-" + suffix);
        Files.createDirectories(dir);
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        files.add(dir);
        return dir;
    }

    /** Gives {@code namespace} its own resolv.conf, so a DHCP client there leaves the host's alone. */
    public void isolateResolvConf(String namespace) throws IOException {
        Path dir = Path.of("/etc/netns", namespace);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("resolv.conf"), "");
        files.add(dir);
    }

    /** Runs {@code argv} inside {@code namespace}. */
    public CommandResult inNamespace(String namespace, String... argv) {
        return machine.execute(Command.of(argv).inNamespace(namespace));
    }

    /**
     * Whether one ICMP echo from {@code namespace} to {@code address} is answered within 2 s
     * (iputils {@code ping}, else BusyBox's, whichever is installed).
     */
    public boolean ping(String namespace, String address) {
        return pingOnce(namespace, address).exitCode() == 0;
    }

    /** The same ping's result: its output names the address the answer came from ({@code from <address>}). */
    public CommandResult pingOnce(String namespace, String address) {
        boolean iputils = machine.execute(Command.of("sh", "-c", "command -v ping")).exitCode() == 0;
        List<String> argv = new ArrayList<>(iputils ? List.of("ping") : List.of("busybox", "ping"));
        argv.addAll(List.of("-c", "1", "-W", "2", address));
        return machine.execute(Command.of(argv).inNamespace(namespace));
    }

    @Override
    public void close() {
        for (String ns : namespaces.reversed()) {
            try {
                killProcessesIn(ns);
                machine.execute(Command.of("ip", "netns", "delete", ns));
            } catch (RuntimeException e) {
                LOG.warn("cleanup of namespace {} failed: {}", ns, e.toString());
            }
        }
        for (Path path : files.reversed()) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                LOG.warn("cleanup of {} failed: {}", path, e.toString());
            }
        }
    }

    private void killProcessesIn(String namespace) {
        String pids = machine.execute(Command.of("ip", "netns", "pids", namespace)).stdout();
        for (String pid : pids.split("\\s+")) {
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
