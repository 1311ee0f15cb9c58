package org.neutrino.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neutrino.lib.exceptions.NeutronException;

/**
 * Which failed transactions {@link Database#inTransaction} runs again: a lost race on a unique
 * key is retried (the retry sees the winner's row), a request that stores the same key twice
 * answers 409 after three attempts instead of twenty.
 */
class DatabaseRetryTest {
    private Database database;

    @BeforeEach
    void open() {
        String name = "retry" + UUID.randomUUID().toString().replace("-", "");
        database = Database.open(DatabaseUrl.parse("jdbc:h2:mem:" + name + ";LOCK_TIMEOUT=20000",
                Path.of(".")), 4);
        database.jdbi().useHandle(h -> h.execute("CREATE TABLE keys_test (k VARCHAR(10) PRIMARY KEY)"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static boolean exists(Handle h, String key) {
        return h.createQuery("SELECT COUNT(*) FROM keys_test WHERE k = :k").bind("k", key).mapTo(Integer.class).one() > 0;
    }

    private static void insert(Handle h, String key) {
        h.createUpdate("INSERT INTO keys_test (k) VALUES (:k)").bind("k", key).execute();
    }

    /** Another request's transaction (on its own thread: Jdbi would lend this thread's handle). */
    private void commitInAnotherTransaction(String key) {
        Thread winner = Thread.ofPlatform().start(() -> database.inTransaction(h -> {
            insert(h, key);
            return null;
        }));
        try {
            winner.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLostRaceOnAUniqueKeyIsRetriedAndTheRetrySeesTheWinner() {
        AtomicInteger attempts = new AtomicInteger();
        String outcome = database.inTransaction(h -> {
            attempts.incrementAndGet();
            if (exists(h, "a")) {
                return "taken by the winner";
            }
            if (attempts.get() == 1) {
                commitInAnotherTransaction("a");
            }
            insert(h, "a");
            return "inserted";
        });
        assertThat(outcome).isEqualTo("taken by the winner");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aRequestThatStoresTheSameKeyTwiceAnswers409AfterThreeAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> database.inTransaction(h -> {
            attempts.incrementAndGet();
            insert(h, "b");
            insert(h, "b");
            return null;
        })).isInstanceOfSatisfying(NeutronException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.type()).isEqualTo("Conflict");
        });
        assertThat(attempts).hasValue(3);
        boolean stored = database.read(h -> exists(h, "b"));
        assertThat(stored).isFalse();
    }

    @Test
    void aTransientFailureIsRetriedUntilItPasses() {
        AtomicInteger attempts = new AtomicInteger();
        int succeededAt = database.inTransaction(h -> {
            if (attempts.incrementAndGet() < 5) {
                throw new RetryRequest("not yet");
            }
            insert(h, "c");
            return attempts.get();
        });
        assertThat(succeededAt).isEqualTo(5);
    }

    @Test
    void workRegisteredToRunAfterCommitRunsOnceForTheAttemptThatCommits() {
        commitInAnotherTransaction("taken");
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger afterCommit = new AtomicInteger();
        java.util.List<Integer> ranFor = new java.util.concurrent.CopyOnWriteArrayList<>();
        database.inTransaction(h -> {
            int attempt = attempts.incrementAndGet();
            h.afterCommit(() -> ranFor.add(attempt));
            h.afterCommit(afterCommit::incrementAndGet);
            if (attempt == 1) {
                insert(h, "taken"); // a lost race: the first attempt fails and rolls back
            }
            return null;
        });
        assertThat(attempts).hasValue(2);
        assertThat(ranFor).containsExactly(2);
        assertThat(afterCommit).hasValue(1);

        AtomicInteger afterRefusal = new AtomicInteger();
        assertThatThrownBy(() -> database.inTransaction(h -> {
            h.afterCommit(afterRefusal::incrementAndGet);
            throw NeutronException.conflict("Refused", "no");
        })).isInstanceOf(NeutronException.class);
        assertThat(afterRefusal).hasValue(0);
    }
}
