package org.neutrino.fullstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.linux.RootHelper;
import org.opentest4j.TestAbortedException;

/**
 * The simulated data centre of one test class, registered as a static JUnit extension (which
 * skips the class, saying why, when the machine lacks one of its {@link Prerequisite}s) and
 * {@link #open opened} in {@code @BeforeAll}: a per-run prefix {@code fs<6 hex>}, a management
 * namespace {@code <prefix>-mgmt} with bridge {@code br-mgmt} (and, on demand, a "physical
 * switch" bridge {@code br-phys}), host namespaces connected to it, the processes of the test
 * and a work directory {@code /tmp/<prefix>} for configurations and logs.
 *
 * <p>After the class, every process is stopped by pid (SIGTERM, then SIGKILL), every process
 * left in a tracked namespace (dnsmasq, udhcpc) is killed, every tracked namespace and its
 * {@code /etc/netns/<ns>} directory is removed, also when a test failed. The work directory is
 * removed when every test passed; after a failure it is kept and the tail of every log is
 * printed.
 */
final class FullstackLab implements ExecutionCondition, AfterAllCallback, TestWatcher {
    static final String MANAGEMENT_BRIDGE = "br-mgmt";
    static final String PHYSICAL_SWITCH = "br-phys";
    private static final String MANAGEMENT_SUBNET = "172.16.0.";
    private static final int LOG_TAIL_LINES = 60;

    private final List<Prerequisite> prerequisites;
    private final ProcessExecutor machine = new ProcessExecutor(RootHelper.none());
    private final List<String> namespaces = new ArrayList<>();
    private final List<Path> netnsDirectories = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<Process> helpers = new ArrayList<>();
    private String prefix;
    private Path workDir;
    private JavaLauncher java;
    private String managementNamespace;
    private int hosts;
    private boolean physicalSwitch;
    private boolean failed;
    private Optional<String> missing;

    /** A lab for a class that needs root, namespaces, a ping, and {@code prerequisites}. */
    FullstackLab(Prerequisite... prerequisites) {
        List<Prerequisite> all = new ArrayList<>(List.of(Prerequisites.ROOT_WITH_NAMESPACES));
        all.addAll(List.of(prerequisites));
        this.prerequisites = List.copyOf(all);
    }

