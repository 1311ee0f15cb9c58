package org.neutrino.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.neutrino.db.DatabaseUrl;

/** Throw-away PostgreSQL databases for tests, created and dropped through an admin URL. */
public final class PostgresDatabases {
    /** PostgreSQL's "insufficient privilege": FORCE met a backend of another role (autovacuum). */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final int DROP_ATTEMPTS = 20;

    private PostgresDatabases() {
    }

    /** Creates a database named {@code prefix} plus a random suffix; returns its name. */
    public static String create(String adminUrl, String prefix) throws SQLException {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(adminUrl, "CREATE DATABASE " + name);
        return name;
    }

    /**
     * Drops a database and whoever is still connected to it. An autovacuum worker that has just
     * started on it cannot be terminated by a non-superuser: it finishes in moments, so the drop is
     * tried again.
     */
    public static void drop(String adminUrl, String name) throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (SQLException e) {
                if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState()) || attempt == DROP_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(100L * attempt);
            }
        }
    }

    /** The connection URL of database {@code name} on the server of {@code adminUrl}. */
    public static String urlOf(String adminUrl, String name) {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    private static void execute(String url, String sql) throws SQLException {
        DatabaseUrl admin = DatabaseUrl.parse(url, Path.of("."));
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
