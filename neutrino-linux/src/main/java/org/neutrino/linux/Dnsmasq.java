package org.neutrino.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.neutrino.lib.DeviceNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dnsmasq of one network, as Neutron's {@code Dnsmasq} driver and {@code external_process}
 * run it: a directory {@code <state root>/<network id>/} with the {@code host}, {@code opts},
 * {@code leases} and {@code pid} files, and one daemon started inside
 * {@code qdhcp-<network id>} through the executor. Files are written atomically and readable
 * by every user (dnsmasq may drop privileges). The process is always addressed by the pid in
 * its pid file, checked against {@code /proc/<pid>/cmdline}.
 */
public final class Dnsmasq {
    static final String PID_FILE = "pid";
    static final String HOSTS_FILE = "host";
    static final String OPTS_FILE = "opts";
    static final String LEASES_FILE = "leases";

    private static final Logger LOG = LoggerFactory.getLogger(Dnsmasq.class);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Executor executor;
    private final DnsmasqSettings settings;
    private final String networkId;
    private final Path directory;

    /**
     * @param stateRoot the DHCP agent's state directory ({@code <state_path>/dhcp}); must be
     *                  readable by every user, as dnsmasq may drop privileges
     */
    public Dnsmasq(Executor executor, Path stateRoot, DnsmasqSettings settings, String networkId) {
        this.executor = executor;
        this.settings = settings;
        this.networkId = networkId;
        this.directory = stateRoot.resolve(networkId);
    }

    public String networkId() {
        return networkId;
    }

    /** The {@code qdhcp-} namespace it runs in. */
    public String namespace() {
        return DeviceNames.dhcpNamespace(networkId);
    }

    public Path configDirectory() {
        return directory;
    }

    public Path pidFile() {
        return directory.resolve(PID_FILE);
    }

    public Path hostsFile() {
        return directory.resolve(HOSTS_FILE);
    }

    public Path optsFile() {
        return directory.resolve(OPTS_FILE);
    }

    public Path leasesFile() {
        return directory.resolve(LEASES_FILE);
    }

    /**
     * Makes dnsmasq serve {@code config}: writes the files, then starts dnsmasq if it is not
     * running, restarts it if its command line changed (subnets or interface), leaves it alone
     * when its files did not change, and otherwise sends it SIGHUP to re-read hosts and options —
     * except when the hosts file sets tags (ports with their own options) before or after the
     * change: dnsmasq (2.90 at least) crashes at the next request of such a host after a SIGHUP,
     * so it is restarted instead (its leases file keeps the leases).
     */
    public void enable(DhcpNetworkConfig config) {
        requireThisNetwork(config);
        String oldHosts = readOrEmpty(hostsFile());
        boolean unchanged = oldHosts.equals(DnsmasqFiles.hosts(config))
                && readOrEmpty(optsFile()).equals(DnsmasqFiles.opts(config, settings));
        boolean tagged = oldHosts.contains(",set:") || config.hosts().stream().anyMatch(h -> h.optionsTag().isPresent());
        writeConfig(config);
        List<String> wanted = DnsmasqFiles.commandLine(config, settings, directory);
        OptionalLong pid = runningPid();
        if (pid.isEmpty()) {
            spawn(wanted);
        } else if (!wanted.equals(PidFiles.commandLineOf(pid.getAsLong()))) {
            LOG.info("dnsmasq of network {} restarts: its command line changed", networkId);
            stop();
            spawn(wanted);
        } else if (unchanged) {
            LOG.debug("dnsmasq of network {} serves its files as they are", networkId);
        } else if (tagged) {
            LOG.debug("dnsmasq of network {} restarts: its hosts set tags, which a SIGHUP cannot reload", networkId);
            stop();
            spawn(wanted);
        } else {
            signal(pid.getAsLong(), "-HUP");
        }
    }

    /** The text of {@code file}; empty when it cannot be read (as a file never written). */
    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Writes the hosts and opts files for {@code config}, each atomically. */
    public void writeConfig(DhcpNetworkConfig config) {
        requireThisNetwork(config);
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            AtomicFiles.write(hostsFile(), DnsmasqFiles.hosts(config));
            AtomicFiles.write(optsFile(), DnsmasqFiles.opts(config, settings));
            if (!Files.exists(leasesFile())) {
                AtomicFiles.write(leasesFile(), "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dnsmasq files of network " + networkId, e);
        }
    }

    /** Sends SIGHUP so that dnsmasq re-reads its hosts and opts files. @throws IllegalStateException if not running */
    public void reload() {
        long pid = runningPid().orElseThrow(
                () -> new IllegalStateException("dnsmasq of network " + networkId + " is not running"));
        signal(pid, "-HUP");
    }

    /** Stops dnsmasq (SIGTERM, then SIGKILL after 5 s) by its pid; nothing when not running. */
    public void stop() {
        OptionalLong pid = runningPid();
        if (pid.isEmpty()) {
            return;
        }
        signal(pid.getAsLong(), "-TERM");
        if (!PidFiles.waitUntil(() -> !PidFiles.isAlive(pid.getAsLong()), WAIT)) {
            signal(pid.getAsLong(), "-KILL");
            PidFiles.waitUntil(() -> !PidFiles.isAlive(pid.getAsLong()), WAIT);
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops dnsmasq and removes the network's directory. */
    public void disable() {
        stop();
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }

    public boolean isRunning() {
        return runningPid().isPresent();
    }

    /** The pid of this network's running dnsmasq: from the pid file, checked in {@code /proc}. */
    public OptionalLong runningPid() {
        Optional<Long> pid = PidFiles.read(pidFile());
        if (pid.isEmpty()) {
            return OptionalLong.empty();
        }
        List<String> cmdline = PidFiles.commandLineOf(pid.get());
        boolean ours = !cmdline.isEmpty() && cmdline.getFirst().endsWith("dnsmasq")
                && cmdline.contains("--pid-file=" + pidFile());
        return ours ? OptionalLong.of(pid.get()) : OptionalLong.empty();
    }

    private void spawn(List<String> argv) {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor.check(Command.of(argv).inNamespace(namespace()));
        if (!PidFiles.waitUntil(this::isRunning, WAIT)) {
            throw new IllegalStateException("dnsmasq of network " + networkId + " did not start (no live pid in "
                    + pidFile() + ")");
        }
        LOG.info("dnsmasq of network {} runs as pid {}", networkId, runningPid().orElse(-1));
    }

    private void signal(long pid, String signal) {
        executor.check(Command.of("kill", signal, Long.toString(pid)).allowingExitCodes(1));
    }

    private void requireThisNetwork(DhcpNetworkConfig config) {
        if (!config.networkId().equals(networkId)) {
            throw new IllegalArgumentException("config of network " + config.networkId()
                    + " given to the dnsmasq of network " + networkId);
        }
    }
}
