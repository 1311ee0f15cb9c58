package org.neutrino.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.neutrino.lib.exceptions.NeutronException;

/**
 * A {@code [database] connection} value in SQLAlchemy form ({@code postgresql://u:p@h:5432/db},
 * {@code postgresql+psycopg2://...}, {@code mysql+pymysql://...}), or a plain JDBC URL, turned
 * into what JDBC needs. Empty means the embedded H2 database under the state path.
 *
 * @param jdbcUrl  the JDBC URL
 * @param user     user name or {@code null}
 * @param password password or {@code null}
 * @param kind     {@code h2}, {@code postgresql} or {@code mariadb}
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, String kind) {

    /** Parses {@code connection}; {@code statePath} holds the embedded database when it is empty. */
    public static DatabaseUrl parse(String connection, Path statePath) {
        if (connection == null || connection.isBlank()) {
            Path file = statePath.toAbsolutePath().resolve("neutrino");
            // WRITE_DELAY=0: every commit reaches the file before the call returns, so a kill -9
            // loses nothing acknowledged.
            return new DatabaseUrl("jdbc:h2:file:" + file + ";WRITE_DELAY=0;LOCK_TIMEOUT=20000;DB_CLOSE_ON_EXIT=FALSE",
                    "sa", "", "h2");
        }
        if (connection.startsWith("jdbc:")) {
            String kind = connection.startsWith("jdbc:postgresql:") ? "postgresql"
                    : connection.startsWith("jdbc:h2:") ? "h2" : "mariadb";
            return new DatabaseUrl(connection, null, null, kind);
        }
        URI uri;
        try {
            uri = URI.create(connection);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[database] connection is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        String dialect = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        String kind = switch (dialect) {
            case "postgresql", "postgres" -> "postgresql";
            case "mysql", "mariadb" -> "mariadb";
            default -> throw new IllegalArgumentException("[database] connection: unsupported database '" + scheme
                    + "' (use postgresql://, mysql:// or mariadb://, or leave it empty for the embedded H2)");
        };
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : kind.equals("postgresql") ? 5432 : 3306;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = "jdbc:" + kind + "://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
        return new DatabaseUrl(jdbc, user, password, kind);
    }

    /** Whether a failed statement is worth running the whole transaction again. */
    static boolean isRetriable(java.sql.SQLException e) {
        String state = e.getSQLState();
        int code = e.getErrorCode();
        return "40001".equals(state) || "40P01".equals(state) || "55P03".equals(state)
                || code == 90131 /* H2 concurrent update */ || code == 50200 /* H2 lock timeout */
                || code == 40001 || code == 1213 /* MySQL deadlock */ || code == 1205;
    }

    /** Whether a failed statement broke a unique or primary key constraint. */
    static boolean isDuplicate(java.sql.SQLException e) {
        return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062;
    }

    static NeutronException unavailable(Exception e) {
        return NeutronException.serviceUnavailable("ServiceUnavailable", "The database is not available: " + e.getMessage());
    }
}
