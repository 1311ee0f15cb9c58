package org.neutrino.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.neutrino.lib.exceptions.NeutronException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's database: a connection pool, the schema migrations, and transactions that are
 * run again when the database reports a serialization failure, a deadlock or a lock timeout,
 * when the work asks for it ({@link RetryRequest}), or after a lost race on a unique key.
 *
 * <p>A duplicate key is a lost race only when another transaction committed the row first:
 * PostgreSQL, MariaDB and H2 make an insert wait for a conflicting uncommitted row and fail only
 * once it is committed, so the retry's reads see the winner's row and the work answers with the
 * proper error (or takes another key). One request may lose such races on different keys in a
 * row (the first port and the first security group of a new project both create its quota rows
 * and its default group), so only a duplicate key on {@value #DUPLICATE_ATTEMPTS} attempts running
 * is a conflict the request has with itself — the same row inserted twice — which no retry can
 * cure: it answers 409 then instead of after {@value #MAX_ATTEMPTS} attempts.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int MAX_ATTEMPTS = 20;
    /** Attempts running that failed on a duplicate key after which the request conflicts with itself. */
    private static final int DUPLICATE_ATTEMPTS = 3;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String kind;

    private Database(HikariDataSource dataSource, String kind) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.kind = kind;
    }

    /** Opens the pool and brings the schema up to date. */
    public static Database open(DatabaseUrl url, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName("neutrino-db");
        config.setAutoCommit(true);
        config.setConnectionTimeout(30_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        LOG.info("database ready: {} ({})", url.jdbcUrl().replaceAll("password=[^;&]*", "password=***"), url.kind());
        return new Database(dataSource, url.kind());
    }

    /** {@code h2}, {@code postgresql} or {@code mariadb}. */
    public String kind() {
        return kind;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Work done inside one transaction; may be run more than once. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Handle handle);
    }

    /**
     * Runs {@code work} in a READ COMMITTED transaction, again (with a short random back-off) when
     * it fails for a reason a retry can cure.
     */
    public <T> T inTransaction(TransactionWork<T> work) {
        int duplicatesRunning = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work::run);
            } catch (RuntimeException e) {
                Failure failure = classify(e);
                duplicatesRunning = failure == Failure.DUPLICATE ? duplicatesRunning + 1 : 0;
                if (duplicatesRunning >= DUPLICATE_ATTEMPTS) {
                    LOG.warn("a unique key was violated on every retry: the request conflicts with itself", e);
                    throw NeutronException.conflict("Conflict",
                            "The request conflicts with itself: it would store the same value twice.");
                }
                if (attempt >= MAX_ATTEMPTS || failure == Failure.PERMANENT) {
                    throw translate(e);
                }
                LOG.debug("transaction attempt {} failed, retrying: {}", attempt, e.toString());
                backOff(attempt);
            }
        }
    }

    /** Why a transaction failed, as far as retrying it goes. */
    private enum Failure {
        /** A serialization failure, deadlock, lock timeout or {@link RetryRequest}: run it again. */
        TRANSIENT,
        /** A unique key already taken: a lost race, or a self-conflict when it keeps happening. */
        DUPLICATE,
        /** Anything else: no retry. */
        PERMANENT
    }

    /** Runs read-only work on one connection, no transaction. */
    public <T> T read(TransactionWork<T> work) {
        try {
            return jdbi.withHandle(work::run);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static Failure classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetryRequest || t instanceof SQLException sql && DatabaseUrl.isRetriable(sql)) {
                return Failure.TRANSIENT;
            }
            if (t instanceof SQLException sql && DatabaseUrl.isDuplicate(sql)) {
                return Failure.DUPLICATE;
            }
        }
        return Failure.PERMANENT;
    }

    private static RuntimeException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NeutronException neutron) {
                return neutron;
            }
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.net.ConnectException) {
                return DatabaseUrl.unavailable((Exception) t);
            }
        }
        return e;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempt, 10) * 3L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
