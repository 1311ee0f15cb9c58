package org.neutrino.server.concurrency;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.neutrino.server.testing.ApiClient;
import org.neutrino.server.testing.TestServer;

/** What the race tests share: a server on H2 or on a fresh PostgreSQL database, and calls released at one moment. */
final class Races {
    private Races() {
    }

    /** A race run against a server. */
    interface Scenario {
        void run(TestServer server) throws Exception;
    }

    /** Runs {@code scenario} on a server with {@code overrides} on {@code database}: {@code h2} or {@code postgresql}. */
    static void on(String database, Map<String, String> overrides, Scenario scenario) throws Exception {
        PostgresTestDatabase pg = database.equals("postgresql") ? PostgresTestDatabase.create() : null;
        Map<String, String> all = new HashMap<>(overrides);
        if (pg != null) {
            all.put("database.connection", pg.connection());
        }
        try (TestServer server = TestServer.start(all)) {
            scenario.run(server);
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** Runs the calls at the same moment; returns their answers in order. */
    static List<ApiClient.Response> together(List<Callable<ApiClient.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (Callable<ApiClient.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<ApiClient.Response> out = new ArrayList<>();
            for (Future<ApiClient.Response> future : futures) {
                out.add(future.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