    /** Disables the class, saying why, when a prerequisite is missing (checked once, in order). */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (missing == null) {
            missing = prerequisites.stream().map(Prerequisite::missing).flatMap(Optional::stream).findFirst();
        }
        return missing.map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("the machine has what the fullstack tests need"));
    }

    /** Makes the work directory and the management network (the class's prerequisites are met). */
    void open() {
        prefix = "fs" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        workDir = Path.of("/tmp", prefix);
        try {
            Files.createDirectories(workDir);
            // dnsmasq drops privileges to nobody: the DHCP agent's state below must be readable by all
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java = JavaLauncher.snapshot(workDir.resolve("lib"));
        managementNamespace = namespace("mgmt");
        inNamespace(managementNamespace, "ip", "link", "add", MANAGEMENT_BRIDGE, "type", "bridge");
        inNamespace(managementNamespace, "ip", "link", "set", MANAGEMENT_BRIDGE, "up");
    }

    String prefix() {
        return prefix;
    }

    Path workDir() {
        return workDir;
    }

    /**
     * A host namespace {@code <prefix>-<role>} whose {@code eth-mgmt} is on the management
     * bridge with the next address of 172.16.0.0/24.
     */
    SimulatedHost addHost(String role) {
        String namespace = namespace(role);
        String address = MANAGEMENT_SUBNET + (11 + hosts++);
        String switchPort = "m-" + role;
        inNamespace(managementNamespace, "ip", "link", "add", switchPort, "type", "veth", "peer", "name",
                SimulatedHost.MANAGEMENT_INTERFACE, "netns", namespace);
        inNamespace(managementNamespace, "ip", "link", "set", switchPort, "master", MANAGEMENT_BRIDGE, "up");
        inNamespace(namespace, "ip", "address", "add", address + "/24", "dev", SimulatedHost.MANAGEMENT_INTERFACE);
        inNamespace(namespace, "ip", "link", "set", SimulatedHost.MANAGEMENT_INTERFACE, "up");
        return new SimulatedHost(namespace, address);
    }

    /**
     * A namespace {@code <prefix>-<role>} outside every host (an upstream router, a client on
     * the internet), wired to nothing yet.
     */
    String addNamespace(String role) {
        return namespace(role);
    }

    /**
     * Gives {@code host} an interface {@code interfaceName} (no address) whose peer is a port of
     * the "physical switch" bridge {@code br-phys} of the management namespace, which all such
     * interfaces share: the wire of a flat provider network.
     */
    void connectToPhysicalSwitch(SimulatedHost host, String interfaceName) {
        if (!physicalSwitch) {
            inNamespace(managementNamespace, "ip", "link", "add", PHYSICAL_SWITCH, "type", "bridge");
            inNamespace(managementNamespace, "ip", "link", "set", PHYSICAL_SWITCH, "up");
            physicalSwitch = true;
        }
        String switchPort = physicalSwitchPort(host);
        inNamespace(managementNamespace, "ip", "link", "add", switchPort, "type", "veth", "peer", "name",
                interfaceName, "netns", host.namespace());
        inNamespace(managementNamespace, "ip", "link", "set", switchPort, "master", PHYSICAL_SWITCH, "up");
        inNamespace(host.namespace(), "ip", "link", "set", interfaceName, "up");
    }

    /** Plugs the cable of {@code host} on the physical switch in ({@code true}) or out. */
    void setPhysicalCable(SimulatedHost host, boolean connected) {
        inNamespace(managementNamespace, "ip", "link", "set", physicalSwitchPort(host), connected ? "up" : "down");
    }

    private String physicalSwitchPort(SimulatedHost host) {
        return "p-" + host.name().substring(prefix.length() + 1);
    }

    /** Writes {@code config} as {@code <work dir>/<name>.conf} and starts {@code mainClass} on it. */
    ServiceProcess start(String name, String mainClass, IniFile config) {
        Path file = config.write(workDir.resolve(name + ".conf"));
        ServiceProcess service = ServiceProcess.start(name, java, mainClass, file, workDir.resolve(name + ".log"));
        services.add(service);
        return service;
    }

    /** Launches the Neutrino mains of this run. */
    JavaLauncher java() {
        return java;
    }

    /** Has the lab end {@code process} (a ping, a DHCP client) after the class if it still runs. */
    Process track(Process process) {
        helpers.add(process);
        return process;
    }

    /**
     * The name {@code <prefix>-<suffix>} of a namespace someone else creates (a VM made by
     * {@code vif plug}), tracked for removal and given its own {@code resolv.conf} in advance.
     */
    String vmNamespace(String suffix) {
        String name = prefix + "-" + suffix;
        track(name);
        Path dir = Path.of("/etc/netns", name);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("resolv.conf"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        netnsDirectories.add(dir);
        return name;
    }

    /** Has the lab remove {@code namespace} (made by the code under test, e.g. {@code qdhcp-<net>}). */
    void track(String namespace) {
        if (!namespaces.contains(namespace)) {
            namespaces.add(namespace);
        }
    }

    /** Runs {@code argv} in {@code namespace}; throws when it fails. */
    CommandResult inNamespace(String namespace, String... argv) {
        return machine.check(Command.of(argv).inNamespace(namespace));
    }

    /** Runs {@code argv} in {@code namespace}, whatever its exit code. */
    CommandResult tryInNamespace(String namespace, String... argv) {
        return machine.execute(Command.of(argv).inNamespace(namespace));
    }

    /** Whether one ICMP echo from {@code namespace} to {@code address} is answered within 1 s. */
    boolean ping(String namespace, String address) {
        List<String> argv = new ArrayList<>(Prerequisites.ping());
        argv.addAll(List.of("-c", "1", "-W", "1", address));
        return machine.execute(Command.of(argv).inNamespace(namespace)).exitCode() == 0;
    }

    /** Whether {@code address} answers a ping from {@code namespace} within five attempts (a first ARP may be slow). */
    boolean reaches(String namespace, String address) {
        for (int i = 0; i < 5; i++) {
            if (ping(namespace, address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts a TCP listener on {@code port} of every address of {@code namespace} (socat, one
     * greeting per connection, tracked) and waits until it listens (throws after 5 s).
     */
    void listenTcp(String namespace, int port) {
        listenTcp(namespace, port, "echo hello");
    }

    /**
     * Starts a TCP listener on {@code port} of every address of {@code namespace} (socat,
     * tracked) that answers each connection with the output of the shell command {@code reply}
     * (socat's {@code $SOCAT_PEERADDR} is the client's address), and waits until it listens
     * (throws after 5 s).
     */
    void listenTcp(String namespace, int port, String reply) {
        List<String> argv = List.of("ip", "netns", "exec", namespace, "socat",
                "TCP-LISTEN:" + port + ",fork,reuseaddr", "SYSTEM:" + reply);
        try {
            track(new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve(namespace + "-tcp" + port + ".log").toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; tryInNamespace(namespace, "ss", "-Hltn", "sport = :" + port).stdout().isBlank(); i++) {
            if (i == 50) {
                throw new IllegalStateException("nothing listens on TCP " + port + " in " + namespace + " after 5 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Whether a TCP connection from {@code namespace} to {@code address}:{@code port} opens within 2 s. */
    boolean tcpConnects(String namespace, String address, int port) {
        return tryInNamespace(namespace, "socat", "-u", "OPEN:/dev/null",
                "TCP:" + address + ":" + port + ",connect-timeout=2").exitCode() == 0;
    }

    /** The names of the links of {@code namespace}. */
    List<String> links(String namespace) {
        String out = inNamespace(namespace, "ip", "-o", "link", "show").stdout();
        return out.lines().map(line -> line.split(":\\s+")[1].split("@")[0]).toList();
    }

    /** The kernel's index of {@code device} in {@code namespace} (a re-created device gets a new one). */
    Optional<Integer> ifindex(String namespace, String device) {
        CommandResult result = tryInNamespace(namespace, "ip", "-o", "link", "show", "dev", device);
        return result.exitCode() != 0 ? Optional.empty()
                : Optional.of(Integer.parseInt(result.stdout().substring(0, result.stdout().indexOf(':')).strip()));
    }

    /** The bridge {@code device} is enslaved to in {@code namespace}, if any. */
    Optional<String> masterOf(String namespace, String device) {
        CommandResult result = tryInNamespace(namespace, "ip", "-o", "link", "show", "dev", device);
        if (result.exitCode() != 0) {
            return Optional.empty();
        }
        String[] words = result.stdout().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("master")) {
                return Optional.of(words[i + 1]);
            }
        }
        return Optional.empty();
    }

    private String namespace(String suffix) {
        String name = prefix + "-" + suffix;
        machine.check("ip", "netns", "add", name);
        namespaces.add(name);
        inNamespace(name, "ip", "link", "set", "lo", "up");
        return name;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (prefix == null) {
            return;
        }
        for (Process helper : helpers) {
            helper.destroyForcibly();
        }
        for (ServiceProcess service : services.reversed()) {
            service.stop();
        }
        for (String namespace : namespaces.reversed()) {
            removeNamespace(namespace);
        }
        for (Path dir : netnsDirectories) {
            deleteTree(dir);
        }
        boolean errorOutsideTests = context.getExecutionException()
                .filter(e -> !(e instanceof TestAbortedException)).isPresent();
        if (failed || errorOutsideTests) {
            StringBuilder report = new StringBuilder("Fullstack run " + prefix + " failed; logs kept in " + workDir);
            for (ServiceProcess service : services) {
                report.append("\n---- ").append(service.name()).append(" (").append(service.log())
                        .append("), last lines:\n").append(service.tail(LOG_TAIL_LINES));
            }
            System.err.println(report);
        } else {
            deleteTree(workDir);
        }
    }

    /** Kills what still runs in {@code namespace} (by pid), then deletes it; tolerates its absence. */
    private void removeNamespace(String namespace) {
        CommandResult pids = machine.execute(Command.of("ip", "netns", "pids", namespace));
        if (pids.exitCode() == 0) {
            for (String pid : pids.stdout().split("\\s+")) {
                if (pid.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        machine.execute(Command.of("ip", "netns", "delete", namespace));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("cannot remove " + root + ": " + e);
        }
    }
}
