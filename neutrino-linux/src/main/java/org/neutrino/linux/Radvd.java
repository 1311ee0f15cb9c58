package org.neutrino.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The radvd of one router namespace, as Neutron's {@code DaemonMonitor} runs it: router
 * advertisements for the internal IPv6 subnets that have an {@code ipv6_ra_mode}. Its files live
 * in a directory of the agent's state ({@code radvd.conf}, {@code radvd.pid}, see
 * {@link DaemonFiles}); the daemon is started inside the namespace through the executor and
 * re-reads its configuration on SIGHUP.
 */
public final class Radvd {
    static final String CONFIG_FILE = "radvd.conf";
    static final String PID_FILE = "radvd.pid";

    private static final Logger LOG = LoggerFactory.getLogger(Radvd.class);

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
    private final DaemonFiles files;

    /** The radvd of {@code namespace}, its files in {@code directory}. */
    public Radvd(Executor executor, String namespace, Path directory) {
        this.executor = executor;
        this.namespace = namespace;
        this.files = new DaemonFiles(executor, "radvd", directory.resolve(CONFIG_FILE), directory.resolve(PID_FILE));
    }

    public Path configFile() {
        return files.configFile();
    }

    public Path pidFile() {
        return files.pidFile();
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
        boolean changed = files.writeConfig(config(prefixes));
        OptionalLong pid = runningPid();
        if (pid.isEmpty()) {
            start();
            return true;
        }
        if (changed) {
            files.reload(pid.getAsLong());
            return true;
        }
        return false;
    }

    /** Stops radvd (SIGTERM, SIGKILL after 5 s) and removes its files; nothing when it does not run. */
    public void stop() {
        files.stop();
    }

    public boolean isRunning() {
        return runningPid().isPresent();
    }

    /** The pid of the running radvd of this namespace, from its pid file, checked in {@code /proc}. */
    public OptionalLong runningPid() {
        return files.runningPid();
    }

    private void start() {
        files.forgetPid();
        executor.check(Command.of("radvd", "-C", configFile().toString(), "-p", pidFile().toString(), "-m", "syslog")
                .inNamespace(namespace));
        files.awaitStarted("radvd of " + namespace);
        LOG.info("radvd of {} runs as pid {}", namespace, runningPid().orElse(-1));
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
