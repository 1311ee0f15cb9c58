package org.neutrino.functional.l2;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.neutrino.linux.Command;
import org.neutrino.linux.CommandResult;
import org.neutrino.linux.ProcessExecutor;
import org.neutrino.linux.RootHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two throw-away "hosts" ({@code nfL<random>-h1}, {@code -h2}: network namespaces) joined by a
 * management veth {@code mgmt0} carrying 10.99.0.1/24 and 10.99.0.2/24 (the VTEP addresses) and
 * by a provider veth {@code prov0} (the interface of a flat physnet), and the "VMs" the test
 * plugs into them. {@link #close()} kills every process inside them by pid and deletes every
 * namespace, also after a failure. Creating it skips the test when not root or when namespaces
 * or VXLAN cannot be made here.
 */
final class TwoHostsFixture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TwoHostsFixture.class);
    static final String[] VTEPS = {"10.99.0.1", "10.99.0.2"};
    /** The interface of physnet {@code provider} on both hosts: a second veth joining them, without addresses. */
    static final String PROVIDER_INTERFACE = "prov0";

    /** Runs outside any host namespace: the test's own work. */
    final ProcessExecutor machine = new ProcessExecutor(RootHelper.none());
    final String prefix;
    final List<String> hosts;
    private final List<String> namespaces = new ArrayList<>();

    private TwoHostsFixture() {
        prefix = "nfL" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        hosts = List.of(prefix + "-h1", prefix + "-h2");
    }

    static TwoHostsFixture create() {
        ProcessExecutor probe = new ProcessExecutor(RootHelper.none());
        assumeTrue(probe.execute(Command.of("id", "-u")).stdout().strip().equals("0"),
                "the L2 agent's functional tests need root: skipped");
        assumeTrue(probe.execute(Command.of("sh", "-c", "command -v busybox || command -v ping")).exitCode() == 0,
                "neither ping nor busybox is installed: skipped");
        TwoHostsFixture fixture = new TwoHostsFixture();
        try {
            for (String host : fixture.hosts) {
                CommandResult added = probe.execute(Command.of("ip", "netns", "add", host));
                assumeTrue(added.exitCode() == 0, "cannot create a network namespace here ("
                        + added.stderr().strip() + "): skipped");
                fixture.namespaces.add(host);
                fixture.machine.check("ip", "-n", host, "link", "set", "lo", "up");
            }
            String h1 = fixture.hosts.get(0);
            String h2 = fixture.hosts.get(1);
            fixture.machine.check("ip", "-n", h1, "link", "add", "mgmt0", "type", "veth", "peer", "name", "mgmt0",
                    "netns", h2);
            for (int i = 0; i < 2; i++) {
                String host = fixture.hosts.get(i);
                fixture.machine.check("ip", "-n", host, "address", "add", VTEPS[i] + "/24", "dev", "mgmt0");
                fixture.machine.check("ip", "-n", host, "link", "set", "mgmt0", "up");
            }
            fixture.machine.check("ip", "-n", h1, "link", "add", PROVIDER_INTERFACE, "type", "veth", "peer", "name",
                    PROVIDER_INTERFACE, "netns", h2);
            for (String host : fixture.hosts) {
                fixture.machine.check("ip", "-n", host, "link", "set", PROVIDER_INTERFACE, "up");
            }
            CommandResult vxlan = fixture.machine.execute(Command.of("ip", "-n", h1, "link", "add", "vxprobe", "type",
                    "vxlan", "id", "99", "dstport", "4789"));
            assumeTrue(vxlan.exitCode() == 0, "VXLAN devices cannot be made here (" + vxlan.stderr().strip()
                    + "): skipped");
            fixture.machine.check("ip", "-n", h1, "link", "delete", "vxprobe");
            return fixture;
        } catch (RuntimeException | Error e) {
            fixture.close();
            throw e;
        }
    }

    /** The root helper an agent of host {@code i} (0 or 1) gets. */
    String rootHelper(int i) {
        return "ip netns exec " + hosts.get(i);
    }

    /** A VM namespace {@code <prefix>-<name>} with lo up. */
    String vm(String name) {
        String ns = prefix + "-" + name;
        machine.check("ip", "netns", "add", ns);
        namespaces.add(ns);
        machine.check("ip", "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /**
     * Plugs the VM as Nova's interface driver would: a veth whose host end is {@code tap} in
     * host {@code i} (left down, unbridged and at the default MTU, for the agent) and whose VM
     * end is {@code eth0} with the port's MAC, address and MTU, up.
     */
    void plug(int i, String tap, String vm, String mac, String cidr, int mtu) {
        machine.check("ip", "-n", hosts.get(i), "link", "add", tap, "type", "veth",
                "peer", "name", "eth0", "address", mac, "mtu", Integer.toString(mtu), "netns", vm);
        machine.check("ip", "-n", vm, "address", "add", cidr, "dev", "eth0");
        machine.check("ip", "-n", vm, "link", "set", "eth0", "up");
    }

    /** Unplugs: deletes the tap (its VM end goes with it). */
    void unplug(int i, String tap) {
        machine.check("ip", "-n", hosts.get(i), "link", "delete", tap);
    }

    /** Whether one ICMP echo from {@code vm} to {@code address} is answered within a second. */
    boolean ping(String vm, String address) {
        return machine.execute(pingCommand(vm, address, 1, "1")).exitCode() == 0;
    }

    /** {@code count} echoes every {@code interval} seconds from {@code vm}; the command to run. */
    Command pingCommand(String vm, String address, int count, String interval) {
        List<String> argv = new ArrayList<>(List.of("busybox", "ping", "-c", Integer.toString(count), "-W", "1"));
        if (!"1".equals(interval)) {
            argv.addAll(List.of("-i", interval));
        }
        argv.add(address);
        return Command.of(argv).inNamespace(vm);
    }

    /** Whether host {@code i} has a device called {@code name}. */
    boolean hasLink(int i, String name) {
        return machine.execute(Command.of("ip", "-n", hosts.get(i), "link", "show", "dev", name)).exitCode() == 0;
    }

    @Override
    public void close() {
        for (String ns : namespaces.reversed()) {
            try {
                String pids = machine.execute(Command.of("ip", "netns", "pids", ns)).stdout();
                for (String pid : pids.split("\\s+")) {
                    if (pid.matches("\\d+")) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                machine.execute(Command.of("ip", "netns", "delete", ns));
            } catch (RuntimeException e) {
                LOG.warn("cleanup of namespace {} failed: {}", ns, e.toString());
            }
        }
    }
}
