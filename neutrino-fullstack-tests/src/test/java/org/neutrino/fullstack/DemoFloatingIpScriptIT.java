package org.neutrino.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's floating-IP walkthrough as its script runs it: {@code scripts/demo-floating-ip.sh}
 * on the all-in-one (router plugin, iptables firewall) ends with a ping of the floating IP, TCP 22
 * open and TCP 23 dropped from outside, and removes every namespace it made.
 */
@Tag("root")
class DemoFloatingIpScriptIT {
    @RegisterExtension
    static final FullstackLab LAB = new FullstackLab(Prerequisites.ALL_IN_ONE,
            Prerequisites.programs("dnsmasq", "udhcpc", "socat", "iptables", "ipset", "openstack"));

    private static final Path SCRIPT = Path.of("..", "scripts", "demo-floating-ip.sh").toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 600;

    @Test
    void theWalkthroughReachesTheInstanceByItsFloatingIpAndLeavesNothingBehind() throws Exception {
        Path output = Files.createTempFile("demo-floating-ip", ".log");
        try {
            Process script = new ProcessBuilder(SCRIPT.toString()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!script.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                script.destroy(); // SIGTERM: the script's trap removes what it made
                script.waitFor(120, TimeUnit.SECONDS);
                script.destroyForcibly();
            }
            String log = Files.readString(output);
            assertThat(script.exitValue()).as("exit status of the script, whose output is:\n" + log).isZero();
            assertThat(log)
                    .contains("3 packets transmitted, 3 packets received")
                    .contains("TCP 22 to 203.0.113.50 opens: hello from fip-vm")
                    .contains("TCP 23 to 203.0.113.50 does not open")
                    .containsPattern("-A neutrino-l3-PREROUTING -d 203.0.113.50/32 -j DNAT --to-destination 172\\.16\\.1\\.\\d+");
            assertThat(namespaces()).doesNotContain("fip-host", "fip-out", "fip-vm");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String namespaces() throws IOException, InterruptedException {
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String names = new String(list.getInputStream().readAllBytes());
        list.waitFor();
        return names;
    }
}
