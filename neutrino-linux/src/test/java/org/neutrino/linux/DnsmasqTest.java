package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsmasqTest {
    @TempDir
    Path stateRoot;

    private final RecordingExecutor executor = new RecordingExecutor();

    private Dnsmasq dnsmasq() {
        return new Dnsmasq(executor, stateRoot, DnsmasqSettings.defaults(), DnsmasqFilesTest.NETWORK);
    }

    @Test
    void writesWorldReadableFilesInTheNetworkDirectory() throws IOException {
        Dnsmasq dnsmasq = dnsmasq();
        dnsmasq.writeConfig(DnsmasqFilesTest.sample());
        assertThat(dnsmasq.configDirectory()).isEqualTo(stateRoot.resolve(DnsmasqFilesTest.NETWORK));
        assertThat(Files.readString(dnsmasq.hostsFile())).isEqualTo(Golden.read("golden/dnsmasq/host"));
        assertThat(Files.readString(dnsmasq.optsFile())).isEqualTo(Golden.read("golden/dnsmasq/opts"));
        assertThat(dnsmasq.leasesFile()).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dnsmasq.hostsFile()))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dnsmasq.configDirectory())))
                .isEqualTo("rwxr-xr-x");
        try (var files = Files.list(dnsmasq.configDirectory())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("host", "opts", "leases");
        }
        assertThat(executor.commands()).isEmpty();
    }

    @Test
    void aPidFileOfAnotherProgramIsNotOurDnsmasq() throws IOException {
        Dnsmasq dnsmasq = dnsmasq();
        Files.createDirectories(dnsmasq.configDirectory());
        Files.writeString(dnsmasq.pidFile(), ProcessHandle.current().pid() + "\n");
        assertThat(dnsmasq.isRunning()).isFalse();
        dnsmasq.stop();
        assertThat(executor.commands()).as("nothing is killed").isEmpty();
        assertThatThrownBy(dnsmasq::reload).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void disableRemovesTheDirectory() {
        Dnsmasq dnsmasq = dnsmasq();
        dnsmasq.writeConfig(DnsmasqFilesTest.sample());
        dnsmasq.disable();
        assertThat(dnsmasq.configDirectory()).doesNotExist();
    }

    @Test
    void configOfAnotherNetworkIsRefused() {
        DhcpNetworkConfig other = new DhcpNetworkConfig("other", "ns-x", List.of(), List.of(), 0);
        assertThatThrownBy(() -> dnsmasq().enable(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsInTheDhcpNamespaceOfItsNetwork() {
        assertThat(dnsmasq().namespace()).isEqualTo("qdhcp-" + DnsmasqFilesTest.NETWORK);
    }
}
