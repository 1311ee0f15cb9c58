package org.neutrino.server.concurrency;

import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;
import org.neutrino.server.testing.PostgresDatabases;

/**
 * A fresh, empty PostgreSQL database on the server named by {@code NEUTRINO_TEST_PG_URL}
 * ({@code scripts/lib/postgres.sh start DIR} prints it), dropped on {@link #close()}.
 */
final class PostgresTestDatabase implements AutoCloseable {
    private final String adminUrl;
    private final String name;

    private PostgresTestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
    }

    /** The server's URL, or {@code null} when no PostgreSQL is configured for tests. */
    static String serverUrl() {
        return System.getProperty("NEUTRINO_TEST_PG_URL", System.getenv("NEUTRINO_TEST_PG_URL"));
    }

    /** Skips the calling test with a clear message when {@code NEUTRINO_TEST_PG_URL} is not set. */
    static void assumeAvailable() {
        Assumptions.assumeTrue(serverUrl() != null,
                "NEUTRINO_TEST_PG_URL is not set: start a test PostgreSQL with eval \"$(scripts/lib/postgres.sh start DIR)\"");
    }

    /** Creates a database with a random name. */
    static PostgresTestDatabase create() throws SQLException {
        assumeAvailable();
        return new PostgresTestDatabase(serverUrl(), PostgresDatabases.create(serverUrl(), "nt_conc_"));
    }

    /** The {@code [database] connection} value of this database. */
    String connection() {
        return PostgresDatabases.urlOf(adminUrl, name);
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        PostgresDatabases.drop(adminUrl, name);
    }
}
