package org.neutrino.server.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The real Keystone of {@code scripts/lib/keystone.sh}, found through
 * {@code NEUTRINO_TEST_KEYSTONE_URL}: its users, and the options that put a Neutrino server in
 * keystone mode behind it.
 *
 * <p>Clients find the network service through the Keystone catalog, whose network endpoint
 * keystone.sh sets to {@value #NETWORK_ENDPOINT}: a server under test in keystone mode therefore
 * listens on port {@value #NETWORK_PORT}.
 *
 * @param identityUrl the Identity v3 URL, e.g. {@code http://127.0.0.1:5000/v3}
 */
record TestKeystone(String identityUrl) {
    static final int NETWORK_PORT = 9696;
    static final String NETWORK_ENDPOINT = "http://127.0.0.1:9696";
    static final String DOMAIN = "Default";

    /** A Keystone user of keystone.sh and the project its password-scoped tokens are for. */
    record User(String name, String password, String project) {
    }

    static final User ADMIN = new User("admin", "secretadmin", "admin");
    static final User DEMO = new User("demo", "secretdemo", "demo");
    static final User DEMO_READER = new User("demoreader", "secretreader", "demo");
    static final User ALT = new User("alt", "secretalt", "alt");

    TestKeystone {
        if (identityUrl == null || identityUrl.isBlank()) {
            throw new IllegalArgumentException("identityUrl is required");
        }
    }

    /**
     * The Keystone of this run; skips the calling test when {@code NEUTRINO_TEST_KEYSTONE_URL} is
     * unset or when port {@value #NETWORK_PORT} is taken by something else.
     */
    static TestKeystone fromEnvironment() {
        String url = System.getenv("NEUTRINO_TEST_KEYSTONE_URL");
        assumeTrue(url != null && !url.isBlank(),
                "NEUTRINO_TEST_KEYSTONE_URL is not set: run `eval \"$(scripts/lib/keystone.sh start DIR)\"` first");
        assumeTrue(portFree(NETWORK_PORT), "port " + NETWORK_PORT + " (the network endpoint of the test Keystone's "
                + "catalog) is in use by another process: a keystone-mode server under test cannot listen there");
        return new TestKeystone(url);
    }

    /** {@code TestServer} overrides for a server in keystone mode on the catalog's port, with the service user. */
    Map<String, String> serverOptions() {
        return Map.of(
                "DEFAULT.auth_strategy", "keystone",
                "DEFAULT.bind_port", String.valueOf(NETWORK_PORT),
                "keystone_authtoken.auth_url", identityUrl,
                "keystone_authtoken.username", "neutron",
                "keystone_authtoken.password", "secretneutron",
                "keystone_authtoken.project_name", "service",
                "keystone_authtoken.user_domain_name", DOMAIN,
                "keystone_authtoken.project_domain_name", DOMAIN);
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
