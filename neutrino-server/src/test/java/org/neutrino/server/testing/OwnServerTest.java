package org.neutrino.server.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes that start a {@link TestServer} of their own for the class (rather
 * than sharing the run's), closed when the class ends.
 */
public abstract class OwnServerTest {
    protected static TestServer server;
    protected static ApiClient admin;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
        admin = server.admin();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }
}
