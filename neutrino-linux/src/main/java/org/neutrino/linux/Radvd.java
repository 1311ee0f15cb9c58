package org.neutrino.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The radvd of one router namespace, as Neutron's {@code DaemonMonitor} runs it: router
 * advertisements for the internal IPv6 subnets that have an {@code ipv6_ra_mode}. Its files live
 * in a directory of the agent's state ({@code radvd.conf}, {@code radvd.pid}); the daemon is
 * started inside the namespace through the executor, re-reads its configuration on SIGHUP, and
 * is always addressed by the pid in its pid file, checked against {@code /proc/<pid>/cmdline}.
 */
public final class Radvd {
    static final String CONFIG_FILE = "radvd.conf";
    static final String PID_FILE = "radvd.pid";

    private static final Logger LOG = LoggerFactory.getLogger(Radvd.class);
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** An advertised prefix: {@code raMode} is {@code slaac}, {@code dhcpv6-stateless} or {@code dhcpv6-stateful}. */
    public record Prefix(String device, String cidr, String raMode, int mtu) {
        public Prefix {
            if (!List.of("slaac", "dhcpv6-stateless", "dhcpv6-stateful").contains(raMode)) {
                throw new IllegalArgumentException("unknown ipv6_ra_mode " + raMode);
            }
            if (IpVersion.of(cidr) != IpVersion.V6) {
                throw new IllegalArgumentException("not an IPv6 prefix: " + cidr);
            }
            if (device == null || !device.matches("[A-Za-z0-9_.-]{1,15}") || !cidr.matches("[0-9a-fA-F:]+/\\d{1,3}")) {
                throw new IllegalArgumentException("not a device and an IPv6 prefix: " + device + " " + cidr);
            }
        }
    }

    private final Executor executor;
    private final String namespace;
    private final Path directory;

    /** The radvd of {@code namespace}, its files in {@code directory}. */
    public Radvd(Executor executor, String namespace, Path directory) {
        this.executor = executor;
        this.namespace = namespace;
        this.directory = directory;
    }

    public Path configFile() {
        return directory.resolve(CONFIG_FILE);
    }

    public Path pidFile() {
        return directory.resolve(PID_FILE);
    }

    /**
     * Makes radvd advertise {@code prefixes}: none stops it; otherwise the configuration is
     * written and radvd started if it does not run, sent SIGHUP if its configuration changed, and
     * left alone if not. Returns whether anything was done.
     */
    public boolean apply(List<Prefix> prefixes) {
        if (prefixes.isEmpty()) {
            boolean running = isRunning();
            stop();
            return running;
        }
        String config = config(prefixes);
        boolean changed = !config.equals(currentConfig().orElse(null));
        try {
            Files.createDirectories(directory);
            if (changed) {
                AtomicFiles.write(configFile(), config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile(), e);
        }
        OptionalLong pid = runningPid();
        if (pid.isEmpty()) {
            start();
            return true;
        }
        if (changed) {
            executor.check(Command.of("kill", "-HUP", Long.toString(pid.getAsLong())).allowingExitCodes(1));
            return true;
        }
        return false;
    }

    /** Stops radvd (SIGTERM, SIGKILL after 5 s) and removes its files; nothing when it does not run. */
    public void stop() {
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
            Files.deleteIfExists(pidFile());
            Files.deleteIfExists(configFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isRunning() {
        return runningPid().isPresent();
    }

    /** The pid of the running radvd of this namespace, from its pid file, checked in {@code /proc}. */
    public OptionalLong runningPid() {
        Optional<Long> pid = PidFiles.read(pidFile());
        if (pid.isEmpty()) {
            return OptionalLong.empty();
        }
        List<String> cmdline = PidFiles.commandLineOf(pid.get());
        boolean ours = !cmdline.isEmpty() && cmdline.getFirst().endsWith("radvd")
                && cmdline.contains(configFile().toString()) && PidFiles.isAlive(pid.get());
        return ours ? OptionalLong.of(pid.get()) : OptionalLong.empty();
    }

    private void start() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor.check(Command.of("radvd", "-C", configFile().toString(), "-p", pidFile().toString(), "-m", "syslog")
                .inNamespace(namespace));
        if (!PidFiles.waitUntil(this::isRunning, WAIT)) {
            throw new IllegalStateException("radvd of " + namespace + " did not start (no live pid in " + pidFile()
                    + ")");
        }
        LOG.info("radvd of {} runs as pid {}", namespace, runningPid().orElse(-1));
    }

    private Optional<String> currentConfig() {
        try {
            return Optional.of(Files.readString(configFile(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** radvd.conf: one interface block per device, one prefix block per subnet, flags after the RA mode. */
    static String config(List<Prefix> prefixes) {
        Map<String, List<Prefix>> byDevice = new TreeMap<>();
        for (Prefix prefix : prefixes) {
            byDevice.computeIfAbsent(prefix.device(), d -> new ArrayList<>()).add(prefix);
        }
        StringBuilder text = new StringBuilder();
        byDevice.forEach((device, list) -> {
            boolean managed = list.stream().anyMatch(p -> p.raMode().equals("dhcpv6-stateful"));
            boolean other = managed || list.stream().anyMatch(p -> p.raMode().equals("dhcpv6-stateless"));
            text.append("interface ").append(device).append("\n{\n")
                    .append("    AdvSendAdvert on;\n")
                    .append("    MinRtrAdvInterval 30;\n")
                    .append("    MaxRtrAdvInterval 100;\n");
            int mtu = list.getFirst().mtu();
            if (mtu > 0) {
                text.append("    AdvLinkMTU ").append(mtu).append(";\n");
            }
            if (managed) {
                text.append("    AdvManagedFlag on;\n");
            }
            if (other) {
                text.append("    AdvOtherConfigFlag on;\n");
            }
            for (Prefix prefix : list) {
                text.append("    prefix ").append(prefix.cidr()).append("\n    {\n")
                        .append("        AdvOnLink on;\n")
                        .append("        AdvAutonomous ").append(prefix.raMode().equals("dhcpv6-stateful") ? "off" : "on")
                        .append(";\n    };\n");
            }
            text.append("};\n");
        });
        return text.toString();
    }
}
