package org.neutrino.server.concurrency;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.neutrino.db.DatabaseUrl;

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
        String name = "nt_conc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(serverUrl(), "CREATE DATABASE " + name);
        return new PostgresTestDatabase(serverUrl(), name);
    }

    /** The {@code [database] connection} value of this database. */
    String connection() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    @Override
    public void close() throws SQLException {
        execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String url, String sql) throws SQLException {
        DatabaseUrl admin = DatabaseUrl.parse(url, Path.of("."));
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
