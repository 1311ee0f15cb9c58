package org.neutrino.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neutrino.server.testing.TestServer;

/** {@code [DEFAULT] backlog} reaches the kernel: {@code ss} shows it as the listening socket's Send-Q. */
class ListeningSocketTest {

    @Test
    void backlogIsTheListeningSocketsQueueLength() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")), "ss (iproute2) is not installed");
        try (TestServer server = TestServer.start(Map.of("DEFAULT.backlog", "77"))) {
            int port = server.server().port();
            Process ss = new ProcessBuilder("ss", "-Hltn", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ss.waitFor()).isZero();
            // State Recv-Q Send-Q Local-Address:Port Peer-Address:Port: for a listener, Send-Q is the backlog
            assertThat(out.trim().split("\\s+")[2]).as(out).isEqualTo("77");
        }
    }
}
