package org.neutrino.cli;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes that drive the CLI against a real neutrino-server (noauth, H2, the
 * router plugin, VLANs on physnet1), one server per class; a subclass overriding
 * {@link #viaPicocli()} runs the same command lines through picocli instead of the fast path.
 */
abstract class AgainstRealServer {
    static RealServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start(Map.of("DEFAULT.service_plugins", "router",
                "ml2_type_vlan.network_vlan_ranges", "physnet1:100:199"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /** Whether command lines go through picocli rather than the fast path. */
    boolean viaPicocli() {
        return false;
    }

    ServerCli cli() {
        return new ServerCli(server, viaPicocli());
    }
}
