package org.neutrino.fullstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.neutrino.linux.CommandResult;

/**
 * The DHCP client of the VMs: BusyBox {@code udhcpc} in the VM namespace, in the foreground until
 * it has a lease, with a script that applies the lease to eth0 (address, MTU, default route).
 * The VM's {@code /etc/netns/<vm>/resolv.conf} exists beforehand (see
 * {@link FullstackLab#vmNamespace}), so the host's resolv.conf is left alone.
 */
final class DhcpClient {
    /** How many DISCOVERs udhcpc sends, one a second, before giving up. */
    static final int ATTEMPTS = 20;
    private static final String SCRIPT = """
            #!/bin/sh
            # Applies a lease to the interface of the namespace this runs in.
            case "$1" in
              bound|renew)
                ip address flush dev "$interface"
                ip address add "$ip/$mask" dev "$interface"
                [ -n "$mtu" ] && ip link set dev "$interface" mtu "$mtu"
                [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
                ;;
            esac
            exit 0
            """;

    private final FullstackLab lab;
    private final Path script;

    DhcpClient(FullstackLab lab) {
        this.lab = lab;
        this.script = lab.workDir().resolve("udhcpc.sh");
        try {
            Files.writeString(script, SCRIPT);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs udhcpc in {@code vm} until it has applied a lease; returns how long that took.
     *
     * @throws IllegalStateException when no lease came within {@value #ATTEMPTS} attempts
     */
    Duration lease(VirtualMachine vm) {
        long started = System.nanoTime();
        CommandResult result = lab.tryInNamespace(vm.namespace(), "udhcpc", "-q", "-n", "-f", "-i", "eth0",
                "-t", Integer.toString(ATTEMPTS), "-T", "1", "-O", "mtu", "-s", script.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("no DHCP lease in " + vm.namespace() + " (" + vm.macAddress() + ") after "
                    + took.toMillis() + " ms: " + result.stdout() + result.stderr());
        }
        return took;
    }
}
