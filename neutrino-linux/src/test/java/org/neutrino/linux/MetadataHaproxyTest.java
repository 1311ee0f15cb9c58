package org.neutrino.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The haproxy.cfg of a router's metadata proxy (the running proxy is exercised by the fullstack tests). */
class MetadataHaproxyTest {
    private static final String ROUTER = "5d1e0c4a-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    @Test
    void listensOnThePortSetsTheRouterAndForwardsToTheSocket() {
        String config = MetadataHaproxy.ofRouter(new RecordingExecutor(), "qrouter-" + ROUTER, ROUTER, dir)
                .config(Path.of("/var/lib/neutrino/metadata_proxy"), 9697);
        assertThat(config).contains("    pidfile     " + dir.resolve("haproxy.pid") + "\n", "    daemon\n",
                "    option forwardfor\n", "    bind 0.0.0.0:9697\n", "    server metadata /var/lib/neutrino/metadata_proxy\n",
                "    http-request del-header X-Forwarded-For\n", "    http-request del-header X-Neutron-Network-ID\n",
                "    http-request set-header X-Neutron-Router-ID " + ROUTER + "\n");
    }

    @Test
    void aNetworksProxyListensOnTheMetadataAddressAndSetsTheNetwork() {
        String config = MetadataHaproxy.ofNetwork(new RecordingExecutor(), "qdhcp-" + ROUTER, ROUTER, dir)
                .config(Path.of("/var/lib/neutrino/metadata_proxy"), 80);
        assertThat(config).contains("    bind 169.254.169.254:80\n", "    server metadata /var/lib/neutrino/metadata_proxy\n",
                "    http-request del-header X-Forwarded-For\n", "    http-request del-header X-Neutron-Router-ID\n",
                "    http-request set-header X-Neutron-Network-ID " + ROUTER + "\n");
        assertThat(config).doesNotContain("set-header X-Neutron-Router-ID", "0.0.0.0");
    }

    @Test
    void refusesWhatWouldBreakTheConfigurationFile() {
        MetadataHaproxy proxy = MetadataHaproxy.ofRouter(new RecordingExecutor(), "qrouter-" + ROUTER, ROUTER, dir);
        assertThatThrownBy(() -> proxy.config(Path.of("/tmp/a b"), 9697)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proxy.config(Path.of("/tmp/s"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetadataHaproxy.ofNetwork(new RecordingExecutor(), "ns", "id\nserver evil", dir))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
